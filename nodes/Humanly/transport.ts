import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
} from 'n8n-workflow';
import { z } from 'zod';

import type { VendorError } from '../shared/errors';
import { collectPages, type Page } from '../shared/paging';
import { expectShape } from '../shared/answer';
import { requestBody, type ApiCall, type VendorProfile } from '../shared/transport';
import { HUMANLY } from './api';

/**
 * Humanly allows a burst of 100 requests a minute and 1000 an hour (sliding windows). Waiting out the
 * minute is worth it; the hour window is not something a node should sit through by default.
 */
export const HUMANLY_DEFAULT_MAX_WAIT_SECONDS = 60;
const BURST_WINDOW_MS = 60_000;
/** Gets in flight at once by default; the rate-limit headers still pace them within 100 a minute. */
export const HUMANLY_CONCURRENT_READS = 4;

type Context = IExecuteFunctions | ILoadOptionsFunctions;

/** The API address of the credential's environment, without a trailing slash. */
export function humanlyBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'production');
	if (environment === 'custom')
		return String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, '');
	return environment === 'staging' ? HUMANLY.environments.staging : HUMANLY.environments.production;
}

/** The documented error envelope: `{ error: { code, message, details? }, meta: { requestId, timestamp } }`. */
const errorEnvelope = z
	.object({
		error: z
			.object({
				code: z.string().optional(),
				message: z.string().optional(),
				details: z.unknown().optional(),
			})
			.passthrough(),
		meta: z.object({ requestId: z.string().optional() }).passthrough().optional(),
	})
	.passthrough();

const HINTS: Record<number, string> = {
	400: 'Correct the field named in the details, then run the item again.',
	401: 'Check the API key of the Humanly credential (it starts with qapi_) and its environment: a key works only in the environment (production or staging) it was issued for. Keys are issued by Humanly.',
	403: 'The API key is not allowed to do this. Ask Humanly which permissions the key has.',
	404: 'Check the ID: it may not exist, or belong to another organization (the API key decides the organization).',
	500: 'Humanly had an internal error. Run the item again later; if it persists, quote the request ID to Humanly support.',
	503: 'Humanly is temporarily unavailable. Run the workflow again later, or raise Max Wait under Request Options.',
};

/** The most specific advice for an error: some validation answers have a known cause. */
function hintFor(status: number, error: VendorError): string | undefined {
	const field = (error.details as { field?: unknown } | undefined)?.field;
	if (status === 400 && field === 'deliveryTypes') {
		return 'An invite goes by SMS only to a candidate who opted in to SMS (SMS Opt In on the candidate) and has a phone number. Choose Email delivery, or update the candidate first.';
	}
	if (status === 400 && field === 'userId') {
		return 'This Humanly API asks who creates the question (its older reference requires userId): pick a user under Created By, then run the item again.';
	}
	if (status === 400 && typeof field === 'string' && /teamIds$/.test(field)) {
		return 'Every user needs at least one team of your organization (the one the API key belongs to). Pick teams from the list or check the IDs.';
	}
	return HINTS[status];
}

export const humanlyProfile: VendorProfile = {
	displayName: 'Humanly',
	credentialType: 'humanlyApi',
	secretFields: ['apiKey'],
	url: (credentials, path) => `${humanlyBaseUrl(credentials)}${path}`,
	rateLimitHeaders: {
		limit: 'x-ratelimit-limit',
		remaining: 'x-ratelimit-remaining',
		reset: 'x-ratelimit-reset',
	},
	defaultMaxWaitSeconds: HUMANLY_DEFAULT_MAX_WAIT_SECONDS,
	refusalWindowMs: BURST_WINDOW_MS,
	parseError(body) {
		const parsed = errorEnvelope.safeParse(body);
		if (!parsed.success) return {};
		const { error, meta } = parsed.data;
		return {
			code: error.code,
			message: error.message,
			details: error.details,
			requestId: meta?.requestId,
		};
	},
	hint: hintFor,
};

/** One call; returns the whole body (the `{ data, meta }` envelope). */
export async function humanlyRequest(
	this: Context,
	call: ApiCall,
	itemIndex = 0,
): Promise<IDataObject> {
	return (await requestBody.call(this, humanlyProfile, call, itemIndex)) as IDataObject;
}

const recordEnvelope = z.object({ data: z.record(z.unknown()) }).passthrough();

const isRecord = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** A get-one answer that Humanly may wrap (`data.interview`), named by its key of `HUMANLY.records`. */
export type WrappedRecord = keyof typeof HUMANLY.records;

/**
 * One call whose answer is one record (`data` is an object); returns that record. `wrapped` names
 * the key a record may sit under (`data.interview` on the newer pages, `data` itself on the older):
 * the record is taken from under it when it is there, else `data` is the record.
 */
export async function humanlyRecord(
	this: Context,
	call: ApiCall,
	itemIndex = 0,
	wrapped?: WrappedRecord,
): Promise<IDataObject> {
	const body = await humanlyRequest.call(this, call, itemIndex);
	const { data } = expectShape(
		this,
		recordEnvelope,
		body,
		`${call.method} ${call.path}`,
		itemIndex,
	);
	const inner = wrapped === undefined ? undefined : data[HUMANLY.records[wrapped]];
	return (isRecord(inner) ? inner : data) as IDataObject;
}

/** A list of api.ts (`HUMANLY.lists`); its path is `HUMANLY.paths.<list>`. */
export type ListName = keyof typeof HUMANLY.lists;
/** A list Humanly pages (`HUMANLY.paging`). */
export type PagedList = keyof typeof HUMANLY.paging;

/** What an answer held where records were expected, by shape only: its values may be personal data. */
function shapeOf(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (Array.isArray(value)) {
		const kinds = [...new Set(value.map((entry) => (isRecord(entry) ? 'object' : typeof entry)))];
		return `a list of ${value.length} (${kinds.join(', ') || 'empty'})`;
	}
	if (isRecord(value)) {
		const keys = Object.keys(value);
		return keys.length === 0 ? 'an empty object' : `an object with ${keys.slice(0, 8).join(', ')}`;
	}
	return `a ${typeof value}`;
}

/**
 * The one reader of every Humanly list answer. The pages show two shapes: the records as `data`
 * itself (candidate interviews, narrators) or as `data.<list>` (users, teams, candidates, message
 * groups), and the paging block in `meta.pagination` (candidate interviews) or, as other answers
 * have it, `data.pagination`. Both are read for every list; anything else fails the item naming the
 * request and what came back.
 */
export function readList(
	context: Context,
	body: unknown,
	list: ListName,
	request: string,
	itemIndex?: number,
): Page<IDataObject> {
	const key = HUMANLY.lists[list];
	const data = isRecord(body) ? body.data : undefined;
	const records = Array.isArray(data) ? data : isRecord(data) ? data[key] : undefined;
	if (!Array.isArray(records) || !records.every(isRecord)) {
		const found =
			isRecord(data) && key in data
				? `data.${key} is ${shapeOf(data[key])}`
				: `data is ${shapeOf(data)}`;
		throw new NodeOperationError(
			context.getNode(),
			`Unexpected response shape for ${request}: expected the ${key} as data or data.${key} (a list of records), but ${found}`,
			{
				itemIndex,
				description:
					'Humanly answered this list in a shape the node does not know. Check the list against docs.humanly.io; where the records sit is HUMANLY.lists in the node’s api.ts (listed in the README).',
			},
		);
	}
	const meta = isRecord(body) && isRecord(body.meta) ? body.meta : {};
	const pagination = [meta.pagination, isRecord(data) ? data.pagination : undefined].find(isRecord);
	const totalPages = typeof pagination?.totalPages === 'number' ? pagination.totalPages : undefined;
	return { items: records as IDataObject[], totalPages };
}

/** A list Humanly does not page (users, teams, questions, narrators, message groups): all of it. */
export async function humanlyList(
	this: Context,
	list: ListName,
	qs: IDataObject = {},
	itemIndex = 0,
): Promise<IDataObject[]> {
	const path = HUMANLY.paths[list];
	const body = await humanlyRequest.call(this, { method: 'GET', path, qs }, itemIndex);
	return readList(this, body, list, `GET ${path}`, itemIndex).items;
}

/** One page of a paged list (1-based page number). */
export async function humanlyPage(
	this: Context,
	list: PagedList,
	filters: IDataObject,
	page: number,
	pageSize: number,
	itemIndex = 0,
): Promise<Page<IDataObject>> {
	const { pageParam, sizeParam } = HUMANLY.paging[list];
	const path = HUMANLY.paths[list];
	const body = await humanlyRequest.call(
		this,
		{ method: 'GET', path, qs: { ...filters, [pageParam]: page, [sizeParam]: pageSize } },
		itemIndex,
	);
	return readList(this, body, list, `GET ${path}`, itemIndex);
}

/** A paged Humanly list, read page by page as api.ts says, up to `limit` (undefined: all). */
export async function humanlyPagedList(
	this: Context,
	list: PagedList,
	filters: IDataObject,
	limit: number | undefined,
	itemIndex = 0,
): Promise<IDataObject[]> {
	return await collectPages(
		async ({ page, pageSize }) =>
			await humanlyPage.call(this, list, filters, page, pageSize, itemIndex),
		{ maxPageSize: HUMANLY.paging[list].maxPageSize },
		limit,
	);
}
