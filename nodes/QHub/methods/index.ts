import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { searchPages } from '../../shared/paging';
import { QHUB } from '../api';
import { qhubList, qhubPage } from '../transport';

const option = (record: { id?: unknown; name?: unknown }) => ({
	name: String(record.name ?? record.id),
	value: String(record.id),
});

export const loadOptions = {
	/** All active locations: the multi-select of Create User shows every one. */
	async getLocations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return (await qhubList.call(this, QHUB.paths.locations, {}, undefined)).map(option);
	},
};

export const listSearch = {
	async searchLocations(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		// Q-Hub has no name search [assumed]: pages are filtered here.
		return await searchPages(
			{
				fetchPage: async ({ page, pageSize }) =>
					await qhubPage.call(this, QHUB.paths.locations, {}, page, pageSize),
				pageSize: QHUB.paging.maxPageSize,
				label: (record) => option(record).name,
				filter,
				pagesPerSearch: 3,
			},
			paginationToken,
		);
	},
};
