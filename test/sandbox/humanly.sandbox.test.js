'use strict';
/**
 * The Humanly sandbox must behave like the documented API (docs/humanly.md) and the
 * [assumed] facts of nodes/Humanly/api.ts, because the node and its e2e tests are built against it.
 */
const { startHumanlyMock, HUMANLY_SANDBOX } = require('../../sandbox/humanly');

const {
	apiKey,
	otherOrgApiKey,
	teamIds,
	otherOrgTeamId,
	userIds,
	interviewIds,
	candidateIds,
	questionIds,
	narratorIds,
	messageGroupIds,
} = HUMANLY_SANDBOX;
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
	mock.setDocs('newer');
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

describe('which pages the answers follow', () => {
	test('newer by default; the docs option, setDocs and PUT /__sandbox/docs switch to the older pages', async () => {
		const interview = `/qsi/gather/interviews/${interviewIds[0]}`;
		expect((await api('GET', interview)).json.data.interview.status).toBe(0);

		const older = await startHumanlyMock({ docs: 'older' });
		try {
			expect((await call(older, 'GET', interview)).json.data.status).toBe('active');
			const put = (docs) =>
				fetch(`${older.url}/__sandbox/docs`, {
					method: 'PUT',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ docs }),
				});
			expect(await (await put('newer')).json()).toEqual({ docs: 'newer' });
			older.reset(); // configuration, not data: a reset keeps it
			expect((await call(older, 'GET', interview)).json.data.interview.status).toBe(0);
			expect((await put('oldest')).status).toBe(400);
		} finally {
			await older.close();
		}
		expect(() => mock.setDocs('latest')).toThrow(/newer, older/);
		await expect(startHumanlyMock({ docs: 'latest' })).rejects.toThrow(/newer, older/);
	});
});

describe('candidates', () => {
	test('create returns the candidate as data with the documented fields; get finds it; another org gets 404', async () => {
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
			resumeUrl: null,
			linkedInURL: null,
			source: 'api',
			archivedAt: null,
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

	test('list pages by pageSize (default 10, max 100), paging in meta on the newer pages and in data on the older', async () => {
		const first = (await api('GET', '/qsi/gather/candidates?archived=true')).json;
		expect(first.data.candidates).toHaveLength(10);
		expect(first.data.pagination).toBeUndefined();
		expect(first.meta.pagination).toEqual({ page: 1, pageSize: 10, total: 25, totalPages: 3 });
		const last = (await api('GET', '/qsi/gather/candidates?archived=true&page=3')).json.data;
		expect(last.candidates.map((c) => c.id)).toEqual(candidateIds.slice(20));

		mock.setDocs('older');
		const older = (await api('GET', '/qsi/gather/candidates?archived=true&pageSize=100')).json;
		expect(older.data.pagination).toEqual({ page: 1, pageSize: 100, total: 25, totalPages: 1 });
		expect(older.meta.pagination).toBeUndefined();
		expectError(await api('GET', '/qsi/gather/candidates?pageSize=101'), 400, 'VALIDATION_ERROR', {
			field: 'pageSize',
		});
		expectError(await api('GET', '/qsi/gather/candidates?page=0'), 400, 'VALIDATION_ERROR', {
			field: 'page',
		});
	});

	test('archived=true includes archived candidates (default false leaves them out); externalId and search filter', async () => {
		const total = async (query) =>
			(await api('GET', `/qsi/gather/candidates${query}`)).json.meta.pagination.total;
		expect(await total('')).toBe(22);
		expect(await total('?archived=false')).toBe(22);
		expect(await total('?archived=true')).toBe(25);
		expect(
			(await api('GET', '/qsi/gather/candidates?externalId=ATS-1007')).json.data.candidates.map(
				(c) => c.id,
			),
		).toEqual([candidateIds[7]]);
		expect(await total('?search=GARCIA')).toBe(5);
		expect(
			(await api('GET', '/qsi/gather/candidates?search=alex%20rossi')).json.data.candidates,
		).toHaveLength(1);
		expect(
			(await api('GET', '/qsi/gather/candidates?search=emery.nguyen@')).json.data.candidates,
		).toHaveLength(1);
		expect(
			(await api('GET', '/qsi/gather/candidates', { key: otherOrgApiKey })).json.meta.pagination
				.total,
		).toBe(3);
	});
});

describe('interviews', () => {
	test('get: data.interview with a numeric status on the newer page, the bare record with "active" on the older', async () => {
		const path = `/qsi/gather/interviews/${interviewIds[0]}`;
		const newer = (await api('GET', path)).json.data;
		expect(newer.interview).toMatchObject({
			id: interviewIds[0],
			title: 'Software Engineer',
			interviewType: 'standard',
			status: 0,
			language: 'en',
		});
		expect(newer.interview.questions.map((q) => q.id)).toEqual(questionIds.slice(0, 3));
		expect(newer.interview.questions[1]).toEqual({
			id: questionIds[1],
			title: 'Software Engineer question 2',
			ordinal: 1,
		});
		expect((await api('GET', `${path}?teamId=${teamIds[1]}`)).status).toBe(200);
		expectError(await api('GET', `${path}?teamId=${otherOrgTeamId}`), 404, 'NOT_FOUND', {
			resource: 'team',
		});

		mock.setDocs('older');
		const older = (await api('GET', path)).json.data;
		expect(older.interview).toBeUndefined();
		expect(older).toMatchObject({ id: interviewIds[0], status: 'active' });
		expect((await api('GET', `/qsi/gather/interviews/${interviewIds[2]}`)).json.data.status).toBe(
			'paused',
		);
		expectError(await api('GET', path, { key: otherOrgApiKey }), 404, 'NOT_FOUND', {
			resource: 'interview',
			id: interviewIds[0],
		});
	});

	test('list pages by limit (default 50, max 100); archived=true includes archived; type and status filter', async () => {
		const all = (await api('GET', '/qsi/gather/interviews')).json;
		expect(all.data.interviews.map((i) => i.title)).toEqual([
			'Software Engineer',
			'Sales Development Representative',
			'Customer Support Agent',
			'Warehouse Associate',
			'Availability Questionnaire',
		]);
		expect(all.meta.pagination).toEqual({ page: 1, limit: 50, total: 5, totalPages: 1 });
		const archived = (await api('GET', '/qsi/gather/interviews?archived=true')).json;
		expect(archived.data.interviews.map((i) => i.id)).toEqual(interviewIds);
		const paged = (await api('GET', '/qsi/gather/interviews?archived=true&page=2&limit=4')).json;
		expect(paged.data.interviews).toHaveLength(3);
		expect(paged.meta.pagination).toEqual({ page: 2, limit: 4, total: 7, totalPages: 2 });

		const titles = async (query) =>
			(await api('GET', `/qsi/gather/interviews?${query}`)).json.data.interviews.map(
				(i) => i.title,
			);
		expect(await titles('interviewType=questionnaire')).toEqual(['Availability Questionnaire']);
		expect(await titles('status=1')).toEqual(['Customer Support Agent']);
		expect(await titles('status=3&archived=true')).toEqual([
			'Retail Store Manager',
			'Registered Nurse',
		]);
		expectError(await api('GET', '/qsi/gather/interviews?status=active'), 400, 'VALIDATION_ERROR', {
			field: 'status',
		});
		expectError(await api('GET', '/qsi/gather/interviews?limit=101'), 400, 'VALIDATION_ERROR', {
			field: 'limit',
		});
		expectError(
			await api('GET', '/qsi/gather/interviews?interviewType=video'),
			400,
			'VALIDATION_ERROR',
			{ field: 'interviewType' },
		);

		mock.setDocs('older');
		expect(await titles('status=closed')).toEqual(['Warehouse Associate']);
		expect(await titles('status=2')).toEqual(['Warehouse Associate']);
		const older = (await api('GET', '/qsi/gather/interviews?limit=2')).json.data;
		expect(older.pagination).toEqual({ page: 1, limit: 2, total: 5, totalPages: 3 });
		expect(older.interviews[0].status).toBe('active');
	});

	test('create: standard only on the newer page, questionnaires too on the older; questions, survey questions and keywords', async () => {
		const survey = (
			await api('POST', '/qsi/gather/survey-questions', {
				body: { title: 'Weekends?', questionType: 'yes_no' },
			})
		).json.data.surveyQuestion;
		const res = await api('POST', '/qsi/gather/interviews', {
			body: {
				title: 'Barista',
				displayName: 'Join our café',
				interviewType: 'standard',
				description: 'Front of house',
				language: 'en',
				questionIds: questionIds.slice(0, 2),
				surveyQuestions: [{ id: survey.id, knockout: true }],
				keywords: ['coffee'],
			},
		});
		expect(res.status).toBe(201);
		expect(res.json.data.interview).toMatchObject({
			title: 'Barista',
			displayName: 'Join our café',
			status: 0,
			surveyQuestions: [{ id: survey.id, knockout: true }],
			keywords: ['coffee'],
		});
		expect(res.json.data.interview.questions.map((q) => q.id)).toEqual(questionIds.slice(0, 2));

		const questionnaire = { title: 'Survey', interviewType: 'questionnaire' };
		expectError(
			await api('POST', '/qsi/gather/interviews', { body: questionnaire }),
			400,
			'VALIDATION_ERROR',
			{ field: 'interviewType' },
		);
		expectError(
			await api('POST', '/qsi/gather/interviews', { body: { title: 'X', questionIds: ['nope'] } }),
			400,
			'VALIDATION_ERROR',
			{ field: 'questionIds' },
		);
		expectError(
			await api('POST', '/qsi/gather/interviews', {
				body: { title: 'X', surveyQuestions: [{ knockout: true }] },
			}),
			400,
			'VALIDATION_ERROR',
			{ field: 'surveyQuestions[0].id' },
		);
		mock.setDocs('older');
		const older = await api('POST', '/qsi/gather/interviews', { body: questionnaire });
		expect(older.status).toBe(201);
		expect(older.json.data).toMatchObject({ interviewType: 'questionnaire', status: 'active' });
	});

	describe('bulk update', () => {
		const bulk = (body) => api('PATCH', '/qsi/gather/interviews/bulk-update', { body });
		const interview = (id) => mock.state.interviews.get(id);
		beforeEach(() => {
			interview(interviewIds[0]).keywords = ['java', 'python'];
			interview(interviewIds[1]).keywords = ['java', 'python'];
		});

		test('overwrite replaces keywords, merge appends, removed* take single items out', async () => {
			const res = await bulk({
				interviewIds: [interviewIds[0]],
				mode: 'overwrite',
				keywords: ['go'],
			});
			expect(res.json.data).toEqual({
				success: true,
				updatedCount: 1,
				errors: [],
				templateInterviewId: null,
			});
			expect(interview(interviewIds[0]).keywords).toEqual(['go']);

			await bulk({
				interviewIds: [interviewIds[1]],
				mode: 'merge',
				keywords: ['go'],
				removedKeywords: ['java'],
				removedQuestionIds: [questionIds[3]],
				title: 'SDR',
			});
			expect(interview(interviewIds[1])).toMatchObject({
				keywords: ['python', 'go'],
				questionIds: questionIds.slice(4, 6),
				title: 'SDR',
			});
		});

		test('a template interview is copied into each target; unknown interviews are errors, the rest is updated', async () => {
			const res = await bulk({
				interviewIds: [interviewIds[2], 'missing'],
				mode: 'overwrite',
				templateInterviewId: interviewIds[0],
			});
			expect(res.json.data).toEqual({
				success: false,
				updatedCount: 1,
				errors: [{ interviewId: 'missing', message: 'Interview not found' }],
				templateInterviewId: interviewIds[0],
			});
			expect(interview(interviewIds[2]).questionIds).toEqual(questionIds.slice(0, 3));
			expect(interview(interviewIds[2]).keywords).toEqual(['java', 'python']);
		});

		test.each([
			['interviewIds', { interviewIds: [] }],
			['mode', { mode: 'replace' }],
			['keywords', { keywords: 'go' }],
		])('a bad %s answers 400', async (field, override) => {
			expectError(
				await bulk({ interviewIds: [interviewIds[0]], mode: 'merge', ...override }),
				400,
				'VALIDATION_ERROR',
				{ field },
			);
		});

		test('a template of another organization answers 404', async () => {
			expectError(
				await bulk({ interviewIds: [interviewIds[0]], mode: 'merge', templateInterviewId: 'x' }),
				404,
				'NOT_FOUND',
				{ resource: 'interview' },
			);
		});
	});
});

describe('questions and narrators', () => {
	test('create an audio question: data.question; userId optional on the newer page, required on the older', async () => {
		const res = await api('POST', '/qsi/gather/questions', {
			body: {
				title: 'Tell me about yourself',
				questionScript: 'Tell me about yourself and your background.',
				narratorId: narratorIds[1],
				generateAudio: true,
			},
		});
		expect(res.status).toBe(201);
		const { question } = res.json.data;
		expect(question).toEqual({
			id: expect.stringMatching(UUID),
			title: 'Tell me about yourself',
			description: null,
			audioURL: expect.stringMatching(/^https:\/\/.+\.mp3$/),
			narratorId: narratorIds[1],
			questionScript: 'Tell me about yourself and your background.',
			teamId: null,
			createdById: userIds[0],
			organizationId: expect.any(String),
			createdAt: new Date(START).toISOString(),
			updatedAt: new Date(START).toISOString(),
			archivedAt: null,
		});
		expect((await api('GET', `/qsi/gather/questions/${question.id}`)).json.data.question).toEqual(
			question,
		);

		mock.setDocs('older');
		const body = { title: 'Why us?', questionScript: 'Why do you want to join us?' };
		expectError(await api('POST', '/qsi/gather/questions', { body }), 400, 'VALIDATION_ERROR', {
			field: 'userId',
		});
		const withUser = await api('POST', '/qsi/gather/questions', {
			body: { ...body, userId: userIds[2] },
		});
		expect(withUser.json.data.question.createdById).toBe(userIds[2]);
	});

	test.each([
		['title', { title: '' }],
		['questionScript', { generateAudio: true, questionScript: undefined, audioURL: undefined }],
		['narratorId', { narratorId: 'nobody' }],
		['audioURL', { audioURL: 'file.mp3' }],
		['userId', { userId: 'someone' }],
	])('a bad %s answers 400', async (field, override) => {
		const body = { title: 'Q', questionScript: 'Say something', ...override };
		expectError(await api('POST', '/qsi/gather/questions', { body }), 400, 'VALIDATION_ERROR', {
			field,
		});
	});

	test('the question list is data.questions of the organization', async () => {
		const list = (await api('GET', '/qsi/gather/questions')).json.data.questions;
		expect(list.map((q) => q.id)).toEqual(questionIds);
		expect(
			(await api('GET', '/qsi/gather/questions', { key: otherOrgApiKey })).json.data.questions,
		).toHaveLength(3);
		expectError(
			await api('GET', `/qsi/gather/questions/${questionIds[0]}`, { key: otherOrgApiKey }),
			404,
			'NOT_FOUND',
			{ resource: 'question' },
		);
	});

	test('survey and AI-text questions are created at their [assumed] paths', async () => {
		const survey = await api('POST', '/qsi/gather/survey-questions', {
			body: { title: 'Shift', questionType: 'multiple_choice', options: ['Day', 'Night'] },
		});
		expect(survey.status).toBe(201);
		expect(survey.json.data.surveyQuestion).toMatchObject({
			title: 'Shift',
			questionType: 'multiple_choice',
			options: ['Day', 'Night'],
		});
		expectError(
			await api('POST', '/qsi/gather/survey-questions', {
				body: { title: 'Shift', questionType: 'multiple_choice' },
			}),
			400,
			'VALIDATION_ERROR',
			{ field: 'options' },
		);
		expectError(
			await api('POST', '/qsi/gather/survey-questions', {
				body: { title: 'X', questionType: 'stars' },
			}),
			400,
			'VALIDATION_ERROR',
			{ field: 'questionType' },
		);
		const ai = await api('POST', '/qsi/gather/ai-text-questions', {
			body: { title: 'Conflict', questionText: 'Describe a conflict you resolved.' },
		});
		expect(ai.json.data.aiTextQuestion).toMatchObject({
			title: 'Conflict',
			questionText: 'Describe a conflict you resolved.',
		});
		expectError(
			await api('POST', '/qsi/gather/ai-text-questions', { body: { title: 'X' } }),
			400,
			'VALIDATION_ERROR',
			{ field: 'questionText' },
		);
	});

	test('narrators: the list is a bare data array with voices; get one; unknown is 404', async () => {
		const list = (await api('GET', '/qsi/gather/narrators')).json.data;
		expect(list.map((n) => n.id)).toEqual(narratorIds);
		expect(list[0]).toEqual({
			id: narratorIds[0],
			name: 'Default Narrator',
			language: 'en',
			voices: [
				expect.objectContaining({ name: 'James', gender: 'male' }),
				expect.objectContaining({ name: 'Olivia', gender: 'female' }),
			],
		});
		expect((await api('GET', `/qsi/gather/narrators/${narratorIds[1]}`)).json.data.language).toBe(
			'es',
		);
		expectError(await api('GET', '/qsi/gather/narrators/nope'), 404, 'NOT_FOUND', {
			resource: 'narrator',
		});
	});
});

describe('message groups and teams', () => {
	test('list: data.messageGroups without messages; get: data.messageGroup with its messages', async () => {
		const list = (await api('GET', '/qsi/gather/message-groups')).json.data.messageGroups;
		expect(list.map((g) => g.id)).toEqual(messageGroupIds);
		expect(list[0]).toMatchObject({ status: 'PUBLISHED', type: 'standard', default: true });
		expect(list[0].messages).toBeUndefined();
		const group = (await api('GET', `/qsi/gather/message-groups/${messageGroupIds[0]}`)).json.data
			.messageGroup;
		expect(group.messages[0]).toMatchObject({ type: 'INVITE', smsEnabled: true });
		expect(group.messages[0].smsBody).toContain('{{link}}');
		expectError(
			await api('GET', `/qsi/gather/message-groups/${messageGroupIds[0]}`, { key: otherOrgApiKey }),
			404,
			'NOT_FOUND',
			{ resource: 'messageGroup' },
		);
	});

	test('create [assumed]: data.messageGroup; type and message types are checked', async () => {
		const res = await api('POST', '/qsi/gather/message-groups', {
			body: {
				title: 'Night shift',
				type: 'standard',
				messages: [{ type: 'INVITE', smsBody: 'Hi {{link}}', smsEnabled: true }],
			},
		});
		expect(res.status).toBe(201);
		expect(res.json.data.messageGroup).toMatchObject({
			title: 'Night shift',
			default: false,
			messages: [{ type: 'INVITE', smsBody: 'Hi {{link}}', smsEnabled: true, emailEnabled: false }],
		});
		expectError(
			await api('POST', '/qsi/gather/message-groups', { body: { title: 'X', type: 'video' } }),
			400,
			'VALIDATION_ERROR',
			{ field: 'type' },
		);
		expectError(
			await api('POST', '/qsi/gather/message-groups', {
				body: { title: 'X', type: 'standard', messages: [{ type: 'NUDGE' }] },
			}),
			400,
			'VALIDATION_ERROR',
			{ field: 'messages[0].type' },
		);
	});

	test('team get and branding update [assumed]: data.team, colours without #', async () => {
		expect((await api('GET', `/qsi/gather/teams/${teamIds[0]}`)).json.data.team.name).toBe(
			'Engineering Team',
		);
		const res = await api('PATCH', `/qsi/gather/teams/${teamIds[0]}/branding`, {
			body: { accentColor: 'ff8800', logoUrl: 'https://example.com/logo.png' },
		});
		expect(res.json.data.team).toMatchObject({
			accentColor: 'FF8800',
			buttonColor: '0B5FFF',
			logoUrl: 'https://example.com/logo.png',
		});
		expectError(
			await api('PATCH', `/qsi/gather/teams/${teamIds[0]}/branding`, {
				body: { buttonColor: '#0B5FFF' },
			}),
			400,
			'VALIDATION_ERROR',
			{ field: 'buttonColor' },
		);
		expectError(
			await api('PATCH', `/qsi/gather/teams/${teamIds[0]}/branding`, { body: {} }),
			400,
			'VALIDATION_ERROR',
			{ field: 'body' },
		);
		expectError(await api('GET', `/qsi/gather/teams/${otherOrgTeamId}`), 404, 'NOT_FOUND', {
			resource: 'team',
		});
	});
});

describe('candidate interviews', () => {
	// Seeded org1 candidates: index 0 has a phone and opted in to SMS, 1 did not opt in, 9 opted in without a phone.
	const invite = (body, key) =>
		api('POST', '/qsi/gather/candidate-interviews', {
			body: { candidateId: candidateIds[0], interviewId: interviewIds[0], ...body },
			key,
		});

	test('create answers the documented record: inviteToken and expiry, no invite URL', async () => {
		const res = await invite({
			externalRedirectUri: 'https://example.com/thanks',
			externalId: 'A1',
		});
		expect(res.status).toBe(201);
		expect(res.json.data).toEqual({
			id: expect.stringMatching(UUID),
			candidateId: candidateIds[0],
			interviewId: interviewIds[0],
			status: 'invite_sent',
			inviteToken: expect.stringMatching(/^[0-9a-f]{32}$/),
			expiry: new Date(START + 7 * 86_400_000).toISOString(),
			inviteSentAt: new Date(START).toISOString(),
			externalId: 'A1',
			createdAt: new Date(START).toISOString(),
			updatedAt: new Date(START).toISOString(),
		});
		const unsent = await invite({
			sendInvite: false,
			deliveryTypes: ['email', 'sms'],
			expiryDays: 90,
		});
		expect(unsent.json.data).toMatchObject({
			inviteSentAt: null,
			expiry: new Date(START + 90 * 86_400_000).toISOString(),
		});
		expect(mock.state.candidateInterviews.get(unsent.json.data.id).deliveryTypes).toEqual([
			'email',
			'sms',
		]);
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
		['webhookUrl', { webhookUrl: 'ftp://example.com' }],
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

	test('list: a bare data array with meta.pagination on the newer pages; data.candidateInterviews with data.pagination on the older', async () => {
		const a = (await invite({})).json.data;
		await invite({ candidateId: candidateIds[1] });
		await invite({ interviewId: interviewIds[1] });
		expect((await api('GET', `/qsi/gather/candidate-interviews/${a.id}`)).json.data).toEqual(a);
		expectError(
			await api('GET', `/qsi/gather/candidate-interviews/${a.id}`, { key: otherOrgApiKey }),
			404,
			'NOT_FOUND',
			{ resource: 'candidateInterview' },
		);

		const byCandidate = (
			await api('GET', `/qsi/gather/candidate-interviews?candidateId=${candidateIds[0]}`)
		).json;
		expect(byCandidate.data).toHaveLength(2);
		expect(byCandidate.data[0]).toEqual({
			id: a.id,
			candidateId: a.candidateId,
			interviewId: a.interviewId,
			status: 'invite_sent',
			inviteSentAt: a.inviteSentAt,
			createdAt: a.createdAt,
		});
		expect(byCandidate.meta).toEqual({
			requestId: expect.stringMatching(UUID),
			timestamp: new Date(START).toISOString(),
			pagination: { page: 1, limit: 50, total: 2, totalPages: 1 },
		});
		const page = (await api('GET', '/qsi/gather/candidate-interviews?limit=2&page=2')).json;
		expect(page.data).toHaveLength(1);
		expect(page.meta.pagination.totalPages).toBe(2);
		expect(
			(
				await api(
					'GET',
					`/qsi/gather/candidate-interviews?interviewId=${interviewIds[1]}&status=invite_sent`,
				)
			).json.meta.pagination.total,
		).toBe(1);
		expect(
			(await api('GET', '/qsi/gather/candidate-interviews', { key: otherOrgApiKey })).json.data,
		).toEqual([]);
		expectError(
			await api('GET', '/qsi/gather/candidate-interviews?status=done'),
			400,
			'VALIDATION_ERROR',
			{ field: 'status' },
		);

		mock.setDocs('older');
		const older = (await api('GET', '/qsi/gather/candidate-interviews?limit=2')).json;
		expect(older.data.candidateInterviews).toHaveLength(2);
		expect(older.data.pagination).toEqual({ page: 1, limit: 2, total: 3, totalPages: 2 });
		expect(older.meta.pagination).toBeUndefined();
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

	test('results are 404 until completed, then carry transcriptions, scores, summary and score card', async () => {
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
		expect(results).toMatchObject({
			candidateInterviewId: id,
			status: 'new_response',
			takenAt: new Date(START + 3_600_000).toISOString(),
			summaryStatus: 'complete',
			summary: expect.any(String),
			scoreCard: { evaluationType: 'ai_generated', overallScore: expect.any(Number) },
			ratings: [],
		});
		expect(results.transcriptions.map((t) => t.questionId)).toEqual(questionIds.slice(0, 3));
		expect(results.scores.map((s) => s.questionId)).toEqual(questionIds.slice(0, 3));
		const mean = results.scores.reduce((sum, s) => sum + s.score, 0) / results.scores.length;
		expect(results.scoreCard.overallScore).toBe(Math.round(mean));
		expect((await api('GET', `/qsi/gather/candidate-interviews/${id}`)).json.data.status).toBe(
			'new_response',
		);
	});

	test('a summary still processing has summary and scoreCard null until it is finished', async () => {
		const { id } = (await invite({})).json.data;
		mock.completeInterview(id, { summaryStatus: 'processing' });
		const path = `/qsi/gather/candidate-interviews/${id}/results`;
		expect((await api('GET', path)).json.data).toMatchObject({
			summaryStatus: 'processing',
			summary: null,
			scoreCard: null,
		});
		mock.finishSummary(id);
		expect((await api('GET', path)).json.data.summaryStatus).toBe('complete');
		expect(() => mock.completeInterview(id, { summaryStatus: 'done' })).toThrow(/summaryStatus/);
	});

	test('resend-invite takes { deliveryTypes }, and refuses expired or closed invites', async () => {
		const { id } = (await invite({ expiryDays: 1 })).json.data;
		clock.t += 1000;
		const resend = (inviteId, body) =>
			api('POST', `/qsi/gather/candidate-interviews/${inviteId}/resend-invite`, { body });
		const resent = await resend(id, { deliveryTypes: ['sms'] });
		expect(resent.status).toBe(200);
		expect(resent.json.data.inviteSentAt).toBe(new Date(START + 1000).toISOString());
		expect(mock.state.candidateInterviews.get(id)).toMatchObject({
			inviteCount: 2,
			deliveryTypes: ['sms'],
		});
		expect((await resend(id)).status).toBe(200); // no body: the last channels again
		expectError(await resend(id, { deliveryTypes: ['pigeon'] }), 400, 'VALIDATION_ERROR', {
			field: 'deliveryTypes',
		});

		clock.t = START + 86_400_000;
		expectError(await resend(id, {}), 400, 'VALIDATION_ERROR', { field: 'expiry' });

		clock.t = START;
		const hired = (await invite({})).json.data.id;
		await api('PATCH', `/qsi/gather/candidate-interviews/${hired}/status`, {
			body: { status: 'hired' },
		});
		expectError(await resend(hired, {}), 400, 'VALIDATION_ERROR', { field: 'status' });
	});
});
