import type { IDataObject } from 'n8n-workflow';

import { createTeam } from '../../../nodes/Humanly/actions/team/create.operation';
import { getManyTeams } from '../../../nodes/Humanly/actions/team/getAll.operation';
import { fakeClock, fakeContext, type FakeAnswer } from '../helpers/context';
import { BASE, credentials, credentialType, ok, refused } from './fixtures';

beforeEach(() => fakeClock());

const createdTeams = (names: string[]) =>
	ok({ teams: names.map((name) => ({ id: `id-${name}`, name })) }, 201);
const sentTeams = (request: { body?: unknown }) => (request.body as { teams: IDataObject[] }).teams;

function create(
	perItem: IDataObject[],
	answers: FakeAnswer[],
	continueOnFail = false,
	parameters: IDataObject = {},
) {
	const fake = fakeContext({
		parameters: { additionalFields: {}, options: {}, ...parameters },
		perItem,
		credentials,
		credentialType,
		answers,
		continueOnFail,
	});
	return { fake, result: createTeam.execute.call(fake.context, fake.items) };
}

describe('Team Create', () => {
	test('sends the teams of all items in one bulk POST; display name defaults to the name', async () => {
		const { fake, result } = create(
			[
				{ name: 'Support' },
				{
					name: 'Nursing',
					additionalFields: {
						displayName: 'Nurses',
						description: 'Ward staff',
						userIds: 'u-1, u-2',
					},
				},
			],
			[createdTeams(['Support', 'Nursing'])],
		);
		const output = await result;
		expect(fake.requests).toHaveLength(1);
		expect(fake.requests[0]).toMatchObject({ method: 'POST', url: `${BASE}/qsi/gather/teams` });
		expect(sentTeams(fake.requests[0])).toEqual([
			{ name: 'Support', displayName: 'Support' },
			{
				name: 'Nursing',
				displayName: 'Nurses',
				description: 'Ward staff',
				userIds: ['u-1', 'u-2'],
			},
		]);
		expect(output).toEqual([
			{ json: { id: 'id-Support', name: 'Support' }, pairedItem: { item: 0 } },
			{ json: { id: 'id-Nursing', name: 'Nursing' }, pairedItem: { item: 1 } },
		]);
	});

	test('batches by Batch Size and fails only the team the API names', async () => {
		const names = ['A', 'B', 'C', 'D', 'E'];
		const answers = [
			createdTeams(['A', 'B']),
			refused(400, 'VALIDATION_ERROR', 'teams[0].name C already exists in your organization', {
				field: 'teams[0].name',
				reason: 'exists',
			}),
			createdTeams(['D']),
			createdTeams(['E']),
		];
		const { fake, result } = create(
			names.map((name) => ({ name })),
			answers,
			true,
			{ options: { batchSize: 2 } },
		);
		const output = await result;
		expect(fake.requests.map((request) => sentTeams(request).map((team) => team.name))).toEqual([
			['A', 'B'],
			['C', 'D'],
			['D'],
			['E'],
		]);
		expect(output.map((item) => item.json.error ?? item.json.name)).toEqual([
			'A',
			'B',
			'Humanly: teams[0].name C already exists in your organization',
			'D',
			'E',
		]);
		expect(output.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3, 4].map((item) => ({ item })),
		);
	});

	test('an empty name is refused before sending', async () => {
		const { fake, result } = create([{ name: '  ' }], []);
		await expect(result).rejects.toThrow('Invalid name: Name must not be empty');
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Team Get Many', () => {
	const teams = [
		{ id: 't1', name: 'Engineering Team' },
		{ id: 't2', name: 'Sales Team' },
	];

	test('lists the teams of one user, up to the limit', async () => {
		const fake = fakeContext({
			parameters: { returnAll: false, limit: 1, filters: { userId: 'u-1' } },
			credentials,
			credentialType,
			answers: [ok({ teams })],
		});
		const output = await getManyTeams.execute.call(fake.context, fake.items);
		expect(fake.requests[0]).toMatchObject({
			method: 'GET',
			url: `${BASE}/qsi/gather/teams`,
			qs: { userId: 'u-1' },
		});
		expect(output).toEqual([{ json: teams[0], pairedItem: { item: 0 } }]);
	});

	test('without a user filter lists all teams', async () => {
		const fake = fakeContext({
			parameters: { returnAll: true, filters: {} },
			credentials,
			credentialType,
			answers: [ok({ teams })],
		});
		const output = await getManyTeams.execute.call(fake.context, fake.items);
		expect(fake.requests[0].qs).toEqual({});
		expect(output).toHaveLength(2);
	});
});
