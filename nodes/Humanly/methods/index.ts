import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { HUMANLY } from '../api';
import { humanlyArray, humanlyPage, type PagedList } from '../transport';

/** The editor shows its lists sorted by name. */
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

function teamOption(team: IDataObject): INodePropertyOptions {
	const name = String(team.name ?? team.id);
	const shown =
		team.displayName && team.displayName !== name ? `${name} (${String(team.displayName)})` : name;
	return { name: shown, value: String(team.id) };
}

const person = (record: IDataObject) =>
	`${String(record.firstName ?? '')} ${String(record.lastName ?? '')} <${String(record.email ?? record.id)}>`.trim();

/** Pages read per search call when a filter hides most records; the editor then asks for more. */
const PAGES_PER_SEARCH = 3;
const ENOUGH_MATCHES = 20;

/**
 * A searchable list over a paged Humanly list: the API's own filter where it has one, else pages
 * filtered here, a few per call; the editor is handed the next page to continue from, so every
 * record can be reached.
 */
async function searchPages(
	context: ILoadOptionsFunctions,
	list: PagedList,
	query: IDataObject,
	keep: (name: string) => boolean,
	label: (record: IDataObject) => string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const pageSize = HUMANLY.paging[list].maxPageSize;
	const firstPage = Number(paginationToken) >= 1 ? Math.floor(Number(paginationToken)) : 1;
	const results: INodeListSearchResult['results'] = [];
	for (let page = firstPage; page < firstPage + PAGES_PER_SEARCH; page++) {
		const { items, totalPages } = await humanlyPage.call(context, list, query, page, pageSize);
		results.push(
			...items
				.map((record) => ({ name: label(record), value: String(record.id) }))
				.filter((entry) => keep(entry.name)),
		);
		if (items.length < pageSize || (totalPages !== undefined && page >= totalPages))
			return { results };
		if (results.length >= ENOUGH_MATCHES) return { results, paginationToken: String(page + 1) };
	}
	return { results, paginationToken: String(firstPage + PAGES_PER_SEARCH) };
}

export const loadOptions = {
	async getTeams(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const teams = await humanlyArray.call(
			this,
			{ method: 'GET', path: HUMANLY.paths.teams },
			'teams',
		);
		return teams.map(teamOption).sort(byName);
	},

	async getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const users = await humanlyArray.call(
			this,
			{ method: 'GET', path: HUMANLY.paths.users, qs: { includeTeams: false } },
			'users',
		);
		return users.map((user) => ({ name: person(user), value: String(user.id) })).sort(byName);
	},
};

export const listSearch = {
	/** The candidate list searches names and emails itself [assumed `search`]. */
	async searchCandidates(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const needle = filter?.trim() ?? '';
		return await searchPages(
			this,
			'candidates',
			needle ? { search: needle } : {},
			() => true,
			person,
			paginationToken,
		);
	},

	/** The interview list has no documented text search: its pages are filtered here. */
	async searchInterviews(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const needle = filter?.trim().toLowerCase() ?? '';
		const result = await searchPages(
			this,
			'interviews',
			{},
			(name) => name.toLowerCase().includes(needle),
			(interview) => String(interview.title ?? interview.displayName ?? interview.id),
			paginationToken,
		);
		return { ...result, results: result.results.sort(byName) };
	},
};
