import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { QFLOW } from '../api';
import { qflowUserPage } from '../transport';

/** Pages read per search call when a filter hides most users; the editor then asks for more. */
const PAGES_PER_SEARCH = 5;
const ENOUGH_MATCHES = 20;

function label(user: IDataObject): string {
	const name = [user.firstName, user.lastName]
		.filter((part) => typeof part === 'string' && part !== '')
		.join(' ');
	const email = typeof user.email === 'string' ? user.email : '';
	return name && email ? `${name} (${email})` : name || email || String(user.id);
}

export const listSearch = {
	/**
	 * The users API has no search parameter [assumed]: read pages and filter here, a few pages per
	 * call, and hand the editor the next page number to continue from.
	 */
	async searchUsers(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const needle = filter?.trim().toLowerCase() ?? '';
		const pageSize = QFLOW.paging.maxPageSize;
		const firstPage = Number(paginationToken) >= 1 ? Math.floor(Number(paginationToken)) : 1;
		const results: INodeListSearchResult['results'] = [];
		for (let page = firstPage; page < firstPage + PAGES_PER_SEARCH; page++) {
			const users = await qflowUserPage.call(this, page, pageSize);
			for (const user of users) {
				const name = label(user);
				if (needle === '' || name.toLowerCase().includes(needle))
					results.push({ name, value: String(user.id) });
			}
			if (users.length < pageSize) return { results };
			if (needle === '' || results.length >= ENOUGH_MATCHES)
				return { results, paginationToken: String(page + 1) };
		}
		return { results, paginationToken: String(firstPage + PAGES_PER_SEARCH) };
	},
};
