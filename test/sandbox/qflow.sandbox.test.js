'use strict';
/** The Qflow sandbox must behave like the documented API (docs/qflow.md), since e2e tests trust it. */
const { startQflowMock, QFLOW_SANDBOX } = require('../../sandbox/qflow');

const API = '/users/v1/api/';
const OWNER_ID = '00000000-0000-4000-8000-000000000001';
const UNTRUSTED_ID = '00000000-0000-4000-8000-000000000002';
const MISSING_ID = '00000000-0000-4000-8000-0000000000ff';
const TTL_SECONDS = 3600;

// A hand-driven clock lets the tests expire tokens and rate windows without waiting.
let clock = Date.parse('2025-01-01T00:00:00Z');
const now = () => clock;
let mock;

beforeAll(async () => {
	mock = await startQflowMock({ tokenTtlSeconds: TTL_SECONDS, limitPerMinute: 1000, now });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

// ------------------------------------------------------------------ helpers

async function tokenRequest(fields, target = mock) {
	const res = await fetch(`${target.url}/core/connect/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields).toString(),
	});
	return { status: res.status, body: await res.json() };
}

function passwordGrant(overrides = {}, target = mock) {
	return tokenRequest(
		{
			grant_type: 'password',
			client_id: QFLOW_SANDBOX.clientId,
			client_secret: QFLOW_SANDBOX.clientSecret,
			scope: 'qflowapi openid offline_access',
			username: QFLOW_SANDBOX.username,
			password: QFLOW_SANDBOX.password,
			...overrides,
		},
		target,
	);
}

function refreshGrant(refreshToken) {
	return tokenRequest({
		grant_type: 'refresh_token',
		client_id: QFLOW_SANDBOX.clientId,
		client_secret: QFLOW_SANDBOX.clientSecret,
		refresh_token: refreshToken,
	});
}

async function accessToken(overrides, target) {
	const { status, body } = await passwordGrant(overrides, target);
	expect(status).toBe(200);
	return body.access_token;
}

const untrustedToken = () =>
	accessToken({
		username: QFLOW_SANDBOX.untrustedUsername,
		password: QFLOW_SANDBOX.untrustedPassword,
	});

/**
 * Calls the users API. `token` and `key` default to valid credentials; pass null to leave one out.
 * Resolves to { status, headers, text, body } where body is parsed JSON when there is any.
 */
async function api(
	method,
	path,
	{ token, key = QFLOW_SANDBOX.subscriptionKey, body, target = mock } = {},
) {
	const bearer = token === undefined ? await accessToken(undefined, target) : token;
	const headers = {};
	if (key !== null) headers['ocp-apim-subscription-key'] = key;
	if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
	if (body !== undefined) headers['content-type'] = 'application/json';
	const res = await fetch(`${target.url}${API}${path}`, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return {
		status: res.status,
		headers: res.headers,
		text,
		body: text ? JSON.parse(text) : undefined,
	};
}

function expectBearerRejection(res) {
	expect(res.status).toBe(401);
	expect(res.text).toBe('');
	expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
}

const newUser = (overrides = {}) => ({
	firstName: 'Nina',
	lastName: 'New',
	email: 'nina.new@example.com',
	password: 'Fresh-Pass-9',
	...overrides,
});

// ------------------------------------------------------------------ identity server

describe('token endpoint', () => {
	test('password grant issues a bearer token with the configured lifetime', async () => {
		const { status, body } = await passwordGrant();
		expect(status).toBe(200);
		expect(body).toEqual({
			access_token: expect.any(String),
			expires_in: TTL_SECONDS,
			token_type: 'Bearer',
			refresh_token: expect.any(String),
			scope: 'qflowapi openid offline_access',
		});
		expect(mock.counters).toMatchObject({ tokenRequests: 1, passwordGrants: 1, refreshGrants: 0 });
	});

	test('issuedTokens() lists every token handed out, expired or rotated, until reset()', async () => {
		const first = (await passwordGrant()).body;
		mock.expireTokens();
		const second = (await refreshGrant(first.refresh_token)).body;
		expect(mock.issuedTokens()).toEqual({
			accessTokens: [first.access_token, second.access_token],
			refreshTokens: [first.refresh_token, second.refresh_token],
		});
		mock.reset();
		expect(mock.issuedTokens()).toEqual({ accessTokens: [], refreshTokens: [] });
	});

	test('a bare email is accepted as username', async () => {
		expect((await passwordGrant({ username: 'owner@example.com' })).status).toBe(200);
	});

	test('refresh grant rotates the refresh token', async () => {
		const first = (await passwordGrant()).body;
		const second = await refreshGrant(first.refresh_token);
		expect(second.status).toBe(200);
		expect(second.body.refresh_token).not.toBe(first.refresh_token);
		expect((await api('GET', 'users/total', { token: second.body.access_token })).status).toBe(200);

		const reused = await refreshGrant(first.refresh_token);
		expect(reused.status).toBe(400);
		expect(reused.body.error).toBe('invalid_grant');
		expect(mock.counters).toMatchObject({ tokenRequests: 3, passwordGrants: 1, refreshGrants: 2 });
	});

	test.each([
		['wrong secret', { client_secret: 'nope' }],
		['unknown client', { client_id: 'someone_else' }],
	])('%s is 401 invalid_client', async (_name, overrides) => {
		expect(await passwordGrant(overrides)).toEqual({
			status: 401,
			body: { error: 'invalid_client' },
		});
	});

	test('client credentials may come in a Basic header', async () => {
		const basic = Buffer.from(`${QFLOW_SANDBOX.clientId}:${QFLOW_SANDBOX.clientSecret}`).toString(
			'base64',
		);
		const res = await fetch(`${mock.url}/core/connect/token`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				authorization: `Basic ${basic}`,
			},
			body: new URLSearchParams({
				grant_type: 'password',
				scope: 'qflowapi',
				username: QFLOW_SANDBOX.username,
				password: QFLOW_SANDBOX.password,
			}).toString(),
		});
		expect(res.status).toBe(200);
	});

	test.each([
		['wrong password', { password: 'Wrong-Pass-1' }],
		['unknown user', { username: '123/nobody@example.com' }],
		['wrong enterprise pin', { username: '999/owner@example.com' }],
	])('%s is 400 invalid_grant', async (_name, overrides) => {
		expect(await passwordGrant(overrides)).toEqual({
			status: 400,
			body: { error: 'invalid_grant', error_description: 'invalid_username_or_password' },
		});
	});

	test('a missing field is 400 invalid_request naming the field', async () => {
		const { status, body } = await passwordGrant({ password: '' });
		expect(status).toBe(400);
		expect(body).toEqual({
			error: 'invalid_request',
			error_description: expect.stringContaining('password'),
		});
	});

	test('an unsupported grant is 400 unsupported_grant_type', async () => {
		expect(await passwordGrant({ grant_type: 'client_credentials' })).toEqual({
			status: 400,
			body: { error: 'unsupported_grant_type' },
		});
	});

	test('a scope without qflowapi is refused', async () => {
		const { status, body } = await passwordGrant({ scope: 'openid offline_access' });
		expect(status).toBe(400);
		expect(body.error).toBe('invalid_scope');
	});
});

// ------------------------------------------------------------------ APIM gateway

describe('APIM gate', () => {
	test('a missing subscription key is 401 with the APIM message', async () => {
		const res = await api('GET', 'users/total', { key: null });
		expect(res.status).toBe(401);
		expect(res.body).toEqual({
			statusCode: 401,
			message:
				'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
		});
	});

	test('a wrong subscription key is 401 with the APIM message', async () => {
		const res = await api('GET', 'users/total', { key: 'wrong' });
		expect(res.status).toBe(401);
		expect(res.body).toEqual({
			statusCode: 401,
			message:
				'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
		});
	});

	test('a missing or unknown bearer token is 401 with an empty body', async () => {
		expectBearerRejection(await api('GET', 'users/total', { token: null }));
		expectBearerRejection(await api('GET', 'users/total', { token: 'made-up' }));
		expect(mock.counters.rejected401).toBe(2);
	});

	test('a token expires after tokenTtlSeconds by the injected clock, and refresh recovers', async () => {
		const { access_token, refresh_token } = (await passwordGrant()).body;
		clock += (TTL_SECONDS - 1) * 1000;
		expect((await api('GET', 'users/total', { token: access_token })).status).toBe(200);
		clock += 1000;
		expectBearerRejection(await api('GET', 'users/total', { token: access_token }));

		const refreshed = await refreshGrant(refresh_token);
		expect((await api('GET', 'users/total', { token: refreshed.body.access_token })).status).toBe(
			200,
		);
	});

	test('expireTokens() invalidates every access token issued so far but not refresh tokens', async () => {
		const { access_token, refresh_token } = (await passwordGrant()).body;
		mock.expireTokens();
		expectBearerRejection(await api('GET', 'users/total', { token: access_token }));
		expect((await refreshGrant(refresh_token)).status).toBe(200);
		expect(mock.counters.rejected401).toBe(1);
	});

	test('expireTokensAfter(n) lets n API requests through, expires the tokens on the next one, once', async () => {
		const token = await accessToken();
		mock.expireTokensAfter(2);
		expect((await api('GET', 'users/total', { token })).status).toBe(200);
		expect((await api('GET', 'users/total', { token })).status).toBe(200);
		expectBearerRejection(await api('GET', 'users/total', { token }));
		const fresh = await accessToken();
		for (let i = 0; i < 3; i++)
			expect((await api('GET', 'users/total', { token: fresh })).status).toBe(200);
		expect(mock.counters.rejected401).toBe(1);
	});

	test('reset() cancels a pending expireTokensAfter', async () => {
		mock.expireTokensAfter(0);
		mock.reset();
		const token = await accessToken();
		expect((await api('GET', 'users/total', { token })).status).toBe(200);
	});

	test('every API response carries an increasing x-request-id', async () => {
		const token = await accessToken();
		const first = await api('GET', 'users/total', { token });
		const second = await api('GET', 'users/total', { token, key: null });
		expect(first.headers.get('x-request-id')).toBe('qf_1');
		expect(second.headers.get('x-request-id')).toBe('qf_2');
	});

	test('fail503(n) answers the next n API requests with 503', async () => {
		const token = await accessToken();
		mock.fail503(2);
		for (let i = 0; i < 2; i += 1) {
			const res = await api('GET', 'users/total', { token });
			expect(res.status).toBe(503);
			expect(res.body).toEqual({ code: 'service_unavailable', message: expect.any(String) });
		}
		expect((await api('GET', 'users/total', { token })).status).toBe(200);
	});
});

describe('rate limit', () => {
	let limited;
	beforeAll(async () => {
		limited = await startQflowMock({ limitPerMinute: 3, now });
	});
	afterAll(() => limited.close());

	test('more than limitPerMinute requests in a window is 429 without rate-limit headers, for 60 s', async () => {
		const token = await accessToken(undefined, limited);
		for (let i = 0; i < 3; i += 1)
			expect((await api('GET', 'users/total', { token, target: limited })).status).toBe(200);

		const refused = await api('GET', 'users/total', { token, target: limited });
		expect(refused.status).toBe(429);
		expect(refused.body).toEqual({
			code: 'rate_limit',
			message: 'Rate limit exceeded. Try again in 60 seconds.',
		});
		const headerNames = [...refused.headers.keys()];
		expect(headerNames.filter((name) => /ratelimit|retry-after/i.test(name))).toEqual([]);

		// The mitigation window runs 60 s from the refusal.
		clock += 59_000;
		expect((await api('GET', 'users/total', { token, target: limited })).status).toBe(429);
		clock += 1_000;
		expect((await api('GET', 'users/total', { token, target: limited })).status).toBe(200);
		expect(limited.counters).toMatchObject({ apiRequests: 6, rejected429: 2 });
	});
});

// ------------------------------------------------------------------ users API

describe('users API', () => {
	test('GET user/{id} returns the user with string fields; unknown is 404; malformed is 400', async () => {
		const token = await accessToken();
		const found = await api('GET', `user/${OWNER_ID}`, { token });
		expect(found.status).toBe(200);
		expect(found.body).toMatchObject({
			id: OWNER_ID,
			email: 'owner@example.com',
			userName: QFLOW_SANDBOX.username,
		});
		expect(Object.keys(found.body).sort()).toEqual(
			[
				'companyName',
				'customData',
				'email',
				'firstName',
				'id',
				'lastName',
				'timeZoneId',
				'userName',
			].sort(),
		);
		expect(Object.values(found.body).every((value) => typeof value === 'string')).toBe(true);

		const missing = await api('GET', `user/${MISSING_ID}`, { token });
		expect(missing).toMatchObject({
			status: 404,
			body: { code: 'not_found', message: `User ${MISSING_ID} not found` },
		});
		const malformed = await api('GET', 'user/not-a-uuid', { token });
		expect(malformed).toMatchObject({ status: 400, body: { code: 'validation' } });
	});

	test('GET users pages a plain array sorted by email and rejects bad paging', async () => {
		const token = await accessToken();
		const all = await api('GET', 'users?page=1&pageSize=100', { token });
		expect(all.status).toBe(200);
		expect(Array.isArray(all.body)).toBe(true);
		expect(all.body).toHaveLength(7);
		const emails = all.body.map((user) => user.email);
		expect(emails).toEqual([...emails].sort());

		const second = await api('GET', 'users?page=2&pageSize=5', { token });
		expect(second.body.map((user) => user.email)).toEqual(emails.slice(5));
		expect((await api('GET', 'users?page=9&pageSize=5', { token })).body).toEqual([]);

		for (const query of ['page=1&pageSize=101', 'page=0&pageSize=10', 'page=1&pageSize=abc'])
			expect(await api('GET', `users?${query}`, { token })).toMatchObject({
				status: 400,
				body: { code: 'validation' },
			});
	});

	test('GET users/email finds by email, 404 when absent, 400 without the parameter', async () => {
		const token = await accessToken();
		const found = await api('GET', 'users/email?email=bob.brown%40example.com', { token });
		expect(found).toMatchObject({ status: 200, body: { email: 'bob.brown@example.com' } });
		expect(await api('GET', 'users/email?email=ghost%40example.com', { token })).toMatchObject({
			status: 404,
			body: { code: 'not_found' },
		});
		expect((await api('GET', 'users/email', { token })).status).toBe(400);
	});

	test('POST user creates a user with a derived userName who can then sign in', async () => {
		const token = await accessToken();
		const created = await api('POST', 'user', { token, body: newUser({ companyName: 'Acme' }) });
		expect(created.status).toBe(200);
		expect(created.body).toMatchObject({
			id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			userName: '123/nina.new@example.com',
			companyName: 'Acme',
		});
		expect((await api('GET', `user/${created.body.id}`, { token })).body).toEqual(created.body);
		expect(
			(await passwordGrant({ username: '123/nina.new@example.com', password: 'Fresh-Pass-9' }))
				.status,
		).toBe(200);
	});

	test('POST user: duplicate email is 409; missing names, bad types and weak passwords are 400', async () => {
		const token = await accessToken();
		expect(
			await api('POST', 'user', { token, body: newUser({ email: 'OWNER@example.com' }) }),
		).toMatchObject({
			status: 409,
			body: { code: 'conflict', message: 'A user with email OWNER@example.com already exists' },
		});
		for (const body of [
			newUser({ firstName: undefined }),
			newUser({ lastName: '' }),
			newUser({ email: undefined }),
			newUser({ customData: { nested: true } }),
			newUser({ password: 'short1A' }),
		])
			expect(await api('POST', 'user', { token, body })).toMatchObject({
				status: 400,
				body: { code: 'validation' },
			});
	});

	test('PUT user updates fields; unknown id is 404; email taken is 409', async () => {
		const token = await accessToken();
		// PUT replaces the whole user (updateSendsWholeUser in nodes/Qflow/api.ts), so the bodies carry every field.
		const { userName, ...whole } = mock.state.users.get(OWNER_ID);
		const updated = await api('PUT', 'user', {
			token,
			body: { ...whole, lastName: 'Renamed', customData: '{"a":1}' },
		});
		expect(updated).toMatchObject({
			status: 200,
			body: { id: OWNER_ID, lastName: 'Renamed', customData: '{"a":1}' },
		});
		expect(mock.state.users.get(OWNER_ID).lastName).toBe('Renamed');

		expect(
			(await api('PUT', 'user', { token, body: { id: MISSING_ID, lastName: 'X' } })).status,
		).toBe(404);
		expect(
			(await api('PUT', 'user', { token, body: { ...whole, email: 'bob.brown@example.com' } }))
				.status,
		).toBe(409);
	});

	test('PUT user replaces: names and email required, left-out fields cleared, userName kept', async () => {
		const token = await accessToken();
		const bob = '00000000-0000-4000-8000-000000000004';
		for (const missing of ['firstName', 'lastName', 'email']) {
			const body = {
				id: bob,
				firstName: 'Bob',
				lastName: 'Brown',
				email: 'bob.brown@example.com',
				[missing]: undefined,
			};
			expect(await api('PUT', 'user', { token, body })).toMatchObject({
				status: 400,
				body: { code: 'validation', message: `${missing} is required` },
			});
		}
		const replaced = await api('PUT', 'user', {
			token,
			body: { id: bob, firstName: 'Rob', lastName: 'Brown', email: 'rob@example.com' },
		});
		expect(replaced.body).toEqual({
			id: bob,
			firstName: 'Rob',
			lastName: 'Brown',
			userName: '123/bob.brown@example.com',
			email: 'rob@example.com',
			timeZoneId: 'UTC',
			companyName: '',
			customData: '',
		});
		expect(mock.state.users.get(bob)).toEqual(replaced.body);
	});

	test('DELETE user removes the user (204, empty); unknown is 404', async () => {
		const token = await accessToken();
		const target = '00000000-0000-4000-8000-000000000003';
		const deleted = await api('DELETE', `user?id=${target}`, { token });
		expect(deleted.status).toBe(204);
		expect(deleted.text).toBe('');
		expect((await api('GET', `user/${target}`, { token })).status).toBe(404);
		expect((await api('DELETE', `user?id=${target}`, { token })).status).toBe(404);
	});

	test('trust-gated operations answer 403 trust_required to an untrusted caller', async () => {
		const token = await untrustedToken();
		const trustRequired = {
			status: 403,
			body: {
				code: 'trust_required',
				message: 'This operation requires a trusted (KYC-verified) account.',
			},
		};
		expect(
			await api('DELETE', 'user?id=00000000-0000-4000-8000-000000000003', { token }),
		).toMatchObject(trustRequired);
		const change = {
			id: UNTRUSTED_ID,
			oldPassword: QFLOW_SANDBOX.untrustedPassword,
			newPassword: 'Brand-New-2',
		};
		expect(await api('PUT', 'user/changepassword', { token, body: change })).toMatchObject(
			trustRequired,
		);
		expect(mock.state.users.has('00000000-0000-4000-8000-000000000003')).toBe(true);
		// Reads need no trust.
		expect((await api('GET', `user/${UNTRUSTED_ID}`, { token })).status).toBe(200);
	});

	test('PUT user/changepassword changes the password (204) and enforces the rules', async () => {
		const token = await accessToken();
		const change = (body) =>
			api('PUT', 'user/changepassword', { token, body: { id: OWNER_ID, ...body } });

		expect(await change({ oldPassword: 'Wrong-Pass-1', newPassword: 'Brand-New-2' })).toMatchObject(
			{
				status: 400,
				body: { code: 'validation' },
			},
		);
		for (const newPassword of [
			'Sh0rt',
			'alllowercase1',
			'ALLUPPERCASE1',
			'NoDigitsHere',
			`Aa1${'x'.repeat(126)}`,
		])
			expect((await change({ oldPassword: QFLOW_SANDBOX.password, newPassword })).status).toBe(400);

		const ok = await change({ oldPassword: QFLOW_SANDBOX.password, newPassword: 'Brand-New-2' });
		expect(ok.status).toBe(204);
		expect(ok.text).toBe('');
		expect((await passwordGrant()).status).toBe(400);
		expect((await passwordGrant({ password: 'Brand-New-2' })).status).toBe(200);
	});

	test("changepassword with signOutAllSessions revokes the user's tokens", async () => {
		const { access_token, refresh_token } = (await passwordGrant()).body;
		const body = {
			id: OWNER_ID,
			oldPassword: QFLOW_SANDBOX.password,
			newPassword: 'Brand-New-2',
			signOutAllSessions: true,
		};
		expect((await api('PUT', 'user/changepassword', { token: access_token, body })).status).toBe(
			204,
		);
		expectBearerRejection(await api('GET', 'users/total', { token: access_token }));
		expect((await refreshGrant(refresh_token)).status).toBe(400);
	});

	test('PUT user/changeusername renames (204); unknown old is 404; taken new is 409', async () => {
		const token = await accessToken();
		const rename = (body) => api('PUT', 'user/changeusername', { token, body });
		const renamed = await rename({
			oldUserName: '123/bob.brown@example.com',
			newUserName: '123/robert.brown@example.com',
		});
		expect(renamed.status).toBe(204);
		expect((await passwordGrant({ username: '123/robert.brown@example.com' })).status).toBe(200);

		expect(
			await rename({ oldUserName: '123/ghost@example.com', newUserName: '123/x@example.com' }),
		).toMatchObject({
			status: 404,
			body: { code: 'not_found' },
		});
		expect(
			await rename({
				oldUserName: '123/emma.evans@example.com',
				newUserName: QFLOW_SANDBOX.username,
			}),
		).toMatchObject({
			status: 409,
			body: { code: 'conflict' },
		});
	});

	test('GET user/translations is a flat object of strings', async () => {
		const res = await api('GET', 'user/translations');
		expect(res.status).toBe(200);
		expect(res.body['dashboard.title']).toBe('Dashboard');
		expect(Object.keys(res.body).length).toBeGreaterThanOrEqual(10);
		expect(Object.values(res.body).every((value) => typeof value === 'string')).toBe(true);
	});

	test('GET users/total is a bare number that follows creations', async () => {
		const token = await accessToken();
		const before = await api('GET', 'users/total', { token });
		expect(before.text).toBe('7');
		await api('POST', 'user', { token, body: newUser() });
		expect((await api('GET', 'users/total', { token })).body).toBe(8);
	});
});

// ------------------------------------------------------------------ bookkeeping

describe('log, counters and reset', () => {
	test('the request log records calls but never credentials', async () => {
		const { access_token } = (await passwordGrant()).body;
		await api('POST', 'user', { token: access_token, body: newUser() });
		await api('GET', 'users/total', { token: null });

		expect(mock.requests).toEqual([
			{
				method: 'POST',
				path: `${API}user`,
				query: {},
				body: expect.objectContaining({ email: 'nina.new@example.com', password: '[redacted]' }),
				status: 200,
				at: clock,
			},
			{
				method: 'GET',
				path: `${API}users/total`,
				query: {},
				body: undefined,
				status: 401,
				at: clock,
			},
		]);
		const logged = JSON.stringify(mock.requests);
		for (const secret of [
			access_token,
			'Fresh-Pass-9',
			QFLOW_SANDBOX.subscriptionKey,
			QFLOW_SANDBOX.password,
		])
			expect(logged).not.toContain(secret);
	});

	test('counters add up across token and API traffic', async () => {
		const { refresh_token } = (await passwordGrant()).body;
		await refreshGrant(refresh_token);
		await passwordGrant({ password: 'Wrong-Pass-1' });
		await api('GET', 'users/total', { key: null });
		expect(mock.counters).toEqual({
			tokenRequests: 4,
			passwordGrants: 3,
			refreshGrants: 1,
			apiRequests: 1,
			rejected401: 1,
			rejected429: 0,
		});
	});

	test('reset() restores the seed, counters, log and tokens in place', async () => {
		const users = mock.state.users;
		const token = await accessToken();
		await api('DELETE', `user?id=${OWNER_ID}`, { token });
		expect(users.has(OWNER_ID)).toBe(false);

		mock.reset();
		expect(mock.state.users).toBe(users);
		expect(users.size).toBe(7);
		expect(users.has(OWNER_ID)).toBe(true);
		expect(mock.requests).toEqual([]);
		expect(mock.counters.tokenRequests).toBe(0);
		expectBearerRejection(await api('GET', 'users/total', { token }));
	});
});
