import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { z } from 'zod';

import { collectPages, type Page } from '../shared/paging';
import { expectShape } from '../shared/answer';
import { requestBody, type ApiCall, type VendorProfile } from '../shared/transport';
import { QHUB } from './api';

/**
 * One whole window (Q-Hub's API page: 25 requests per 60 minutes per key): a workflow of 30 creates
 * on a fresh key finishes, the last 5 after the reset, instead of failing them (README, "Every node").
 */
export const QHUB_DEFAULT_MAX_WAIT_SECONDS = 3600;

const errorBody = z
	.object({
		[QHUB.error.codeField]: z.string().optional(),
		[QHUB.error.messageField]: z.string().optional(),
		[QHUB.error.detailsField]: z.unknown().optional(),
	})
	.passthrough();

const HINTS: Record<number, string> = {
	400: 'Correct the fields named in the details, then run the item again.',
	401: 'Check the API key and secret of the Q-Hub credential: both are needed on every request. The account admin makes keys in Q-Hub under Admin > Dev centre > API keys.',
	403: 'The key is not allowed to do this. For a licence limit, create the user with access level View (it takes no seat) or upgrade the Q-Hub licence.',
	404: 'Check the ID: it may have been deleted, or belong to another Q-Hub account.',
	409: 'Q-Hub refused this by one of its business rules; the message says which. Change the data or do it in Q-Hub first.',
	503: 'Q-Hub is usually operational again within about 5 minutes. Run the workflow again later, or raise Max Wait under Request Options.',
};

export const qhubProfile: VendorProfile = {
	displayName: 'Q-Hub',
	credentialType: 'qHubApi',
	secretFields: ['apiKey', 'apiSecret'],
	url: (credentials, path) =>
		`${String(credentials.baseUrl || QHUB.defaultBaseUrl).replace(/\/+$/, '')}${path}`,
	rateLimitHeaders: {
		limit: 'ratelimit-limit',
		remaining: 'ratelimit-remaining',
		reset: 'ratelimit-reset',
	},
	defaultMaxWaitSeconds: QHUB_DEFAULT_MAX_WAIT_SECONDS,
	parseError(body, headers) {
		const parsed = errorBody.safeParse(body);
		const fields = parsed.success ? parsed.data : {};
		const requestId = headers[QHUB.requestIdHeader];
		return {
			code: fields[QHUB.error.codeField] as string | undefined,
			message: fields[QHUB.error.messageField] as string | undefined,
			details: fields[QHUB.error.detailsField],
			requestId: requestId === undefined ? undefined : String(requestId),
		};
	},
	hint: (status) => HINTS[status],
};

export async function qhubRequest(
	this: IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions,
	call: ApiCall,
	itemIndex = 0,
): Promise<IDataObject> {
	return (await requestBody.call(this, qhubProfile, call, itemIndex)) as IDataObject;
}

const listBody = z.object({
	[QHUB.paging.itemsField]: z.array(z.record(z.unknown())),
	meta: z.object({ totalPages: z.number().optional() }).passthrough().optional(),
});

/** One page of a Q-Hub list (1-based page number). */
export async function qhubPage(
	this: IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions,
	path: string,
	filters: IDataObject,
	page: number,
	pageSize: number,
	itemIndex = 0,
): Promise<Page<IDataObject>> {
	const body = await qhubRequest.call(
		this,
		{
			method: 'GET',
			path,
			qs: { ...filters, [QHUB.paging.pageParam]: page, [QHUB.paging.sizeParam]: pageSize },
		},
		itemIndex,
	);
	const parsed = expectShape(this, listBody, body, `GET ${path}`, itemIndex);
	return {
		items: parsed[QHUB.paging.itemsField] as IDataObject[],
		totalPages: parsed.meta?.totalPages,
	};
}

/** Every Q-Hub list, paged as api.ts says, up to `limit` (undefined: all). */
export async function qhubList(
	this: IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions,
	path: string,
	filters: IDataObject,
	limit: number | undefined,
	itemIndex = 0,
): Promise<IDataObject[]> {
	return await collectPages(
		async ({ page, pageSize }) =>
			await qhubPage.call(this, path, filters, page, pageSize, itemIndex),
		{ maxPageSize: QHUB.paging.maxPageSize },
		limit,
	);
}
