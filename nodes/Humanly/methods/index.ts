import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { searchPages } from '../../shared/paging';
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

/** A searchable list over a paged Humanly list, a few pages per call. */
async function searchList(
	context: ILoadOptionsFunctions,
	list: PagedList,
	query: IDataObject,
	label: (record: IDataObject) => string,
	filter: string | undefined,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPages(
		{
			fetchPage: async ({ page, pageSize }) =>
				await humanlyPage.call(context, list, query, page, pageSize),
			pageSize: HUMANLY.paging[list].maxPageSize,
			label,
			filter,
			pagesPerSearch: 3,
		},
		paginationToken,
	);
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
		return await searchList(
			this,
			'candidates',
			needle ? { search: needle } : {},
			person,
			undefined,
			paginationToken,
		);
	},

	/** The interview list has no documented text search: its pages are filtered here. */
	async searchInterviews(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const result = await searchList(
			this,
			'interviews',
			{},
			(interview) => String(interview.title ?? interview.displayName ?? interview.id),
			filter,
			paginationToken,
		);
		return { ...result, results: result.results.sort(byName) };
	},
};
