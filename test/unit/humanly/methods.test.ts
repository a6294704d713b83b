import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { listSearch, loadOptions } from '../../../nodes/Humanly/methods';
import { fakeClock, fakeContext, type FakeAnswer } from '../helpers/context';
import { credentials, credentialType, ok } from './fixtures';

beforeEach(() => fakeClock());

/** The editor's context: no input items, so the transport caps waits at the editor's limit. */
function editor(answers: FakeAnswer[]) {
	const fake = fakeContext({ parameters: {}, credentials, credentialType, answers });
	const context = { ...fake.context, getInputData: undefined } as Partial<ILoadOptionsFunctions>;
	delete (context as { getInputData?: unknown }).getInputData;
	return { fake, context: context as ILoadOptionsFunctions };
}

test('getTeams lists the teams by name with their IDs', async () => {
	const { fake, context } = editor([
		ok({
			teams: [
				{ id: 't2', name: 'Sales Team', displayName: 'Sales' },
				{ id: 't1', name: 'Engineering Team', displayName: 'Engineering Team' },
			],
		}),
	]);
	expect(await loadOptions.getTeams.call(context)).toEqual([
		{ name: 'Engineering Team', value: 't1' },
		{ name: 'Sales Team (Sales)', value: 't2' },
	]);
	expect(fake.requests[0].url).toBe('http://humanly.test/qsi/gather/teams');
});

test('getUsers lists users without their teams', async () => {
	const { fake, context } = editor([
		ok({ users: [{ id: 'u1', firstName: 'Ava', lastName: 'Patel', email: 'ava@example.com' }] }),
	]);
	expect(await loadOptions.getUsers.call(context)).toEqual([
		{ name: 'Ava Patel <ava@example.com>', value: 'u1' },
	]);
	expect(fake.requests[0].qs).toEqual({ includeTeams: false });
});

test('searchCandidates asks the API with the search text, one page of 100', async () => {
	const { fake, context } = editor([
		ok({
			candidates: [{ id: 'c1', firstName: 'Alex', lastName: 'Garcia', email: 'alex@example.com' }],
			pagination: { totalPages: 1 },
		}),
	]);
	expect(await listSearch.searchCandidates.call(context, 'garcia')).toEqual({
		results: [{ name: 'Alex Garcia <alex@example.com>', value: 'c1' }],
	});
	expect(fake.requests[0].qs).toEqual({ search: 'garcia', page: 1, pageSize: 100 });
});

test('searchInterviews filters one page by title', async () => {
	const { fake, context } = editor([
		ok({
			interviews: [
				{ id: 'i1', title: 'Registered Nurse' },
				{ id: 'i2', title: 'Software Engineer' },
			],
			pagination: { totalPages: 1 },
		}),
	]);
	expect(await listSearch.searchInterviews.call(context, 'nurse')).toEqual({
		results: [{ name: 'Registered Nurse', value: 'i1' }],
	});
	expect(fake.requests[0].qs).toEqual({ page: 1, limit: 100 });
});

test('getNarrators shows each narrator with its language and voices, from the bare data array', async () => {
	const { context } = editor([
		ok([
			{
				id: 'n1',
				name: 'Default Narrator',
				language: 'en',
				voices: [
					{ id: 'v1', name: 'James', gender: 'male' },
					{ id: 'v2', name: 'Olivia', gender: 'female' },
				],
			},
		]),
	]);
	expect(await loadOptions.getNarrators.call(context)).toEqual([
		{ name: 'Default Narrator [en]: James (male), Olivia (female)', value: 'n1' },
	]);
});

test('getInterviews reads every page, whichever shape each page has', async () => {
	const full = Array.from({ length: 100 }, (_, i) => ({ id: `i${i}`, title: `Interview ${i}` }));
	const { fake, context } = editor([
		ok({ interviews: full, pagination: { totalPages: 2 } }),
		{
			status: 200,
			body: {
				data: [{ id: 'last', title: 'Zoo keeper' }],
				meta: { pagination: { totalPages: 2 } },
			},
		},
	]);
	const options = await loadOptions.getInterviews.call(context);
	expect(options).toHaveLength(101);
	expect(options.at(-1)).toEqual({ name: 'Zoo keeper', value: 'last' });
	expect(fake.requests.map((request) => request.qs)).toEqual([
		{ page: 1, limit: 100 },
		{ page: 2, limit: 100 },
	]);
});

test('searchTeams, searchQuestions and searchMessageGroups filter their whole list by name', async () => {
	const teams = editor([
		ok({
			teams: [
				{ id: 't1', name: 'Sales Team' },
				{ id: 't2', name: 'Ops' },
			],
		}),
	]);
	expect(await listSearch.searchTeams.call(teams.context, 'sales')).toEqual({
		results: [{ name: 'Sales Team', value: 't1' }],
	});
	const questions = editor([ok({ questions: [{ id: 'q1', title: 'Why us?' }] })]);
	expect(await listSearch.searchQuestions.call(questions.context, 'why')).toEqual({
		results: [{ name: 'Why us?', value: 'q1' }],
	});
	const groups = editor([ok({ messageGroups: [{ id: 'g1', title: 'Standard invites' }] })]);
	expect(await listSearch.searchMessageGroups.call(groups.context, 'nothing')).toEqual({
		results: [],
	});
});
