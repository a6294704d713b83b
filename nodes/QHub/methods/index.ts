import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { QHUB } from '../api';
import { qhubList } from '../transport';

/** One page of the largest size: the editor's lists must not spend the key's few requests on paging. */
async function activeLocations(context: ILoadOptionsFunctions) {
	return await qhubList.call(context, QHUB.paths.locations, {}, QHUB.paging.maxPageSize);
}

export const loadOptions = {
	async getLocations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const locations = await activeLocations(this);
		return locations.map((location) => ({ name: String(location.name), value: String(location.id) }));
	},
};

export const listSearch = {
	async searchLocations(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const needle = filter?.trim().toLowerCase() ?? '';
		const locations = await activeLocations(this);
		return {
			results: locations
				.filter((location) => String(location.name).toLowerCase().includes(needle))
				.map((location) => ({ name: String(location.name), value: String(location.id) })),
		};
	},
};
