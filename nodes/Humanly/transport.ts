import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
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

/** One call whose answer is one record (`data` is an object); returns that record. */
export async function humanlyRecord(
	this: Context,
	call: ApiCall,
	itemIndex = 0,
): Promise<IDataObject> {
	const body = await humanlyRequest.call(this, call, itemIndex);
	return expectShape(this, recordEnvelope, body, `${call.method} ${call.path}`, itemIndex)
		.data as IDataObject;
}

/** One call whose answer is a list under `data.<listField>`; returns the list. */
export async function humanlyArray(
	this: Context,
	call: ApiCall,
	listField: string,
	itemIndex = 0,
): Promise<IDataObject[]> {
	const body = await humanlyRequest.call(this, call, itemIndex);
	const schema = z
		.object({ data: z.object({ [listField]: z.array(z.record(z.unknown())) }).passthrough() })
		.passthrough();
	return expectShape(this, schema, body, `${call.method} ${call.path}`, itemIndex).data[
		listField
	] as IDataObject[];
}

/** A paged list of api.ts: its records at `data.<list>`, at `paths.<list>`. */
export type PagedList = keyof typeof HUMANLY.paging;

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
	const schema = z
		.object({
			data: z
				.object({
					[list]: z.array(z.record(z.unknown())),
					[HUMANLY.paginationField]: z
						.object({ totalPages: z.number().optional() })
						.passthrough()
						.optional(),
				})
				.passthrough(),
		})
		.passthrough();
	const body = await humanlyRequest.call(
		this,
		{ method: 'GET', path, qs: { ...filters, [pageParam]: page, [sizeParam]: pageSize } },
		itemIndex,
	);
	const { data } = expectShape(this, schema, body, `GET ${path}`, itemIndex);
	const pagination = data[HUMANLY.paginationField] as { totalPages?: number } | undefined;
	return { items: data[list] as IDataObject[], totalPages: pagination?.totalPages };
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
