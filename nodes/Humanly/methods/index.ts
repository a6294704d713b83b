import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { HUMANLY } from '../api';
import { humanlyArray, humanlyPagedList, lists } from '../transport';

/** The editor shows its lists sorted by name. */
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

function teamOption(team: IDataObject): INodePropertyOptions {
	const name = String(team.name ?? team.id);
	const shown = team.displayName && team.displayName !== name ? `${name} (${String(team.displayName)})` : name;
	return { name: shown, value: String(team.id) };
}

function userOption(user: IDataObject): INodePropertyOptions {
	return { name: `${String(user.firstName ?? '')} ${String(user.lastName ?? '')} <${String(user.email ?? user.id)}>`.trim(), value: String(user.id) };
}

export const loadOptions = {
	async getTeams(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const teams = await humanlyArray.call(this, { method: 'GET', path: HUMANLY.paths.teams }, HUMANLY.listFields.teams);
		return teams.map(teamOption).sort(byName);
	},

	async getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const users = await humanlyArray.call(
			this,
			{ method: 'GET', path: HUMANLY.paths.users, qs: { [HUMANLY.userFilters.includeTeams]: false } },
			HUMANLY.listFields.users,
		);
		return users.map(userOption).sort(byName);
	},
};

/** One page of the largest size each: the editor's lists must not spend the key's requests on paging. */
export const listSearch = {
	async searchCandidates(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const needle = filter?.trim() ?? '';
		const candidates = await humanlyPagedList.call(
			this,
			lists.candidates,
			needle ? { [HUMANLY.candidateFilters.search]: needle } : {},
			HUMANLY.paging.candidates.maxPageSize,
		);
		return {
			results: candidates.map((candidate) => ({
				name: `${String(candidate.firstName ?? '')} ${String(candidate.lastName ?? '')} <${String(candidate.email ?? '')}>`,
				value: String(candidate.id),
			})),
		};
	},

	async searchInterviews(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const needle = filter?.trim().toLowerCase() ?? '';
		// The interview list has no documented text search: filter one page here.
		const interviews = await humanlyPagedList.call(this, lists.interviews, {}, HUMANLY.paging.interviews.maxPageSize);
		return {
			results: interviews
				.map((interview) => ({ name: String(interview.title ?? interview.displayName ?? interview.id), value: String(interview.id) }))
				.filter((interview) => interview.name.toLowerCase().includes(needle))
				.sort(byName),
		};
	},
};
