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
