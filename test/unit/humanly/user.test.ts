import type { IDataObject } from 'n8n-workflow';

import { createUser } from '../../../nodes/Humanly/actions/user/create.operation';
import { getManyUsers } from '../../../nodes/Humanly/actions/user/getAll.operation';
import { fakeClock, fakeContext, type FakeAnswer } from '../helpers/context';
import {
	BASE,
	createdUsers,
	credentials,
	credentialType,
	ok,
	refused,
	TEAM,
	TEAM_2,
	userItems,
} from './fixtures';

beforeEach(() => fakeClock());

function create(
	perItem: IDataObject[],
	answers: FakeAnswer[],
	options: { continueOnFail?: boolean; parameters?: IDataObject } = {},
) {
	const fake = fakeContext({
		parameters: {
			dashboardAccess: false,
			additionalFields: {},
			options: {},
			...options.parameters,
		},
		perItem,
		credentials,
		credentialType,
		answers,
		continueOnFail: options.continueOnFail,
	});
	return { fake, result: createUser.execute.call(fake.context, fake.items) };
}

const sentUsers = (request: { body?: unknown }) => (request.body as { users: IDataObject[] }).users;

describe('User Create', () => {
	test('sends one bulk POST with every user and pairs each created user with its item', async () => {
		const items = userItems(3, (i) =>
			i === 1 ? { additionalFields: { phone: '+14155550100' }, dashboardAccess: true } : {},
		);
		const { fake, result } = create(items, [
			createdUsers(['user0@example.com', 'user1@example.com', 'user2@example.com']),
		]);
		const output = await result;
		expect(fake.requests).toHaveLength(1);
		expect(fake.requests[0]).toMatchObject({ method: 'POST', url: `${BASE}/qsi/gather/users` });
		expect(sentUsers(fake.requests[0])).toEqual([
			{
				firstName: 'First0',
				lastName: 'Last0',
				email: 'user0@example.com',
				teamIds: [TEAM],
				createAuth0Account: false,
			},
			{
				firstName: 'First1',
				lastName: 'Last1',
				email: 'user1@example.com',
				phone: '+14155550100',
				teamIds: [TEAM],
				createAuth0Account: true,
			},
			{
				firstName: 'First2',
				lastName: 'Last2',
				email: 'user2@example.com',
				teamIds: [TEAM],
				createAuth0Account: false,
			},
		]);
		expect(output.map((item) => [item.json.email, item.pairedItem])).toEqual([
			['user0@example.com', { item: 0 }],
			['user1@example.com', { item: 1 }],
			['user2@example.com', { item: 2 }],
		]);
	});

	test('team IDs may come as a comma-separated string or an array from an expression', async () => {
		const items = userItems(2, (i) => ({ teamIds: i === 0 ? ` ${TEAM}, ${TEAM_2} ` : [TEAM_2] }));
		const { fake, result } = create(items, [
			createdUsers(['user0@example.com', 'user1@example.com']),
		]);
		await result;
		expect(sentUsers(fake.requests[0]).map((user) => user.teamIds)).toEqual([
			[TEAM, TEAM_2],
			[TEAM_2],
		]);
	});

	test('250 items at batch size 100 cost 3 POSTs of 100, 100 and 50, paired in order', async () => {
		const items = userItems(250);
		const emails = items.map((item) => String(item.email));
		const answers = [
			createdUsers(emails.slice(0, 100)),
			createdUsers(emails.slice(100, 200)),
			createdUsers(emails.slice(200)),
		];
		const { fake, result } = create(items, answers, {
			parameters: { options: { batchSize: 100 } },
		});
		const output = await result;
		expect(fake.requests.map((request) => sentUsers(request).length)).toEqual([100, 100, 50]);
		expect(sentUsers(fake.requests[2])[0].email).toBe('user200@example.com');
		expect(output).toHaveLength(250);
		output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.email).toBe(`user${index}@example.com`);
		});
	});

	test('the default batch size is the API maximum (100)', async () => {
		const items = userItems(101);
		const emails = items.map((item) => String(item.email));
		const { fake, result } = create(items, [
			createdUsers(emails.slice(0, 100)),
			createdUsers(emails.slice(100)),
		]);
		await result;
		expect(fake.requests.map((request) => sentUsers(request).length)).toEqual([100, 1]);
	});

	test('a batch size above the API maximum is refused before anything is sent', async () => {
		const { fake, result } = create(userItems(2), [], {
			parameters: { options: { batchSize: 500 } },
		});
		await expect(result).rejects.toThrow(
			'Invalid Batch Size: 500 must be a whole number from 1 to 100',
		);
		expect(fake.requests).toHaveLength(0);
	});

	test('a refused entry fails only its item; the rest of the batch is resent once and succeeds', async () => {
		const items = userItems(5);
		const emails = items.map((item) => String(item.email));
		const refusal = refused(
			400,
			'VALIDATION_ERROR',
			'users[2].email user2@example.com already exists in your organization',
			{
				field: 'users[2].email',
				reason: 'user2@example.com already exists in your organization',
			},
			'req-dup',
		);
		const rest = emails.filter((_, i) => i !== 2);
		const { fake, result } = create(items, [refusal, createdUsers(rest)], { continueOnFail: true });
		const output = await result;
		expect(fake.requests).toHaveLength(2);
		expect(sentUsers(fake.requests[0]).map((u) => u.email)).toEqual(emails);
		expect(sentUsers(fake.requests[1]).map((u) => u.email)).toEqual(rest);
		expect(output).toHaveLength(5);
		expect(output.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3, 4].map((item) => ({ item })),
		);
		expect(output[2].json).toMatchObject({
			error: 'Humanly: users[2].email user2@example.com already exists in your organization',
			httpCode: '400',
			code: 'VALIDATION_ERROR',
			requestId: 'req-dup',
			details: { field: 'users[2].email' },
		});
		expect(String(output[2].json.description)).toContain('input item 2');
		for (const index of [0, 1, 3, 4])
			expect(output[index].json).toEqual({
				id: `id-user${index}@example.com`,
				email: `user${index}@example.com`,
				isApiUser: true,
			});
	});

	test('the entry index of a refusal is counted within its batch, after earlier refusals', async () => {
		// Batch 2 holds items 3..5; the API first refuses its entry 1 (item 4), then entry 1 of the
		// resent [3, 5] (item 5).
		const items = userItems(6);
		const emails = items.map((item) => String(item.email));
		const answers = [
			createdUsers(emails.slice(0, 3)),
			refused(400, 'VALIDATION_ERROR', 'bad', { field: 'users[1].email', reason: 'bad' }),
			refused(400, 'VALIDATION_ERROR', 'bad phone', { field: 'users[1].phone', reason: 'bad' }),
			createdUsers([emails[3]]),
		];
		const { fake, result } = create(items, answers, {
			continueOnFail: true,
			parameters: { options: { batchSize: 3 } },
		});
		const output = await result;
		expect(fake.requests.map((request) => sentUsers(request).map((u) => u.email))).toEqual([
			emails.slice(0, 3),
			emails.slice(3),
			[emails[3], emails[5]],
			[emails[3]],
		]);
		expect(
			output.map((item) =>
				item.json.error
					? `error ${item.pairedItem && (item.pairedItem as { item: number }).item}`
					: item.json.email,
			),
		).toEqual([
			'user0@example.com',
			'user1@example.com',
			'user2@example.com',
			'user3@example.com',
			'error 4',
			'error 5',
		]);
	});

	test('a refusal that names no entry fails every item of that batch only', async () => {
		const items = userItems(4);
		const emails = items.map((item) => String(item.email));
		const answers = [
			refused(500, 'INTERNAL_ERROR', 'Internal server error', undefined, 'req-500'),
			createdUsers(emails.slice(2)),
		];
		const { fake, result } = create(items, answers, {
			continueOnFail: true,
			parameters: { options: { batchSize: 2 } },
		});
		const output = await result;
		// A POST is not retried on a 500: the server may have processed it.
		expect(fake.requests).toHaveLength(2);
		expect(output.slice(0, 2).map((item) => item.json)).toEqual([
			expect.objectContaining({ code: 'INTERNAL_ERROR', httpCode: '500', requestId: 'req-500' }),
			expect.objectContaining({ code: 'INTERNAL_ERROR', httpCode: '500', requestId: 'req-500' }),
		]);
		expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(output.slice(2).map((item) => item.json.email)).toEqual(emails.slice(2));
	});

	test('without continue on fail the first refusal stops the node, naming the refused item', async () => {
		const items = userItems(3);
		const answers = [
			refused(400, 'VALIDATION_ERROR', 'users[1].email bad', {
				field: 'users[1].email',
				reason: 'bad',
			}),
		];
		const { fake, result } = create(items, answers);
		const error = (await result.catch((e: unknown) => e)) as {
			message: string;
			context: { itemIndex?: number };
		};
		expect(error.message).toBe('Humanly: users[1].email bad');
		expect(error.context.itemIndex).toBe(1);
		expect(fake.requests).toHaveLength(1);
	});

	test('items that fail validation never enter a batch, and nothing is sent for them', async () => {
		const items = userItems(4, (i) => {
			if (i === 0) return { email: 'not-an-email' };
			if (i === 2) return { teamIds: [] };
			if (i === 3) return { additionalFields: { phone: '0044 20 7183 8750' } };
			return {};
		});
		const { fake, result } = create(items, [createdUsers(['user1@example.com'])], {
			continueOnFail: true,
		});
		const output = await result;
		expect(fake.requests).toHaveLength(1);
		expect(sentUsers(fake.requests[0]).map((u) => u.email)).toEqual(['user1@example.com']);
		expect(output.map((item) => item.json.error ?? item.json.email)).toEqual([
			'Invalid email: must be a valid email address, like jane.doe@example.com',
			'user1@example.com',
			'Invalid teamIds: must name at least one team: every Humanly user belongs to a team',
			'Invalid phone: must be in E.164 form: + and country code, digits only, e.g. +447700900123',
		]);
		expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
	});

	test('without continue on fail an invalid item stops the node before any request', async () => {
		const items = userItems(3, (i) => (i === 2 ? { teamIds: 'team/../x' } : {}));
		const { fake, result } = create(items, []);
		await expect(result).rejects.toThrow(
			"Invalid teamIds.0: must be a Humanly Team ID: letters, digits, '-' or '_', no spaces or slashes",
		);
		expect(fake.requests).toHaveLength(0);
	});

	test('an answer with a different number of users than sent fails the batch instead of mispairing', async () => {
		const { result } = create(userItems(2), [createdUsers(['user0@example.com'])], {
			continueOnFail: true,
		});
		const output = await result;
		expect(output.map((item) => item.json.error)).toEqual([
			'Unexpected response shape for POST /qsi/gather/users: 2 users were sent but 1 came back',
			'Unexpected response shape for POST /qsi/gather/users: 2 users were sent but 1 came back',
		]);
	});
});

describe('User Get Many', () => {
	const users = [
		{
			id: 'u1',
			firstName: 'Ava',
			lastName: 'Patel',
			email: 'ava.patel@example.com',
			phone: '+14155550101',
			isApiUser: true,
			organizationId: 'org',
			teams: [{ id: TEAM, name: 'Engineering Team', displayName: 'Engineering' }],
		},
		{
			id: 'u2',
			firstName: 'Marcus',
			lastName: 'Lee',
			email: 'marcus.lee@example.com',
			phone: null,
			isApiUser: false,
			teams: [],
		},
		{
			id: 'u3',
			firstName: 'Priya',
			lastName: 'Shah',
			email: 'priya.shah@example.com',
			isApiUser: true,
			teams: [],
		},
	];

	function getMany(parameters: IDataObject, answers: FakeAnswer[] = [ok({ users })]) {
		const fake = fakeContext({
			parameters: {
				returnAll: true,
				includeTeams: true,
				simplify: true,
				filters: {},
				...parameters,
			},
			credentials,
			credentialType,
			answers,
		});
		return { fake, result: getManyUsers.execute.call(fake.context, fake.items) };
	}

	test('filters by team, includes teams and simplifies to the useful fields with team names', async () => {
		const { fake, result } = getMany({ filters: { teamId: TEAM } });
		const output = await result;
		expect(fake.requests[0]).toMatchObject({
			method: 'GET',
			url: `${BASE}/qsi/gather/users`,
			qs: { teamId: TEAM, includeTeams: true },
		});
		expect(output[0]).toEqual({
			json: {
				id: 'u1',
				firstName: 'Ava',
				lastName: 'Patel',
				email: 'ava.patel@example.com',
				phone: '+14155550101',
				isApiUser: true,
				teams: ['Engineering Team'],
			},
			pairedItem: { item: 0 },
		});
		expect(output).toHaveLength(3);
	});

	test('Limit cuts the list and Simplify off returns the raw users', async () => {
		const { fake, result } = getMany({
			returnAll: false,
			limit: 2,
			simplify: false,
			includeTeams: false,
		});
		const output = await result;
		expect(fake.requests[0].qs).toEqual({ includeTeams: false });
		expect(output.map((item) => item.json)).toEqual(users.slice(0, 2));
	});

	test('a team filter that is not an ID is refused before sending', async () => {
		const { fake, result } = getMany({ filters: { teamId: 'a team' } });
		await expect(result).rejects.toThrow('Invalid teamId');
		expect(fake.requests).toHaveLength(0);
	});
});
