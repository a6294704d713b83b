import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { searchPages } from '../../shared/paging';
import { HUMANLY } from '../api';
import {
	humanlyList,
	humanlyPage,
	humanlyPagedList,
	type ListName,
	type PagedList,
} from '../transport';

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

/** A searchable list over a list Humanly does not page: read once, filtered here. */
async function searchUnpaged(
	context: ILoadOptionsFunctions,
	list: ListName,
	label: (record: IDataObject) => string,
	filter: string | undefined,
): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase() ?? '';
	const records = await humanlyList.call(context, list);
	return {
		results: records
			.map((record) => ({ name: label(record), value: String(record.id) }))
			.filter((entry) => entry.name.toLowerCase().includes(needle))
			.sort(byName),
	};
}

const titled = (record: IDataObject) => String(record.title ?? record.displayName ?? record.id);

/** A narrator with its language and voices, so the one to pick can be told apart. */
function narratorLabel(narrator: IDataObject): string {
	const voices = Array.isArray(narrator.voices)
		? (narrator.voices as IDataObject[])
				.map(
					(voice) =>
						`${String(voice.name ?? voice.id)}${voice.gender ? ` (${String(voice.gender)})` : ''}`,
				)
				.join(', ')
		: '';
	const language = narrator.language ? ` [${String(narrator.language)}]` : '';
	return `${String(narrator.name ?? narrator.id)}${language}${voices ? `: ${voices}` : ''}`;
}

const options = (records: IDataObject[], label: (record: IDataObject) => string) =>
	records.map((record) => ({ name: label(record), value: String(record.id) })).sort(byName);

export const loadOptions = {
	async getTeams(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const teams = await humanlyList.call(this, 'teams');
		return teams.map(teamOption).sort(byName);
	},

	async getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return options(await humanlyList.call(this, 'users', { includeTeams: false }), person);
	},

	async getQuestions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return options(await humanlyList.call(this, 'questions'), titled);
	},

	/** Narrators with their voices, for Question → Create's Generate Audio. */
	async getNarrators(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return options(await humanlyList.call(this, 'narrators'), narratorLabel);
	},

	/** Every interview (all pages), for Bulk Update's interviews and template. */
	async getInterviews(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return options(await humanlyPagedList.call(this, 'interviews', {}, undefined), titled);
	},
};

export const listSearch = {
	/** The candidate list searches names and emails itself [assumed parameter: fields.candidateSearch]. */
	async searchCandidates(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const needle = filter?.trim() ?? '';
		return await searchList(
			this,
			'candidates',
			needle ? { [HUMANLY.fields.candidateSearch]: needle } : {},
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
		const result = await searchList(this, 'interviews', {}, titled, filter, paginationToken);
		return { ...result, results: result.results.sort(byName) };
	},

	async searchQuestions(this: ILoadOptionsFunctions, filter?: string) {
		return await searchUnpaged(this, 'questions', titled, filter);
	},

	async searchNarrators(this: ILoadOptionsFunctions, filter?: string) {
		return await searchUnpaged(this, 'narrators', narratorLabel, filter);
	},

	async searchMessageGroups(this: ILoadOptionsFunctions, filter?: string) {
		return await searchUnpaged(this, 'messageGroups', titled, filter);
	},

	async searchTeams(this: ILoadOptionsFunctions, filter?: string) {
		return await searchUnpaged(this, 'teams', (team) => teamOption(team).name, filter);
	},
};
