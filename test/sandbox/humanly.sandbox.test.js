'use strict';
/**
 * The Humanly sandbox must behave like the documented API (docs/humanly.md) and the
 * [assumed] facts of nodes/Humanly/api.ts, because the node and its e2e tests are built against it.
 */
const { startHumanlyMock, HUMANLY_SANDBOX } = require('../../sandbox/humanly');

const { apiKey, otherOrgApiKey, teamIds, otherOrgTeamId, interviewIds, candidateIds } =
	HUMANLY_SANDBOX;
const START = Date.parse('2025-03-01T12:00:00.000Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A mock with an injected clock the tests move by hand. */
async function startWithClock(options = {}) {
	const clock = { t: START };
	const mock = await startHumanlyMock({ now: () => clock.t, ...options });
	return { mock, clock };
}

/** One request to a mock; `key: null` sends no x-api-key header. */
async function call(mock, method, path, { body, key = apiKey, rawBody } = {}) {
	const headers = { 'Content-Type': 'application/json' };
	if (key !== null) headers['x-api-key'] = key;
	const res = await fetch(`${mock.url}${path}`, {
		method,
		headers,
		body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
	});
	return { status: res.status, headers: res.headers, json: await res.json() };
}

function expectError(res, status, code, details) {
	expect(res.status).toBe(status);
	expect(res.json.error.code).toBe(code);
	if (details) expect(res.json.error.details).toMatchObject(details);
}

const newUser = (n, extra = {}) => ({
	firstName: `First${n}`,
	lastName: `Last${n}`,
	email: `user${n}@example.com`,
	teamIds: [teamIds[0]],
	...extra,
});

let mock;
let clock;
const api = (method, path, options) => call(mock, method, path, options);

beforeAll(async () => {
	({ mock, clock } = await startWithClock());
});
afterAll(() => mock.close());
beforeEach(() => {
	mock.reset();
	clock.t = START;
});

describe('envelopes and auth', () => {
	test('success envelope carries data and meta with a request id and the clock time', async () => {
		const res = await api('GET', '/qsi/gather/teams');
		expect(res.status).toBe(200);
		expect(res.json.meta.requestId).toMatch(UUID);
		expect(res.json.meta.timestamp).toBe(new Date(START).toISOString());
		expect(res.json.data.teams.map((t) => t.id)).toEqual(teamIds);
	});

	test('missing and invalid keys answer 401 UNAUTHORIZED with the documented messages', async () => {
		const missing = await api('GET', '/qsi/gather/users', { key: null });
		expectError(missing, 401, 'UNAUTHORIZED');
		expect(missing.json.error.message).toBe('Missing authentication header');
		expect(missing.json.meta.requestId).toMatch(UUID);
		expect(missing.headers.get('x-ratelimit-limit')).toBe('100');

		const wrong = await api('GET', '/qsi/gather/users', { key: 'qapi_nope' });
		expectError(wrong, 401, 'UNAUTHORIZED');
		expect(wrong.json.error.message).toBe('Invalid API key');
	});

	test('malformed JSON, non-object bodies and unknown routes are refused', async () => {
		expectError(
			await api('POST', '/qsi/gather/candidates', { rawBody: '{"firstName":' }),
			400,
			'VALIDATION_ERROR',
			{
				field: 'body',
			},
		);
		expectError(
			await api('POST', '/qsi/gather/candidates', { body: [1] }),
			400,
			'VALIDATION_ERROR',
			{ field: 'body' },
		);
		expectError(await api('GET', '/qsi/gather/nothing'), 404, 'NOT_FOUND', { resource: 'route' });
	});

	test('fail500(n) answers the next n requests with 500 INTERNAL_ERROR, then recovers', async () => {
		mock.fail500(2);
		expectError(await api('GET', '/qsi/gather/teams'), 500, 'INTERNAL_ERROR');
		expectError(await api('GET', '/qsi/gather/teams'), 500, 'INTERNAL_ERROR');
		expect((await api('GET', '/qsi/gather/teams')).status).toBe(200);
	});

	test('the request log and counters record calls but never headers or keys', async () => {
		await api('POST', '/qsi/gather/candidates', {
			body: { firstName: 'A', lastName: 'B', email: 'a@b.co' },
		});
		await api('GET', '/qsi/gather/candidates', { key: otherOrgApiKey });
		expect(mock.requests[0]).toEqual({
			method: 'POST',
			path: '/qsi/gather/candidates',
			query: {},
			body: { firstName: 'A', lastName: 'B', email: 'a@b.co' },
			status: 201,
			at: START,
		});
		expect(mock.counters.requests).toBe(2);
		expect(mock.counters.byRoute).toEqual({
			'POST /qsi/gather/candidates': 1,
			'GET /qsi/gather/candidates': 1,
		});
		const logged = JSON.stringify(mock.requests);
		expect(logged).not.toContain(apiKey);
		expect(logged).not.toContain(otherOrgApiKey);
	});

	test('reset() restores the seed and empties the log in place', async () => {
		const { requests, state } = mock;
		await api('POST', '/qsi/gather/candidates', {
			body: { firstName: 'A', lastName: 'B', email: 'a@b.co' },
		});
		mock.reset();
		expect(mock.requests).toBe(requests);
		expect(requests).toHaveLength(0);
		expect(mock.counters.requests).toBe(0);
		expect([...state.candidates.keys()]).toEqual(expect.arrayContaining(candidateIds));
		expect(state.candidates.size).toBe(candidateIds.length + 3);
	});
});

describe('rate limits (two sliding windows per key)', () => {
	let limited;
	let limitedClock;
	const hit = (key = apiKey) => call(limited, 'GET', '/qsi/gather/teams', { key });
	const header = (res, name) => Number(res.headers.get(`x-ratelimit-${name}`));

	beforeAll(async () => {
		({ mock: limited, clock: limitedClock } = await startWithClock({ perMinute: 3, perHour: 5 }));
	});
	afterAll(() => limited.close());
	beforeEach(() => {
		limited.reset();
		limitedClock.t = START;
	});

	test('the minute window refuses the 4th request with 429 details and headers, no Retry-After', async () => {
		const first = await hit();
		expect([header(first, 'limit'), header(first, 'remaining'), header(first, 'reset')]).toEqual([
			3,
			2,
			START / 1000 + 60,
		]);
		limitedClock.t += 10_000;
		await hit();
		limitedClock.t += 10_000;
		expect(header(await hit(), 'remaining')).toBe(0);

		const refused = await hit();
		expectError(refused, 429, 'RATE_LIMIT_EXCEEDED', {
			limit: 3,
			remaining: 0,
			resetAt: new Date(START + 60_000).toISOString(),
		});
		expect(refused.headers.get('retry-after')).toBeNull();
		expect(header(refused, 'reset')).toBe(START / 1000 + 60);
		expect(limited.counters.rejected429).toBe(1);
	});

	test('the window slides: the oldest request frees its slot 60 s later, refusals cost nothing', async () => {
		for (let i = 0; i < 3; i += 1) {
			await hit();
			limitedClock.t += 20_000;
		}
		// t = START + 60 s: the first request has just left the window.
		const next = await hit();
		expect(next.status).toBe(200);
		expect(header(next, 'reset')).toBe((START + 20_000 + 60_000) / 1000);
		expect((await hit()).status).toBe(429);
		expect((await hit()).status).toBe(429);
		limitedClock.t += 20_000; // second request leaves; the two 429s did not take slots
		expect((await hit()).status).toBe(200);
	});

	test('the hour window takes over once it is the tighter one', async () => {
		for (let i = 0; i < 5; i += 1) {
			const res = await hit();
			expect(res.status).toBe(200);
			limitedClock.t += 61_000; // stay clear of the minute window
		}
		const refused = await hit();
		expectError(refused, 429, 'RATE_LIMIT_EXCEEDED', {
			limit: 5,
			remaining: 0,
			resetAt: new Date(START + 3_600_000).toISOString(),
		});
		expect([header(refused, 'limit'), header(refused, 'reset')]).toEqual([5, START / 1000 + 3600]);

		limitedClock.t = START + 3_600_000;
		expect((await hit()).status).toBe(200);
	});

	test('minuteMs shortens the burst window, so a spent window frees within it', async () => {
		const { mock: short, clock: shortClock } = await startWithClock({
			perMinute: 2,
			minuteMs: 2_000,
			perHour: 1000,
		});
		try {
			const shortHit = () => call(short, 'GET', '/qsi/gather/teams');
			expect(header(await shortHit(), 'reset')).toBe((START + 2_000) / 1000);
			await shortHit();
			expect((await shortHit()).status).toBe(429);
			shortClock.t += 2_000;
			expect((await shortHit()).status).toBe(200);
		} finally {
			await short.close();
		}
	});

	test('headers report whichever window has fewer requests left', async () => {
		for (let i = 0; i < 3; i += 1) {
			await hit();
			limitedClock.t += 61_000;
		}
		// Minute window: 1 used, 2 left; hour window: 4 used, 1 left.
		const res = await hit();
		expect([header(res, 'limit'), header(res, 'remaining')]).toEqual([5, 1]);
	});

	test('each key has its own windows, and errors carry the headers too', async () => {
		for (let i = 0; i < 3; i += 1) await hit();
		expect((await hit()).status).toBe(429);
		const other = await hit(otherOrgApiKey);
		expect(other.status).toBe(200);
		expect(header(other, 'remaining')).toBe(2);
		const unauthorized = await hit('qapi_wrong');
		expect(unauthorized.status).toBe(401);
		expect(unauthorized.headers.get('x-ratelimit-remaining')).not.toBeNull();
	});
});

describe('users', () => {
	test('bulk create returns 201 with users in request order, API user by default', async () => {
		const res = await api('POST', '/qsi/gather/users', {
			body: {
				users: [
					newUser(1, { phone: '+14155550100', teamIds: teamIds.slice(0, 2) }),
					newUser(2, { createAuth0Account: true }),
				],
			},
		});
		expect(res.status).toBe(201);
		const [a, b] = res.json.data.users;
		expect(a).toEqual({
			id: expect.stringMatching(UUID),
			firstName: 'First1',
			lastName: 'Last1',
			email: 'user1@example.com',
			phone: '+14155550100',
			isApiUser: true,
			teamIds: teamIds.slice(0, 2),
			organizationId: expect.any(String),
			createdAt: new Date(START).toISOString(),
			updatedAt: new Date(START).toISOString(),
		});
		expect(b).toMatchObject({ email: 'user2@example.com', phone: null, isApiUser: false });
	});

	test.each([
		['missing first name', { firstName: undefined }, 'users[1].firstName'],
		['missing last name', { lastName: '' }, 'users[1].lastName'],
		['bad email', { email: 'not-an-email' }, 'users[1].email'],
		['phone not E.164', { phone: '0415 555 0100' }, 'users[1].phone'],
		['empty teamIds', { teamIds: [] }, 'users[1].teamIds'],
		['missing teamIds', { teamIds: undefined }, 'users[1].teamIds'],
		['email already in the org', { email: 'ava.patel@example.com' }, 'users[1].email'],
		['email twice in the batch', { email: 'user0@example.com' }, 'users[1].email'],
	])('%s refuses the whole batch naming the entry', async (_, override, field) => {
		const before = mock.state.users.size;
		const res = await api('POST', '/qsi/gather/users', {
			body: { users: [newUser(0), newUser(1, override), newUser(2)] },
		});
		expectError(res, 400, 'VALIDATION_ERROR', { field });
		expect(mock.state.users.size).toBe(before);
	});

	test("another organization's team is refused as not belonging to your organization", async () => {
		const res = await api('POST', '/qsi/gather/users', {
			body: { users: [newUser(0), newUser(1, { teamIds: [teamIds[0], otherOrgTeamId] })] },
		});
		expectError(res, 400, 'VALIDATION_ERROR', { field: 'users[1].teamIds' });
		expect(res.json.error.details.reason).toMatch(/does not belong to your organization/);
		expect([...mock.state.users.values()].some((u) => u.email === 'user0@example.com')).toBe(false);
	});

	test('batch size must be 1..maxBatchSize', async () => {
		const tooMany = Array.from({ length: 101 }, (_, i) => newUser(i));
		expectError(
			await api('POST', '/qsi/gather/users', { body: { users: tooMany } }),
			400,
			'VALIDATION_ERROR',
			{ field: 'users' },
		);
		expectError(
			await api('POST', '/qsi/gather/users', { body: { users: [] } }),
			400,
			'VALIDATION_ERROR',
			{ field: 'users' },
		);
		const full = await api('POST', '/qsi/gather/users', { body: { users: tooMany.slice(0, 100) } });
		expect(full.status).toBe(201);
		expect(full.json.data.users).toHaveLength(100);
	});

	test('list includes team details by default, team ids with includeTeams=false, filters by team, scoped to the org', async () => {
		const withTeams = (await api('GET', '/qsi/gather/users')).json.data.users;
		expect(withTeams).toHaveLength(3);
		expect(withTeams[0].teamIds).toBeUndefined();
		expect(Object.keys(withTeams[0].teams[0]).sort()).toEqual(
			[
				'createdAt',
				'description',
				'displayName',
				'id',
				'name',
				'organizationId',
				'updatedAt',
			].sort(),
		);

		const ids = (await api('GET', '/qsi/gather/users?includeTeams=false')).json.data.users;
		expect(ids[0].teams).toBeUndefined();
		expect(ids[0].teamIds).toEqual([teamIds[0]]);

		const recruiting = (await api('GET', `/qsi/gather/users?teamId=${teamIds[2]}`)).json.data.users;
		expect(recruiting.map((u) => u.firstName)).toEqual(['Priya']);

		const other = (await api('GET', '/qsi/gather/users', { key: otherOrgApiKey })).json.data.users;
		expect(other.map((u) => u.firstName)).toEqual(['Olivia']);
		expectError(await api('GET', '/qsi/gather/users?includeTeams=yes'), 400, 'VALIDATION_ERROR', {
			field: 'includeTeams',
		});
	});
});

describe('teams', () => {
	test('bulk create returns full teams, adds listed users, and the list filters by user', async () => {
		const [ava] = (await api('GET', '/qsi/gather/users')).json.data.users;
		const res = await api('POST', '/qsi/gather/teams', {
			body: {
				teams: [
					{
						name: 'Support Team',
						displayName: 'Support',
						description: 'Help desk',
						userIds: [ava.id],
					},
					{ name: 'Ops' },
				],
			},
		});
		expect(res.status).toBe(201);
		const [support, ops] = res.json.data.teams;
		expect(support).toMatchObject({
			name: 'Support Team',
			displayName: 'Support',
			description: 'Help desk',
			archivedAt: null,
		});
		expect(support.accentColor).toMatch(/^[0-9A-F]{6}$/);
		expect(ops).toMatchObject({ displayName: 'Ops', description: null });

		const avasTeams = (await api('GET', `/qsi/gather/teams?userId=${ava.id}`)).json.data.teams;
		expect(avasTeams.map((t) => t.name)).toEqual(['Engineering Team', 'Support Team']);
	});

	test.each([
		['missing name', [{ displayName: 'x' }], 'teams[0].name'],
		['name taken in the org', [{ name: 'Ops' }, { name: 'sales team' }], 'teams[1].name'],
		['name twice in the batch', [{ name: 'Ops' }, { name: 'Ops' }], 'teams[1].name'],
		['unknown user', [{ name: 'Ops', userIds: ['nope'] }], 'teams[0].userIds'],
	])('%s refuses the whole batch', async (_, teams, field) => {
		expectError(
			await api('POST', '/qsi/gather/teams', { body: { teams } }),
			400,
			'VALIDATION_ERROR',
			{ field },
		);
		expect(mock.state.teams.size).toBe(teamIds.length + 1);
	});

	test("another organization's user cannot join a team", async () => {
		const [olivia] = (await api('GET', '/qsi/gather/users', { key: otherOrgApiKey })).json.data
			.users;
		const res = await api('POST', '/qsi/gather/teams', {
			body: { teams: [{ name: 'Ops', userIds: [olivia.id] }] },
		});
		expectError(res, 400, 'VALIDATION_ERROR', { field: 'teams[0].userIds' });
		expect(res.json.error.details.reason).toMatch(/does not belong to your organization/);
	});
});

describe('candidates', () => {
	test('create returns the candidate as data; get finds it; another org gets 404', async () => {
		const body = {
			firstName: 'Jo',
			lastName: 'March',
			email: 'jo@example.com',
			phone: '+15551234567',
			externalId: 'X1',
			timezone: 'Europe/Paris',
			smsOptIn: true,
		};
		const created = await api('POST', '/qsi/gather/candidates', { body });
		expect(created.status).toBe(201);
		expect(created.json.data).toEqual({
			id: expect.stringMatching(UUID),
			...body,
			archived: false,
			organizationId: expect.any(String),
			createdAt: expect.stringMatching(ISO),
			updatedAt: expect.stringMatching(ISO),
		});
		const { id } = created.json.data;
		expect((await api('GET', `/qsi/gather/candidates/${id}`)).json.data).toEqual(created.json.data);
		expectError(
			await api('GET', `/qsi/gather/candidates/${id}`, { key: otherOrgApiKey }),
			404,
			'NOT_FOUND',
			{ resource: 'candidate', id },
		);
	});

	test.each([
		['firstName', { firstName: '' }],
		['email', { email: 'x' }],
		['phone', { phone: '555-1234' }],
		['timezone', { timezone: 'Mars/Base' }],
		['smsOptIn', { smsOptIn: 'yes' }],
	])('invalid %s answers 400 naming the field', async (field, override) => {
		const body = { firstName: 'Jo', lastName: 'March', email: 'jo@example.com', ...override };
		expectError(await api('POST', '/qsi/gather/candidates', { body }), 400, 'VALIDATION_ERROR', {
			field,
		});
	});

	test('list pages by pageSize (default 10, max 100)', async () => {
		const first = (await api('GET', '/qsi/gather/candidates')).json.data;
		expect(first.candidates).toHaveLength(10);
		expect(first.pagination).toEqual({ page: 1, pageSize: 10, total: 25, totalPages: 3 });
		const last = (await api('GET', '/qsi/gather/candidates?page=3')).json.data;
		expect(last.candidates.map((c) => c.id)).toEqual(candidateIds.slice(20));
		const all = (await api('GET', '/qsi/gather/candidates?pageSize=100')).json.data;
		expect(all.pagination).toEqual({ page: 1, pageSize: 100, total: 25, totalPages: 1 });
		expectError(await api('GET', '/qsi/gather/candidates?pageSize=101'), 400, 'VALIDATION_ERROR', {
			field: 'pageSize',
		});
		expectError(await api('GET', '/qsi/gather/candidates?page=0'), 400, 'VALIDATION_ERROR', {
			field: 'page',
		});
	});

	test('list filters by archived, externalId and a case-insensitive name/email search', async () => {
		const archived = (await api('GET', '/qsi/gather/candidates?archived=true')).json.data;
		expect(archived.candidates.every((c) => c.archived)).toBe(true);
		expect(archived.pagination.total).toBe(3);
		expect(
			(await api('GET', '/qsi/gather/candidates?archived=false')).json.data.pagination.total,
		).toBe(22);
		expect(
			(await api('GET', '/qsi/gather/candidates?externalId=ATS-1007')).json.data.candidates.map(
				(c) => c.id,
			),
		).toEqual([candidateIds[7]]);
		expect(
			(await api('GET', '/qsi/gather/candidates?search=GARCIA')).json.data.pagination.total,
		).toBe(5);
		expect(
			(await api('GET', '/qsi/gather/candidates?search=alex%20rossi')).json.data.candidates,
		).toHaveLength(1);
		expect(
			(await api('GET', '/qsi/gather/candidates?search=emery.nguyen@')).json.data.candidates,
		).toHaveLength(1);
		expect(
			(await api('GET', '/qsi/gather/candidates', { key: otherOrgApiKey })).json.data.pagination
				.total,
		).toBe(3);
	});
});

describe('interviews', () => {
	test('list pages by limit (default 50, max 100) and filters by status, archived and type', async () => {
		const all = (await api('GET', '/qsi/gather/interviews')).json.data;
		expect(all.interviews.map((i) => i.id)).toEqual(interviewIds);
		expect(all.pagination).toEqual({ page: 1, limit: 50, total: 6, totalPages: 1 });
		expect(all.interviews[0]).toMatchObject({
			interviewType: 'standard',
			language: 'en',
			status: 'active',
			archived: false,
		});
		// fetch builds its JSON outside jest's vm realm, so expect.any(Array) would not match: check the length.
		expect(all.interviews[0].questionIds).toHaveLength(3);

		const paged = (await api('GET', '/qsi/gather/interviews?page=2&limit=4')).json.data;
		expect(paged.interviews).toHaveLength(2);
		expect(paged.pagination).toEqual({ page: 2, limit: 4, total: 6, totalPages: 2 });

		const active = (
			await api('GET', '/qsi/gather/interviews?status=active&archived=false&interviewType=standard')
		).json.data;
		expect(active.interviews.map((i) => i.title)).toEqual([
			'Software Engineer',
			'Sales Development Representative',
		]);
		expect(
			(await api('GET', '/qsi/gather/interviews?archived=true')).json.data.pagination.total,
		).toBe(2);

		expectError(await api('GET', '/qsi/gather/interviews?limit=101'), 400, 'VALIDATION_ERROR', {
			field: 'limit',
		});
		expectError(await api('GET', '/qsi/gather/interviews?status=live'), 400, 'VALIDATION_ERROR', {
			field: 'status',
		});
	});

	test("get returns one interview; another org's answers 404", async () => {
		expect((await api('GET', `/qsi/gather/interviews/${interviewIds[0]}`)).json.data.title).toBe(
			'Software Engineer',
		);
		const foreign = await api('GET', `/qsi/gather/interviews/${interviewIds[0]}`, {
			key: otherOrgApiKey,
		});
		expectError(foreign, 404, 'NOT_FOUND', { resource: 'interview', id: interviewIds[0] });
	});
});

describe('candidate interviews', () => {
	// Seeded org1 candidates: index 0 has a phone and opted in to SMS, 1 did not opt in, 9 opted in without a phone.
	const invite = (body, key) =>
		api('POST', '/qsi/gather/candidate-interviews', {
			body: { candidateId: candidateIds[0], interviewId: interviewIds[0], ...body },
			key,
		});

	test('create sends an email invite by default', async () => {
		const res = await invite({ externalRedirectUri: 'https://example.com/thanks' });
		expect(res.status).toBe(201);
		expect(res.json.data).toEqual({
			id: expect.stringMatching(UUID),
			candidateId: candidateIds[0],
			interviewId: interviewIds[0],
			status: 'invite_sent',
			deliveryTypes: ['email'],
			expiryDays: 7,
			expiresAt: new Date(START + 7 * 86_400_000).toISOString(),
			externalRedirectUri: 'https://example.com/thanks',
			inviteUrl: `${mock.url}/invite/${res.json.data.id}`,
			inviteSentAt: new Date(START).toISOString(),
			inviteCount: 1,
			createdAt: new Date(START).toISOString(),
			updatedAt: new Date(START).toISOString(),
		});
		const unsent = (
			await invite({ sendInvite: false, deliveryTypes: ['email', 'sms'], expiryDays: 90 })
		).json.data;
		expect(unsent).toMatchObject({
			inviteSentAt: null,
			inviteCount: 0,
			deliveryTypes: ['email', 'sms'],
			expiryDays: 90,
		});
	});

	test('SMS needs the candidate to have opted in and to have a phone', async () => {
		const noOptIn = await invite({ candidateId: candidateIds[1], deliveryTypes: ['sms'] });
		expectError(noOptIn, 400, 'VALIDATION_ERROR', { field: 'deliveryTypes' });
		expect(noOptIn.json.error.details.reason).toMatch(/has not opted in to SMS/);
		expect((await invite({ candidateId: candidateIds[1], deliveryTypes: ['email'] })).status).toBe(
			201,
		);

		const noPhone = await invite({ candidateId: candidateIds[9], deliveryTypes: ['sms'] });
		expectError(noPhone, 400, 'VALIDATION_ERROR', { field: 'deliveryTypes' });
		expect(noPhone.json.error.details.reason).toMatch(/no phone/);
	});

	test.each([
		['expiryDays', { expiryDays: 0 }],
		['expiryDays', { expiryDays: 91 }],
		['deliveryTypes', { deliveryTypes: ['fax'] }],
		['deliveryTypes', { deliveryTypes: [] }],
		['candidateId', { candidateId: undefined }],
		['externalRedirectUri', { externalRedirectUri: 'not a url' }],
	])('invalid %s answers 400', async (field, override) => {
		expectError(await invite(override), 400, 'VALIDATION_ERROR', { field });
	});

	test("unknown or another org's candidate/interview answers 404", async () => {
		expectError(await invite({ candidateId: 'nope' }), 404, 'NOT_FOUND', {
			resource: 'candidate',
			id: 'nope',
		});
		expectError(await invite({ interviewId: 'nope' }), 404, 'NOT_FOUND', {
			resource: 'interview',
			id: 'nope',
		});
		expectError(await invite({}, otherOrgApiKey), 404, 'NOT_FOUND', { resource: 'candidate' });
	});

	test('get, list with filters and paging, scoped to the org', async () => {
		const a = (await invite({})).json.data;
		await invite({ candidateId: candidateIds[1] });
		await invite({ interviewId: interviewIds[1] });
		expect((await api('GET', `/qsi/gather/candidate-interviews/${a.id}`)).json.data).toEqual(a);
		expectError(
			await api('GET', `/qsi/gather/candidate-interviews/${a.id}`, { key: otherOrgApiKey }),
			404,
			'NOT_FOUND',
			{
				resource: 'candidateInterview',
			},
		);

		const byCandidate = (
			await api('GET', `/qsi/gather/candidate-interviews?candidateId=${candidateIds[0]}`)
		).json.data;
		expect(byCandidate.candidateInterviews).toHaveLength(2);
		expect(byCandidate.pagination).toEqual({ page: 1, limit: 50, total: 2, totalPages: 1 });
		const page = (await api('GET', '/qsi/gather/candidate-interviews?limit=2&page=2')).json.data;
		expect(page.candidateInterviews).toHaveLength(1);
		expect(page.pagination.totalPages).toBe(2);
		expect(
			(
				await api(
					'GET',
					`/qsi/gather/candidate-interviews?interviewId=${interviewIds[1]}&status=invite_sent`,
				)
			).json.data.pagination.total,
		).toBe(1);
		expect(
			(await api('GET', '/qsi/gather/candidate-interviews', { key: otherOrgApiKey })).json.data
				.candidateInterviews,
		).toEqual([]);
		expectError(
			await api('GET', '/qsi/gather/candidate-interviews?status=done'),
			400,
			'VALIDATION_ERROR',
			{ field: 'status' },
		);
	});

	test('status PATCH accepts the documented statuses only', async () => {
		const { id } = (await invite({})).json.data;
		clock.t += 1000;
		const res = await api('PATCH', `/qsi/gather/candidate-interviews/${id}/status`, {
			body: { status: 'has_reviewed' },
		});
		expect(res.json.data).toMatchObject({
			status: 'has_reviewed',
			updatedAt: new Date(START + 1000).toISOString(),
		});
		expectError(
			await api('PATCH', `/qsi/gather/candidate-interviews/${id}/status`, {
				body: { status: 'done' },
			}),
			400,
			'VALIDATION_ERROR',
			{ field: 'status' },
		);
	});

	test('results are 404 until the candidate completes, then carry scored responses', async () => {
		const { id } = (await invite({})).json.data;
		expectError(
			await api('GET', `/qsi/gather/candidate-interviews/${id}/results`),
			404,
			'NOT_FOUND',
			{ resource: 'results', id },
		);

		clock.t += 3_600_000;
		mock.completeInterview(id);
		const results = (await api('GET', `/qsi/gather/candidate-interviews/${id}/results`)).json.data;
		const { questionIds } = (await api('GET', `/qsi/gather/interviews/${interviewIds[0]}`)).json
			.data;
		expect(results).toMatchObject({
			candidateInterviewId: id,
			status: 'new_response',
			completedAt: new Date(START + 3_600_000).toISOString(),
		});
		expect(results.responses.map((r) => r.questionId)).toEqual(questionIds);
		expect(results.responses[0]).toEqual({
			questionId: questionIds[0],
			question: expect.any(String),
			transcript: expect.any(String),
			score: expect.any(Number),
			durationSeconds: expect.any(Number),
		});
		const mean = results.responses.reduce((s, r) => s + r.score, 0) / results.responses.length;
		expect(results.overallScore).toBe(Math.round(mean));
		expect((await api('GET', `/qsi/gather/candidate-interviews/${id}`)).json.data.status).toBe(
			'new_response',
		);
	});

	test('resend-invite counts up, and refuses expired or closed invites', async () => {
		const { id } = (await invite({ expiryDays: 1 })).json.data;
		clock.t += 1000;
		const resent = await api('POST', `/qsi/gather/candidate-interviews/${id}/resend-invite`);
		expect(resent.status).toBe(200);
		expect(resent.json.data).toMatchObject({
			inviteCount: 2,
			inviteSentAt: new Date(START + 1000).toISOString(),
		});

		clock.t = START + 86_400_000;
		expectError(
			await api('POST', `/qsi/gather/candidate-interviews/${id}/resend-invite`),
			400,
			'VALIDATION_ERROR',
		);

		clock.t = START;
		const hired = (await invite({})).json.data.id;
		await api('PATCH', `/qsi/gather/candidate-interviews/${hired}/status`, {
			body: { status: 'hired' },
		});
		expectError(
			await api('POST', `/qsi/gather/candidate-interviews/${hired}/resend-invite`),
			400,
			'VALIDATION_ERROR',
			{ field: 'status' },
		);
	});
});
