import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchPages } from '../../shared/paging';
import { QFLOW } from '../api';
import { checkinListSearch } from './checkinSearch';
import { qflowUserPage } from '../transport';

/** Pages read per search call when a filter hides most users; the editor then asks for more. */
const PAGES_PER_SEARCH = 5;

function label(user: IDataObject): string {
	const name = [user.firstName, user.lastName]
		.filter((part) => typeof part === 'string' && part !== '')
		.join(' ');
	const email = typeof user.email === 'string' ? user.email : '';
	return name && email ? `${name} (${email})` : name || email || String(user.id);
}

export const listSearch = {
	...checkinListSearch,
	/**
	 * The users API has no search parameter [assumed]: read pages and filter here, a few pages per
	 * call, and hand the editor the next page number to continue from.
	 */
	async searchUsers(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		return await searchPages(
			{
				fetchPage: async ({ page, pageSize }) => ({
					items: await qflowUserPage.call(this, page, pageSize),
				}),
				pageSize: QFLOW.paging.maxPageSize,
				label,
				filter,
				pagesPerSearch: PAGES_PER_SEARCH,
			},
			paginationToken,
		);
	},
};
