'use strict';
/**
 * The Q-Hub mock is the stand-in for the real API in every e2e test, so its own behaviour is pinned
 * here: auth, rate limit, 503s, each route's happy path and business rules, paging and date filters.
 */
const { startQHubMock, QHUB_SANDBOX } = require('../../sandbox/qhub');

const AUTH = { 'x-api-key': QHUB_SANDBOX.apiKey, 'x-api-secret': QHUB_SANDBOX.apiSecret };
const START = Date.parse('2026-03-01T10:00:00.000Z');

/** One request; `body` may be an object (sent as JSON) or a raw string (to send broken JSON). */
async function call(target, method, path, { body, headers = AUTH } = {}) {
	const init = { method, headers: { ...headers } };
	if (body !== undefined) {
		init.headers['content-type'] = 'application/json';
		init.body = typeof body === 'string' ? body : JSON.stringify(body);
	}
	const res = await fetch(`${target.url}${path}`, init);
	const text = await res.text();
	return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

/** A mock on a clock the test moves by hand. */
async function startClocked(options = {}) {
	const clock = { ms: START };
	const mock = await startQHubMock({ now: () => clock.ms, ...options });
	return { mock, clock };
}

// The shared mock has a huge limit so functional tests never meet the rate limit by accident.
let main;
let clock;
const api = (method, path, options) => call(main, method, path, options);

beforeAll(async () => {
	({ mock: main, clock } = await startClocked({ limit: 100000 }));
});
afterAll(() => main.close());
beforeEach(() => {
	main.reset();
	clock.ms = START;
});

const newUser = (overrides = {}) => ({
	firstName: 'Sam',
	lastName: 'Site',
	email: 'sam@example.com',
	accessLevel: 'standard',
	...overrides,
});

const fields = (res) => res.body.details.map((d) => d.field);

describe('startQHubMock', () => {
	test('exposes a /v1 base URL and the sandbox credentials', () => {
		expect(main.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
		expect(QHUB_SANDBOX).toEqual({ apiKey: 'qhub_sandbox_key', apiSecret: 'qhub_sandbox_secret' });
	});

	test('reset() restores the seed, empties the log and clears the window', async () => {
		await api('POST', '/users', { body: newUser() });
		expect(main.state.users.size).toBe(2);
		main.reset();
		expect(main.state.users.size).toBe(1);
		expect(main.requests).toEqual([]);
		expect(main.counted()).toBe(0);
		expect(main.state.formEntries).toHaveLength(120);
	});
});

describe('auth', () => {
	test('no headers: 401 "Missing", no rate-limit headers, not counted', async () => {
		const res = await api('GET', '/locations', { headers: {} });
		expect(res.status).toBe(401);
		expect(res.body.error).toBe('unauthorized');
		expect(res.body.message).toMatch(
			/^Missing API key or secret\. Send both x-api-key and x-api-secret/,
		);
		expect(res.headers.get('ratelimit-limit')).toBeNull();
		expect(res.headers.get('x-request-id')).toMatch(/^qh_req_\d+$/);
		expect(main.counted()).toBe(0);
	});

	test('a key without a secret is "Missing"; a wrong secret is "Invalid"', async () => {
		const keyOnly = await api('GET', '/locations', {
			headers: { 'x-api-key': QHUB_SANDBOX.apiKey },
		});
		expect(keyOnly.status).toBe(401);
		expect(keyOnly.body.message).toMatch(/^Missing/);
		const wrong = await api('GET', '/locations', { headers: { ...AUTH, 'x-api-secret': 'nope' } });
		expect(wrong.status).toBe(401);
		expect(wrong.body.message).toMatch(/^Invalid API key or secret/);
		expect(main.counted()).toBe(0);
	});

	test('the request log never holds headers or secrets', async () => {
		await api('GET', '/locations?perPage=5');
		await api('GET', '/locations', { headers: { ...AUTH, 'x-api-secret': 'wrong_secret' } });
		expect(main.requests[0]).toEqual({
			method: 'GET',
			path: '/locations',
			query: { perPage: '5' },
			body: null,
			status: 200,
			at: START,
		});
		expect(main.requests[1].status).toBe(401);
		const logged = JSON.stringify(main.requests);
		expect(logged).not.toContain(QHUB_SANDBOX.apiSecret);
		expect(logged).not.toContain('wrong_secret');
	});
});

describe('headers on success', () => {
	test('X-Request-Id, JSON content type and RateLimit-* after each request', async () => {
		const first = await api('GET', '/locations');
		const second = await api('GET', '/users');
		expect(first.headers.get('content-type')).toBe('application/json');
		expect(first.headers.get('x-request-id')).not.toBe(second.headers.get('x-request-id'));
		expect(first.headers.get('ratelimit-limit')).toBe('100000');
		expect(first.headers.get('ratelimit-remaining')).toBe('99999');
		expect(second.headers.get('ratelimit-remaining')).toBe('99998');
		expect(first.headers.get('ratelimit-reset')).toBe(
			String(Math.ceil((START + 15 * 60 * 1000) / 1000)),
		);
		expect(main.counted()).toBe(2);
	});

	test('unknown routes and broken JSON are 4xx answers that still count', async () => {
		const unknown = await api('GET', '/nothing-here');
		expect(unknown.status).toBe(404);
		expect(unknown.body.error).toBe('not_found');
		const outside = await api('GET', '/../locations');
		expect(outside.status).toBe(404);
		const broken = await api('POST', '/locations', { body: '{"name": ' });
		expect(broken.status).toBe(400);
		expect(broken.body.error).toBe('validation_error');
		expect(fields(broken)).toEqual(['body']);
		expect(broken.headers.get('ratelimit-remaining')).toBe('99997');
		expect(main.counted()).toBe(3);
	});
});

describe('rate limit', () => {
	const windowMs = 60 * 1000;
	let limited;
	let time;
	beforeEach(async () => {
		({ mock: limited, clock: time } = await startClocked({ limit: 3, windowMs }));
		// Half a second past a whole second, so the ceil() of the reset time is visible.
		time.ms = START + 500;
	});
	afterEach(() => limited.close());

	const get = (path = '/locations') => call(limited, 'GET', path);

	test('the request after the limit gets 429 with RateLimit-* and Retry-After; 429s are not counted', async () => {
		const remaining = [];
		for (let i = 0; i < 3; i++) remaining.push((await get()).headers.get('ratelimit-remaining'));
		expect(remaining).toEqual(['2', '1', '0']);

		time.ms += 20 * 1000 + 300;
		const res = await get();
		const resetMs = START + 500 + windowMs;
		expect(res.status).toBe(429);
		expect(res.body).toEqual({
			error: 'rate_limited',
			message: `Rate limit exceeded: 3 requests per 1 minutes. The window resets at ${new Date(resetMs).toISOString()}.`,
		});
		expect(res.headers.get('ratelimit-limit')).toBe('3');
		expect(res.headers.get('ratelimit-remaining')).toBe('0');
		expect(res.headers.get('ratelimit-reset')).toBe(String(Math.ceil(resetMs / 1000)));
		expect(res.headers.get('retry-after')).toBe('40'); // 39.7 s left, rounded up
		expect(limited.counted()).toBe(3);
	});

	test('a new window opens once the old one has passed', async () => {
		for (let i = 0; i < 3; i++) await get();
		time.ms += windowMs - 1;
		expect((await get()).status).toBe(429);
		time.ms += 1;
		const res = await get();
		expect(res.status).toBe(200);
		expect(res.headers.get('ratelimit-remaining')).toBe('2');
		expect(res.headers.get('ratelimit-reset')).toBe(String(Math.ceil((time.ms + windowMs) / 1000)));
		expect(limited.counted()).toBe(1);
	});

	test('4xx answers count against the limit', async () => {
		await get('/locations/loc_missing');
		await call(limited, 'POST', '/users', { body: {} });
		expect((await get()).headers.get('ratelimit-remaining')).toBe('0');
	});

	test('retryAfterOn429: false sends only the RateLimit-* headers', async () => {
		const quiet = await startQHubMock({ limit: 1, retryAfterOn429: false });
		try {
			await call(quiet, 'GET', '/locations');
			const res = await call(quiet, 'GET', '/locations');
			expect(res.status).toBe(429);
			expect(res.headers.get('retry-after')).toBeNull();
			expect(res.headers.get('ratelimit-reset')).toMatch(/^\d+$/);
		} finally {
			await quiet.close();
		}
	});
});

describe('503 injection', () => {
	test('the next n authenticated requests get 503, uncounted, then service resumes', async () => {
		main.fail503(2, { retryAfterSeconds: 7 });
		// A 401 does not use up an injected 503.
		expect((await api('GET', '/locations', { headers: {} })).status).toBe(401);
		for (let i = 0; i < 2; i++) {
			const res = await api('GET', '/locations');
			expect(res.status).toBe(503);
			expect(res.body).toEqual({
				error: 'service_unavailable',
				message:
					'Q-Hub is experiencing a traffic spike. Usually operational again within ~5 minutes.',
			});
			expect(res.headers.get('retry-after')).toBe('7');
			expect(res.headers.get('ratelimit-limit')).toBeNull();
		}
		expect(main.counted()).toBe(0);
		expect((await api('GET', '/locations')).status).toBe(200);
	});

	test('without retryAfterSeconds there is no Retry-After; reset() clears pending 503s', async () => {
		main.fail503(1);
		expect((await api('GET', '/users')).headers.get('retry-after')).toBeNull();
		main.fail503(5);
		main.reset();
		expect((await api('GET', '/users')).status).toBe(200);
	});
});

describe('users', () => {
	test('the list starts with the seeded account admin', async () => {
		const res = await api('GET', '/users');
		expect(res.body.meta).toEqual({ page: 1, perPage: 25, total: 1, totalPages: 1 });
		expect(res.body.data[0]).toMatchObject({
			id: 'usr_admin001',
			isAccountAdmin: true,
			accessLevel: 'admin',
		});
	});

	test('create returns an invited user', async () => {
		const res = await api('POST', '/users', { body: newUser({ locationIds: ['loc_seed0001'] }) });
		expect(res.status).toBe(201);
		expect(res.body).toEqual({
			id: expect.stringMatching(/^usr_[0-9a-f]{8}$/),
			firstName: 'Sam',
			lastName: 'Site',
			email: 'sam@example.com',
			accessLevel: 'standard',
			isAccountAdmin: false,
			locationIds: ['loc_seed0001'],
			status: 'invited',
			invitationEmailSentAt: '2026-03-01T10:00:00.000Z',
			createdAt: '2026-03-01T10:00:00.000Z',
			updatedAt: '2026-03-01T10:00:00.000Z',
		});
		expect(main.state.users.get(res.body.id)).toMatchObject({ email: 'sam@example.com' });
	});

	test('every invalid field is reported in one 400', async () => {
		const res = await api('POST', '/users', {
			body: {
				firstName: ' ',
				email: 'not-an-email',
				accessLevel: 'owner',
				locationIds: ['loc_missing'],
			},
		});
		expect(res.status).toBe(400);
		expect(res.body.error).toBe('validation_error');
		expect(fields(res)).toEqual(['firstName', 'lastName', 'email', 'accessLevel', 'locationIds']);
		expect(res.body.details).toContainEqual({
			field: 'email',
			message: 'must be a valid email address',
		});
	});

	test('a duplicate email (any case) is a 409 conflict', async () => {
		await api('POST', '/users', { body: newUser() });
		const res = await api('POST', '/users', { body: newUser({ email: 'SAM@Example.com' }) });
		expect(res.status).toBe(409);
		expect(res.body.error).toBe('conflict');
	});

	test('licence seats cap admin and standard users; view is free; suspension frees nothing', async () => {
		const small = await startQHubMock({ seats: 2 });
		const post = (overrides) => call(small, 'POST', '/users', { body: newUser(overrides) });
		try {
			const standard = await post({ email: 'one@example.com' }); // the account admin holds seat 1
			expect(standard.status).toBe(201);
			const over = await post({ email: 'two@example.com', accessLevel: 'admin' });
			expect(over.status).toBe(403);
			expect(over.body).toEqual({
				error: 'licence_limit',
				message:
					"Your licence tier allows 2 admin or standard users and all are in use. Create the user with access level 'view' (no seat) or upgrade the licence.",
			});
			expect((await post({ email: 'three@example.com', accessLevel: 'view' })).status).toBe(201);
			await call(small, 'POST', `/users/${standard.body.id}/suspend`);
			expect((await post({ email: 'four@example.com' })).status).toBe(403);
		} finally {
			await small.close();
		}
	});

	test('suspend sets status and suspendedAt, and is idempotent', async () => {
		const { body: user } = await api('POST', '/users', { body: newUser() });
		clock.ms += 60 * 1000;
		const res = await api('POST', `/users/${user.id}/suspend`);
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			id: user.id,
			status: 'suspended',
			suspendedAt: '2026-03-01T10:01:00.000Z',
		});
		clock.ms += 60 * 1000;
		const again = await api('POST', `/users/${user.id}/suspend`);
		expect(again.status).toBe(200);
		expect(again.body).toEqual(res.body);
	});

	test('the account admin cannot be suspended; unknown users are 404', async () => {
		const admin = await api('POST', '/users/usr_admin001/suspend');
		expect(admin.status).toBe(409);
		expect(admin.body).toEqual({
			error: 'business_rule',
			message:
				'The account admin cannot be suspended. Transfer the account admin role to another admin first.',
		});
		const unknown = await api('POST', '/users/usr_nobody/suspend');
		expect(unknown.status).toBe(404);
		expect(unknown.body).toEqual({ error: 'not_found', message: 'User usr_nobody was not found' });
	});
});

describe('locations', () => {
	const create = (body) => api('POST', '/locations', { body });

	test('create fills defaults; get reads it back; a parent must exist', async () => {
		const res = await create({ name: 'Depot', parentId: 'loc_seed0001' });
		expect(res.status).toBe(201);
		expect(res.body).toEqual({
			id: expect.stringMatching(/^loc_[0-9a-f]{8}$/),
			name: 'Depot',
			code: null,
			address: null,
			parentId: 'loc_seed0001',
			status: 'active',
			archivedAt: null,
			createdAt: '2026-03-01T10:00:00.000Z',
			updatedAt: '2026-03-01T10:00:00.000Z',
		});
		expect((await api('GET', `/locations/${res.body.id}`)).body).toEqual(res.body);

		const bad = await create({ name: 'x'.repeat(121), code: 5, parentId: 'loc_missing' });
		expect(bad.status).toBe(400);
		expect(fields(bad)).toEqual(['name', 'code', 'parentId']);
		expect(fields(await create({}))).toEqual(['name']);
	});

	test('a duplicate live name is a 409 conflict; an archived name can be reused', async () => {
		const dup = await create({ name: 'head office' });
		expect(dup.status).toBe(409);
		expect(dup.body.error).toBe('conflict');
		await api('POST', '/locations/loc_seed0001/archive');
		expect((await create({ name: 'Head Office' })).status).toBe(201);
	});

	test('PATCH changes only the given fields', async () => {
		clock.ms += 1000;
		const res = await api('PATCH', '/locations/loc_seed0002', {
			body: { code: 'NW-1', address: null },
		});
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			name: 'North Warehouse',
			code: 'NW-1',
			address: null,
			updatedAt: '2026-03-01T10:00:01.000Z',
		});
	});

	test('PATCH refuses an empty body, an unknown id, a loop and a name clash', async () => {
		const empty = await api('PATCH', '/locations/loc_seed0001', { body: {} });
		expect(empty.status).toBe(400);
		const unknown = await api('PATCH', '/locations/loc_x', { body: { name: 'A' } });
		expect(unknown.status).toBe(404);
		expect(unknown.body).toEqual({ error: 'not_found', message: 'Location loc_x was not found' });
		const { body: child } = await create({ name: 'Child', parentId: 'loc_seed0001' });
		const loop = await api('PATCH', '/locations/loc_seed0001', { body: { parentId: child.id } });
		expect(fields(loop)).toEqual(['parentId']);
		const clash = await api('PATCH', '/locations/loc_seed0001', {
			body: { name: 'North Warehouse' },
		});
		expect(clash.status).toBe(409);
	});

	test('archive hides a location from the list but keeps it readable and its users assigned', async () => {
		const { body: user } = await api('POST', '/users', {
			body: newUser({ locationIds: ['loc_seed0001'] }),
		});
		const res = await api('POST', '/locations/loc_seed0001/archive');
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ status: 'archived', archivedAt: '2026-03-01T10:00:00.000Z' });
		clock.ms += 1000;
		expect((await api('POST', '/locations/loc_seed0001/archive')).body).toEqual(res.body);

		const live = await api('GET', '/locations');
		expect(live.body.data.map((l) => l.id)).toEqual(['loc_seed0002']);
		const all = await api('GET', '/locations?includeArchived=true');
		expect(all.body.meta.total).toBe(2);
		expect((await api('GET', '/locations/loc_seed0001')).status).toBe(200);
		expect(main.state.users.get(user.id).locationIds).toEqual(['loc_seed0001']);
		expect((await api('GET', '/locations?includeArchived=maybe')).status).toBe(400);
	});

	test('an archived location cannot be edited', async () => {
		await api('POST', '/locations/loc_seed0001/archive');
		const res = await api('PATCH', '/locations/loc_seed0001', { body: { name: 'HQ' } });
		expect(res.status).toBe(409);
		expect(res.body).toEqual({
			error: 'business_rule',
			message: 'Archived locations cannot be edited; restore it in Q-Hub first',
		});
	});

	test('delete answers 204 and removes the location', async () => {
		const res = await api('DELETE', '/locations/loc_seed0002');
		expect(res.status).toBe(204);
		expect(res.body).toBeNull();
		expect(res.headers.get('content-type')).toBeNull();
		expect(res.headers.get('x-request-id')).toMatch(/^qh_req_/);
		expect((await api('GET', '/locations/loc_seed0002')).status).toBe(404);
		expect((await api('DELETE', '/locations/loc_seed0002')).status).toBe(404);
	});

	test('delete is refused while users (even suspended ones) are assigned, or children exist', async () => {
		const { body: user } = await api('POST', '/users', {
			body: newUser({ locationIds: ['loc_seed0001'] }),
		});
		await api('POST', `/users/${user.id}/suspend`);
		const res = await api('DELETE', '/locations/loc_seed0001');
		expect(res.status).toBe(409);
		expect(res.body).toEqual({
			error: 'business_rule',
			message:
				'Location Head Office has 1 assigned users and cannot be deleted. Archive it instead, or move the users first.',
		});
		await create({ name: 'Yard', parentId: 'loc_seed0002' });
		const parent = await api('DELETE', '/locations/loc_seed0002');
		expect(parent.status).toBe(409);
		expect(parent.body.error).toBe('business_rule');
	});
});

describe('data sets', () => {
	const rows = [
		{ sku: 'A1', qty: 3 },
		{ sku: 'B2', owner: 'Ops', active: true },
	];

	test('create stores the rows and answers with sorted columns and a row count', async () => {
		const res = await api('POST', '/data-sets', { body: { name: 'Stock', rows } });
		expect(res.status).toBe(201);
		expect(res.body).toEqual({
			id: expect.stringMatching(/^ds_[0-9a-f]{8}$/),
			name: 'Stock',
			description: null,
			columns: ['active', 'owner', 'qty', 'sku'],
			rowCount: 2,
			createdAt: '2026-03-01T10:00:00.000Z',
			updatedAt: '2026-03-01T10:00:00.000Z',
		});
		expect(main.state.dataSets.get(res.body.id).rows).toEqual(rows);

		const empty = await api('POST', '/data-sets', {
			body: { name: 'Empty', description: 'none yet', rows: [] },
		});
		expect(empty.body).toMatchObject({ description: 'none yet', columns: [], rowCount: 0 });
	});

	test('rows must be flat objects, at most 10000; name and rows are required', async () => {
		const bad = await api('POST', '/data-sets', {
			body: { name: 'X', rows: [{ a: { nested: 1 } }, 'text', [1]] },
		});
		expect(bad.status).toBe(400);
		expect(fields(bad)).toEqual(['rows[0].a', 'rows[1]', 'rows[2]']);
		expect(fields(await api('POST', '/data-sets', { body: {} }))).toEqual(['name', 'rows']);
		const tooMany = Array.from({ length: 10001 }, () => ({}));
		expect(
			fields(await api('POST', '/data-sets', { body: { name: 'Big', rows: tooMany } })),
		).toEqual(['rows']);
	});

	test('PATCH replaces all rows and keeps the other fields', async () => {
		const { body: created } = await api('POST', '/data-sets', { body: { name: 'Stock', rows } });
		clock.ms += 1000;
		const res = await api('PATCH', `/data-sets/${created.id}`, { body: { rows: [{ sku: 'C3' }] } });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			name: 'Stock',
			columns: ['sku'],
			rowCount: 1,
			updatedAt: '2026-03-01T10:00:01.000Z',
		});
		expect((await api('PATCH', `/data-sets/${created.id}`, { body: {} })).status).toBe(400);
		const unknown = await api('PATCH', '/data-sets/ds_missing', { body: { name: 'Y' } });
		expect(unknown.body).toEqual({
			error: 'not_found',
			message: 'Data set ds_missing was not found',
		});
	});
});

describe('paging', () => {
	test('defaults to 25 per page; meta describes the whole list', async () => {
		const res = await api('GET', '/form-entries');
		expect(res.body.data).toHaveLength(25);
		expect(res.body.meta).toEqual({ page: 1, perPage: 25, total: 120, totalPages: 5 });
	});

	test('the last page holds the remainder; a page past the end is empty', async () => {
		const last = await api('GET', '/form-entries?page=2&perPage=100');
		expect(last.body.data).toHaveLength(20);
		expect(last.body.data[0].id).toBe('fe_00000101');
		expect((await api('GET', '/form-entries?page=9&perPage=100')).body.data).toEqual([]);
	});

	test('perPage over 100 and a page below 1 are 400s naming the parameter', async () => {
		const tooBig = await api('GET', '/users?perPage=101');
		expect(tooBig.status).toBe(400);
		expect(tooBig.body.details).toEqual([{ field: 'perPage', message: 'must be at most 100' }]);
		expect(fields(await api('GET', '/locations?page=0'))).toEqual(['page']);
		expect(fields(await api('GET', '/process-entries?page=x&perPage=-1'))).toEqual([
			'page',
			'perPage',
		]);
	});
});

describe('form and process entries', () => {
	test('seeded deterministically, one day apart from 2026-01-01T09:00Z, oldest first', async () => {
		const { body } = await api('GET', '/form-entries?perPage=100');
		expect(body.data[0]).toEqual({
			id: 'fe_00000001',
			formId: 'frm_incident',
			formName: 'Incident Report',
			submittedAt: '2026-01-01T09:00:00.000Z',
			submittedBy: { id: 'usr_admin001', name: 'Ada Admin' },
			locationId: null,
			answers: expect.any(Object),
		});
		expect(body.data[1].submittedAt).toBe('2026-01-02T09:00:00.000Z');
		const processes = await api('GET', '/process-entries?perPage=100');
		expect(processes.body.meta.total).toBe(45);
		expect(main.state.formEntries).toEqual((await startAndReadSeed()).formEntries);
	});

	test('formId filters form entries', async () => {
		const res = await api('GET', '/form-entries?formId=frm_audit&perPage=100');
		expect(res.body.meta.total).toBe(40);
		expect(new Set(res.body.data.map((e) => e.formName))).toEqual(new Set(['Site Audit']));
		expect((await api('GET', '/form-entries?formId=frm_unknown')).body.meta.total).toBe(0);
	});

	test('a date-only "to" includes the whole day; bounds are inclusive', async () => {
		const days = await api('GET', '/form-entries?from=2026-01-10&to=2026-01-12');
		expect(days.body.data.map((e) => e.submittedAt)).toEqual([
			'2026-01-10T09:00:00.000Z',
			'2026-01-11T09:00:00.000Z',
			'2026-01-12T09:00:00.000Z',
		]);
		const exact = await api(
			'GET',
			'/form-entries?from=2026-01-10T09:00:00Z&to=2026-01-12T08:59:59Z',
		);
		expect(exact.body.meta.total).toBe(2);
		const offset = await api(
			'GET',
			`/form-entries?from=${encodeURIComponent('2026-01-10T10:00:00+01:00')}&to=2026-01-10`,
		);
		expect(offset.body.meta.total).toBe(1);
	});

	test('processId and dates combine; completedAt is set only on closed entries', async () => {
		const res = await api(
			'GET',
			'/process-entries?processId=prc_capa&from=2026-01-01&to=2026-01-31&perPage=100',
		);
		expect(res.body.meta.total).toBe(15);
		for (const entry of res.body.data) {
			expect(entry).toMatchObject({ processId: 'prc_capa', processName: 'Corrective Action' });
			expect(['open', 'in_progress', 'closed']).toContain(entry.status);
			expect(entry.completedAt === null).toBe(entry.status !== 'closed');
		}
	});

	test('invalid dates and a reversed range are 400s naming the field', async () => {
		expect(fields(await api('GET', '/form-entries?from=2026-02-30'))).toEqual(['from']);
		expect(fields(await api('GET', '/process-entries?to=yesterday'))).toEqual(['to']);
		const reversed = await api('GET', '/form-entries?from=2026-02-01&to=2026-01-01');
		expect(reversed.status).toBe(400);
		expect(reversed.body.details).toEqual([{ field: 'from', message: 'must not be after to' }]);
	});
});

/** A second, fresh mock proves the seed does not depend on the clock or on chance. */
async function startAndReadSeed() {
	const other = await startQHubMock({ now: () => 0 });
	await other.close();
	return other.state;
}
