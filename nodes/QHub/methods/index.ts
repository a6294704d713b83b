import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { QHUB } from '../api';
import { qhubList, qhubPage } from '../transport';

const option = (record: { id?: unknown; name?: unknown }) => ({
	name: String(record.name ?? record.id),
	value: String(record.id),
});

/** Pages read per search call when a filter hides most records; the editor then asks for more. */
const PAGES_PER_SEARCH = 3;
const ENOUGH_MATCHES = 20;

/**
 * A searchable list of the records under `path`: Q-Hub has no name search [assumed], so pages are
 * read and filtered here, a few per call, and the editor is handed the next page to continue from.
 * Every record can be reached, whatever the list's length, and a search costs few of the key's
 * requests.
 */
async function searchByName(
	context: ILoadOptionsFunctions,
	path: string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase() ?? '';
	const firstPage = Number(paginationToken) >= 1 ? Math.floor(Number(paginationToken)) : 1;
	const results: INodeListSearchResult['results'] = [];
	for (let page = firstPage; page < firstPage + PAGES_PER_SEARCH; page++) {
		const { items, totalPages } = await qhubPage.call(
			context,
			path,
			{},
			page,
			QHUB.paging.maxPageSize,
		);
		results.push(...items.map(option).filter((entry) => entry.name.toLowerCase().includes(needle)));
		const last =
			items.length < QHUB.paging.maxPageSize || (totalPages !== undefined && page >= totalPages);
		if (last) return { results };
		if (needle === '' || results.length >= ENOUGH_MATCHES)
			return { results, paginationToken: String(page + 1) };
	}
	return { results, paginationToken: String(firstPage + PAGES_PER_SEARCH) };
}

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
		return await searchByName(this, QHUB.paths.locations, filter, paginationToken);
	},
};
