'use strict';
/** The Qflow sandbox must behave like the documented API (docs/qflow.md), since e2e tests trust it. */
const crypto = require('node:crypto');
const http = require('node:http');
const { startQflowMock, QFLOW_SANDBOX, SEED_IDS } = require('../../sandbox/qflow');

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
	{ token, key = QFLOW_SANDBOX.subscriptionKey, clientKey, body, target = mock } = {},
) {
	const bearer = token === undefined ? await accessToken(undefined, target) : token;
	const headers = {};
	if (key !== null) headers['ocp-apim-subscription-key'] = key;
	if (clientKey !== undefined) headers['x-qflow-client-key'] = clientKey;
	if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
	if (body !== undefined) headers['content-type'] = 'application/json';
	// A path starting with / is a full path (another surface); otherwise it is below the users API.
	const res = await fetch(`${target.url}${path.startsWith('/') ? path : API + path}`, {
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
			checkInWebhooksSent: 0,
			commsWebhooksSent: 0,
			webhookErrors: 0,
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

// ------------------------------------------------------------------ check-in and comms surfaces

const CHECKIN = '/checkin/v1/api/';
const COMMS = '/comms/v1/api/comms/';
const [CONFERENCE, GALA, WORKSHOP] = SEED_IDS.events;
const GUEST_FIELDS = [
	'id',
	'firstName',
	'otherNames',
	'lastName',
	'email',
	'plusOnes',
	'admittedPlusOnes',
	'additionalInfo',
	'barcode',
	'tags',
	'createdBy',
	'admitted',
	'blockedDate',
	'blockedReason',
	'eventId',
	'validFrom',
	'validTo',
	'isGroup',
	'discharged',
	'image',
	'customId',
	'commsTemplateId',
	'correlationId',
];
const guestId = (n) => `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, '0')}`;
const newGuest = (n, overrides = {}) => ({
	id: guestId(n),
	eventId: CONFERENCE,
	firstName: 'Gina',
	lastName: `Guest ${n}`,
	email: `gina.${n}@example.com`,
	...overrides,
});

/** A local webhook receiver: every delivery's headers and raw body, in order. */
async function startReceiver(status = 200) {
	const received = [];
	const waiters = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(status).end();
			for (const waiter of waiters.splice(0)) waiter();
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/hook`,
		received,
		/** Resolves once `n` deliveries have arrived. */
		async count(n) {
			while (received.length < n) await new Promise((resolve) => waiters.push(resolve));
			return received;
		},
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

const hmac = (secret, t, raw) =>
	crypto.createHmac('sha256', secret).update(`${t}.${raw}`).digest('hex');

describe('check-in and comms surfaces: gateway and errors', () => {
	test('both need the bearer token and the subscription key; 401 and 404 come without a body', async () => {
		const token = await accessToken();
		expectBearerRejection(await api('GET', `${CHECKIN}events`, { token: null }));
		expect((await api('GET', `${COMMS}webhook`, { token, key: null })).status).toBe(401);
		const missingEvent = await api('GET', `${CHECKIN}event/${MISSING_ID}`, { token });
		expect([missingEvent.status, missingEvent.text]).toEqual([404, '']);
		const noRoute = await api('GET', `${CHECKIN}nothing-here`, { token });
		expect([noRoute.status, noRoute.text]).toEqual([404, '']);
		// The users API keeps its error bodies.
		expect((await api('GET', `user/${MISSING_ID}`, { token })).body.code).toBe('not_found');
	});

	test('as a client-key host it serves every surface at /api/… with X-Qflow-Client-Key instead of the subscription key', async () => {
		const token = await accessToken();
		const clientKey = QFLOW_SANDBOX.clientKey;
		const viaClientKey = (method, path, options = {}) =>
			api(method, path, { token, key: null, clientKey, ...options });
		expect((await viaClientKey('GET', '/api/users/total')).status).toBe(200);
		const events = await viaClientKey('GET', '/api/events');
		expect([events.status, Array.isArray(events.body)]).toEqual([200, true]);
		const templates = await viaClientKey('GET', `/api/comms/templates?eventId=${CONFERENCE}`);
		expect(templates.status).toBe(200);
		const guest = {
			id: crypto.randomUUID(),
			eventId: CONFERENCE,
			firstName: 'Regina',
			lastName: 'Regional',
		};
		const created = await viaClientKey('POST', '/api/guest', { body: guest });
		expect([created.status, created.body.id]).toEqual([200, guest.id]);
		// The subscription key does not open it, and the client key does not open the gateway's paths.
		const apimOnly = await api('GET', '/api/events', { token });
		expect([apimOnly.status, apimOnly.text]).toEqual([401, '']);
		expect((await viaClientKey('GET', '/api/events', { clientKey: 'wrong' })).status).toBe(401);
		expect((await viaClientKey('GET', `${CHECKIN}events`)).status).toBe(401);
		expect((await viaClientKey('GET', '/api/nothing-here')).status).toBe(404);
		// The log keeps the path as sent.
		expect(mock.requests.map((entry) => entry.path)).toContain('/api/guest');
	});

	test('the edge limit counts every surface of one source IP together, with no rate-limit headers', async () => {
		const limited = await startQflowMock({ limitPerMinute: 4, now });
		try {
			const token = await accessToken(undefined, limited);
			expect((await api('GET', 'users/total', { token, target: limited })).status).toBe(200);
			expect((await api('GET', `${CHECKIN}events`, { token, target: limited })).status).toBe(200);
			const templates = `${COMMS}templates?eventId=${CONFERENCE}`;
			expect((await api('GET', templates, { token, target: limited })).status).toBe(200);
			expect(
				(await api('GET', `${CHECKIN}guests/${GALA}`, { token, target: limited })).status,
			).toBe(200);
			const refused = await api('GET', `${CHECKIN}events`, { token, target: limited });
			expect([refused.status, refused.body.code]).toEqual([429, 'rate_limit']);
			expect([...refused.headers.keys()].filter((h) => /ratelimit|retry-after/i.test(h))).toEqual(
				[],
			);
			clock += 60_000;
			expect((await api('GET', `${CHECKIN}events`, { token, target: limited })).status).toBe(200);
		} finally {
			await limited.close();
		}
	});
});

describe('events', () => {
	const event = {
		title: 'My first event',
		startTime: '2026-06-01T18:00:00',
		endTime: '2026-06-01T23:00:00',
		timeZoneId: 'Europe/London',
	};

	test('POST event with title, local times and an IANA zone answers the record with its id', async () => {
		const token = await accessToken();
		const created = await api('POST', `${CHECKIN}event`, { token, body: event });
		expect(created.status).toBe(200);
		expect(created.body).toEqual({
			id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			...event,
			status: 'active',
			created: expect.any(String),
		});
		expect((await api('GET', `${CHECKIN}event/${created.body.id}`, { token })).body).toEqual(
			created.body,
		);
		const list = (await api('GET', `${CHECKIN}events`, { token })).body;
		expect(list.map((e) => e.id)).toEqual([CONFERENCE, created.body.id, GALA, WORKSHOP]);
	});

	test('create and update refuse missing fields, times with an offset, end before start, unknown zones', async () => {
		const token = await accessToken();
		const refusals = [
			[{ ...event, title: '' }, /title is required/],
			[{ ...event, startTime: '2026-06-01T18:00:00Z' }, /startTime must be a local date and time/],
			[{ ...event, endTime: '2026-06-01T17:00:00' }, /endTime must be after startTime/],
			[{ ...event, timeZoneId: 'Mars/Olympus' }, /not an IANA time zone/],
		];
		for (const [body, message] of refusals) {
			const res = await api('POST', `${CHECKIN}event`, { token, body });
			expect([res.status, res.body.code, res.body.message]).toEqual([
				400,
				'validation',
				expect.stringMatching(message),
			]);
		}
		const updated = await api('PUT', `${CHECKIN}event/${WORKSHOP}`, {
			token,
			body: { ...event, title: 'Renamed workshop' },
		});
		expect([updated.status, updated.body.title, updated.body.id]).toEqual([
			200,
			'Renamed workshop',
			WORKSHOP,
		]);
		expect((await api('PUT', `${CHECKIN}event/${MISSING_ID}`, { token, body: event })).status).toBe(
			404,
		);
	});

	test('lifecycle: archive and restore set the status; an unknown action is 404', async () => {
		const token = await accessToken();
		const archived = await api('POST', `${CHECKIN}event/${GALA}/archive`, { token });
		expect(archived.body.status).toBe('archived');
		expect((await api('POST', `${CHECKIN}event/${GALA}/restore`, { token })).body.status).toBe(
			'active',
		);
		expect((await api('POST', `${CHECKIN}event/${GALA}/explode`, { token })).status).toBe(404);
	});

	test('statistics count guests, admissions, blocks and plus-ones; add-on tags are not counted', async () => {
		const token = await accessToken();
		mock.scan(SEED_IDS.guests[4]); // Kara, two plus-ones
		const stats = (await api('GET', `${CHECKIN}event/${CONFERENCE}/statistics`, { token })).body;
		expect(stats).toMatchObject({
			eventId: CONFERENCE,
			guests: 6,
			admitted: 1,
			blocked: 1,
			plusOnes: 2,
			admittedPlusOnes: 2,
		});
		const tag = (name) => stats.tags.find((t) => t.tag === name);
		expect(tag('{tickettype}Main Entry')).toEqual({
			tag: '{tickettype}Main Entry',
			guests: 4,
			admitted: 0,
			counted: true,
		});
		expect(tag('{merch}T-Shirt L').counted).toBe(false);
		expect(tag('{extra}Parking').counted).toBe(false);
		expect(tag('::Sessions:Day 1:Keynote')).toMatchObject({ admitted: 1, counted: true });
	});
});

describe('guests', () => {
	test('GET guests/{eventId} is a bare array of documented guest records of that event', async () => {
		const token = await accessToken();
		const res = await api('GET', `${CHECKIN}guests/${CONFERENCE}`, { token });
		expect(res.status).toBe(200);
		expect(res.body).toHaveLength(6);
		for (const guest of res.body) {
			expect(Object.keys(guest)).toEqual(GUEST_FIELDS);
			expect(guest.eventId).toBe(CONFERENCE);
		}
		expect((await api('GET', `${CHECKIN}guests/${WORKSHOP}`, { token })).body).toEqual([]);
		expect((await api('GET', `${CHECKIN}guests/${MISSING_ID}`, { token })).status).toBe(404);
	});

	test('POST guest with a client GUID creates once; the same id again returns the row as it is', async () => {
		const token = await accessToken();
		const first = await api('POST', `${CHECKIN}guest`, {
			token,
			body: newGuest(1, { tags: ' VIP ,  {session}Keynote ' }),
		});
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({
			id: guestId(1),
			eventId: CONFERENCE,
			lastName: 'Guest 1',
			tags: 'VIP, {session}Keynote',
			barcode: expect.stringMatching(/^[0-9A-F]{16}$/),
			createdBy: `API (${QFLOW_SANDBOX.username})`,
		});
		const again = await api('POST', `${CHECKIN}guest`, {
			token,
			body: newGuest(1, { lastName: 'Changed' }),
		});
		expect(again.body).toEqual(first.body);
		expect([...mock.state.guests.values()].filter((g) => g.id === guestId(1))).toHaveLength(1);
		const generated = await api('POST', `${CHECKIN}guest`, {
			token,
			body: { ...newGuest(2), id: undefined },
		});
		expect(generated.body.id).toMatch(/^[0-9a-f-]{36}$/);
	});

	test('POST guest refuses missing fields, a malformed GUID, forbidden tag characters, an unknown event', async () => {
		const token = await accessToken();
		const refusals = [
			[newGuest(3, { firstName: undefined }), /firstName is required/],
			[newGuest(3, { id: 'not-a-guid' }), /not a valid GUID/],
			[newGuest(3, { tags: 'VIP, 100%' }), /tag '100%'/],
			[newGuest(3, { plusOnes: -1 }), /plusOnes/],
		];
		for (const [body, message] of refusals) {
			const res = await api('POST', `${CHECKIN}guest`, { token, body });
			expect([res.status, res.body.message]).toEqual([400, expect.stringMatching(message)]);
		}
		expect(
			(await api('POST', `${CHECKIN}guest`, { token, body: newGuest(3, { eventId: MISSING_ID }) }))
				.status,
		).toBe(404);
	});

	test('bulk POST guests/{eventId} creates and upserts up to 200 in order; 201 is 400', async () => {
		const token = await accessToken();
		const [grace] = SEED_IDS.guests;
		const batch = [
			newGuest(10, { eventId: undefined }),
			{ id: grace, additionalInfo: 'Front row' },
			...Array.from({ length: 198 }, (_, i) => newGuest(100 + i, { eventId: undefined })),
		];
		const res = await api('POST', `${CHECKIN}guests/${CONFERENCE}`, { token, body: batch });
		expect(res.status).toBe(200);
		expect(res.body.map((g) => g.id)).toEqual(batch.map((g) => g.id));
		expect(res.body[1]).toMatchObject({ firstName: 'Grace', additionalInfo: 'Front row' });
		expect(mock.state.guests.size).toBe(8 + 199);

		const tooMany = Array.from({ length: 201 }, (_, i) =>
			newGuest(400 + i, { eventId: undefined }),
		);
		const refused = await api('POST', `${CHECKIN}guests/${CONFERENCE}`, { token, body: tooMany });
		expect([refused.status, refused.body.message]).toEqual([
			400,
			expect.stringMatching(/At most 200/),
		]);
		const bad = await api('POST', `${CHECKIN}guests/${CONFERENCE}`, {
			token,
			body: [newGuest(600), newGuest(601, { firstName: '' })],
		});
		expect([bad.status, bad.body.message]).toEqual([400, '[1].firstName is required']);
		expect(mock.state.guests.has(guestId(600))).toBe(false);
	});

	test('block and unblock by id or barcode answer the guests changed; over 200 is 400', async () => {
		const token = await accessToken();
		const [grace, henry] = SEED_IDS.guests;
		const henryBarcode = mock.state.guests.get(henry).barcode;
		const blocked = await api('POST', `${CHECKIN}guests/${CONFERENCE}/block`, {
			token,
			body: { ids: [grace], barcodes: [henryBarcode], reason: 'Refund' },
		});
		expect(blocked.body.map((g) => [g.id, g.blockedReason])).toEqual([
			[grace, 'Refund'],
			[henry, 'Refund'],
		]);
		expect(blocked.body[0].blockedDate).toEqual(expect.any(String));
		const unblocked = await api('POST', `${CHECKIN}guests/${CONFERENCE}/unblock`, {
			token,
			body: { ids: [grace] },
		});
		expect(unblocked.body.map((g) => [g.id, g.blockedDate])).toEqual([[grace, null]]);
		const over = await api('POST', `${CHECKIN}guests/${CONFERENCE}/block`, {
			token,
			body: { ids: Array.from({ length: 201 }, (_, i) => guestId(i)) },
		});
		expect(over.status).toBe(400);
	});

	test('the plan caps guests added via the API: 403 past it, idempotent repeats not counted', async () => {
		const free = await startQflowMock({ plan: 'free', now });
		try {
			const token = await accessToken(undefined, free);
			const bulk = Array.from({ length: 74 }, (_, i) => newGuest(700 + i, { eventId: undefined }));
			expect(
				(await api('POST', `${CHECKIN}guests/${GALA}`, { token, body: bulk, target: free })).status,
			).toBe(200);
			expect(
				(await api('POST', `${CHECKIN}guest`, { token, body: newGuest(1), target: free })).status,
			).toBe(200);
			expect(
				(await api('POST', `${CHECKIN}guest`, { token, body: newGuest(1), target: free })).status,
			).toBe(200);
			const over = await api('POST', `${CHECKIN}guest`, { token, body: newGuest(2), target: free });
			expect([over.status, over.body.code]).toEqual([403, 'guest_limit_reached']);
		} finally {
			await free.close();
		}
	});
});

describe('check-in and the check-in webhook', () => {
	let receiver;
	beforeEach(async () => {
		receiver = await startReceiver();
		// What the account owner sets in the dashboard.
		await fetch(`${mock.url}/__sandbox/checkin-webhook-url`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ url: receiver.url }),
		});
	});
	afterEach(async () => {
		mock.setCheckInWebhook(null);
		await receiver.close();
	});

	test('POST guest/checkin admits the guest and posts the unsigned PascalCase payload', async () => {
		const token = await accessToken();
		const kara = SEED_IDS.guests[4];
		const res = await api('POST', `${CHECKIN}guest/checkin`, { token, body: { id: kara } });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ id: kara, admitted: expect.any(String), admittedPlusOnes: 2 });
		const [delivery] = await receiver.count(1);
		expect(JSON.parse(delivery.raw)).toEqual({
			Id: kara,
			FirstName: 'Kara',
			LastName: 'King',
			Email: 'kara.king@example.com',
			Barcode: res.body.barcode,
			Tags: '::Sessions:Day 1:Keynote',
			AdditionalInfo: null,
			Admitted: res.body.admitted,
			CreatedBy: 'Import (sandbox seed)',
			User: 'owner@example.com',
			EventId: CONFERENCE,
		});
		expect(Object.keys(delivery.headers).filter((h) => h.startsWith('x-qflow'))).toEqual([]);
	});

	test('a second check-in and a blocked guest are 409; an unknown guest 404 without body', async () => {
		const token = await accessToken();
		const [grace] = SEED_IDS.guests;
		await api('POST', `${CHECKIN}guest/checkin`, { token, body: { id: grace } });
		const again = await api('POST', `${CHECKIN}guest/checkin`, { token, body: { id: grace } });
		expect([again.status, again.body.code]).toEqual([409, 'already_admitted']);
		const blocked = await api('POST', `${CHECKIN}guest/checkin`, {
			token,
			body: { id: SEED_IDS.blockedGuest },
		});
		expect([blocked.status, blocked.body.code]).toEqual([409, 'guest_blocked']);
		const missing = await api('POST', `${CHECKIN}guest/checkin`, {
			token,
			body: { id: MISSING_ID },
		});
		expect([missing.status, missing.text]).toEqual([404, '']);
		await receiver.count(1);
		await mock.settleWebhooks();
		expect(receiver.received).toHaveLength(1);
	});

	test('a door scan (POST /__sandbox/scan) fires it too and counts for the team member', async () => {
		const token = await accessToken();
		const scan = await fetch(`${mock.url}/__sandbox/scan`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ guestId: SEED_IDS.guests[0], user: 'door.two' }),
		});
		expect(scan.status).toBe(200);
		const [delivery] = await receiver.count(1);
		expect(JSON.parse(delivery.raw).User).toBe('door.two');
		const stats = (await api('GET', `${CHECKIN}team/event/${CONFERENCE}`, { token })).body;
		expect(stats.teamMembers).toEqual([
			{ teamMemberId: SEED_IDS.teamMembers[0], userName: 'door.one', checkIns: 0 },
			{ teamMemberId: SEED_IDS.teamMembers[1], userName: 'door.two', checkIns: 1 },
		]);
		expect(stats.arrivals).toEqual([{ from: expect.any(String), count: 1 }]);
	});
});

describe('team members', () => {
	test('create, update, delete; userName unique; lists across the enterprise and per event', async () => {
		const token = await accessToken();
		const kelly = {
			userName: 'kelly.door',
			email: 'kelly@example.com',
			firstName: 'Kelly',
			lastName: 'Door',
		};
		const created = await api('POST', `${CHECKIN}teammember`, { token, body: kelly });
		expect(created.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), ...kelly });
		const taken = await api('POST', `${CHECKIN}teammember`, { token, body: kelly });
		expect(taken.status).toBe(409);
		const id = created.body.id;
		const updated = await api('PUT', `${CHECKIN}teammember`, {
			token,
			body: { id, ...kelly, lastName: 'Gate' },
		});
		expect(updated.body.lastName).toBe('Gate');
		expect(
			(await api('POST', `${CHECKIN}teammember/${id}/assign/${GALA}`, { token })).body,
		).toEqual({
			teamMemberId: id,
			eventId: GALA,
			assigned: true,
		});
		const roster = (await api('GET', `${CHECKIN}teammembers/event/${GALA}`, { token })).body;
		expect(roster.map((m) => m.userName)).toEqual(['door.one', 'kelly.door']);
		await api('POST', `${CHECKIN}teammember/${id}/unassign/${GALA}`, { token });
		expect((await api('GET', `${CHECKIN}teammembers/event/${GALA}`, { token })).body).toHaveLength(
			1,
		);
		expect((await api('GET', `${CHECKIN}teammembers`, { token })).body).toHaveLength(4);
		const deleted = await api('DELETE', `${CHECKIN}teammember/${id}`, { token });
		expect([deleted.status, deleted.text]).toEqual([204, '']);
		expect((await api('DELETE', `${CHECKIN}teammember/${id}`, { token })).status).toBe(404);
		const bad = await api('POST', `${CHECKIN}teammember`, {
			token,
			body: { ...kelly, email: 'nope' },
		});
		expect(bad.status).toBe(400);
	});
});

describe('comms', () => {
	const template = (overrides = {}) => ({
		eventId: CONFERENCE,
		name: 'Welcome',
		subject: 'Welcome {{firstname}}',
		html: '<p>Hi {{firstname}}</p>',
		...overrides,
	});

	test('403 comms_api_not_enabled off the allow-list; trust_required for an unverified sender', async () => {
		const token = await untrustedToken();
		const off = await api('GET', `${COMMS}templates?eventId=${CONFERENCE}`, { token });
		expect([off.status, off.body.code]).toEqual([403, 'comms_api_not_enabled']);
		mock.state.commsEnabled.add(UNTRUSTED_ID);
		expect((await api('GET', `${COMMS}templates?eventId=${CONFERENCE}`, { token })).status).toBe(
			200,
		);
		const send = await api('POST', `${COMMS}send`, {
			token,
			body: { attendeeId: SEED_IDS.guests[0], templateId: SEED_IDS.template },
		});
		expect([send.status, send.body.code]).toEqual([403, 'trust_required']);
	});

	test('template: create, the same id again updates (attachPdf null keeps the flag), list per event', async () => {
		const token = await accessToken();
		const id = guestId(900);
		const created = await api('POST', `${COMMS}template`, {
			token,
			body: template({ id, attachPdf: true }),
		});
		expect(created.body).toEqual({
			id,
			eventId: CONFERENCE,
			name: 'Welcome',
			subject: 'Welcome {{firstname}}',
			html: '<p>Hi {{firstname}}</p>',
			fromAddress: null,
			fromName: null,
			replyTo: null,
			attachPdf: true,
			created: expect.any(String),
		});
		const updated = await api('POST', `${COMMS}template`, {
			token,
			body: template({ id, name: 'Welcome v2', attachPdf: null }),
		});
		expect([updated.body.name, updated.body.attachPdf]).toEqual(['Welcome v2', true]);
		const list = (await api('GET', `${COMMS}templates?eventId=${CONFERENCE}`, { token })).body;
		expect(list.map((t) => t.id)).toEqual([SEED_IDS.template, id]);
		expect((await api('GET', `${COMMS}templates?eventId=${GALA}`, { token })).body).toEqual([]);
		expect(
			(await api('POST', `${COMMS}template`, { token, body: template({ html: undefined }) }))
				.status,
		).toBe(400);
		const spam = await api('POST', `${COMMS}template`, {
			token,
			body: template({ html: '<a href="javascript:x">' }),
		});
		expect([spam.status, spam.body.code]).toEqual([422, 'spam_check_failed']);
		expect(
			(await api('POST', `${COMMS}template`, { token, body: template({ eventId: MISSING_ID }) }))
				.status,
		).toBe(404);
	});

	test('webhook: register shows the secret once, rotate kills the old one, test and sends are signed over the raw body', async () => {
		const token = await accessToken();
		const receiver = await startReceiver();
		try {
			const registered = await api('POST', `${COMMS}webhook`, {
				token,
				body: { url: receiver.url },
			});
			expect(registered.body).toEqual({
				url: receiver.url,
				secret: expect.stringMatching(/^[0-9a-f]{64}$/),
			});
			expect((await api('GET', `${COMMS}webhook`, { token })).body).toEqual({ url: receiver.url });
			const rotated = (await api('POST', `${COMMS}webhook/rotate`, { token })).body;
			expect(rotated.secret).not.toBe(registered.body.secret);

			const tested = await api('POST', `${COMMS}webhook/test`, { token });
			expect(tested.body).toEqual({ event: 'comms.test', delivered: true, status: 200 });
			const sent = await api('POST', `${COMMS}send`, {
				token,
				body: {
					attendeeId: SEED_IDS.guests[0],
					templateId: SEED_IDS.template,
					correlationId: 'order-1',
				},
			});
			expect(sent.body).toEqual({
				attendeeInvitationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
				status: 'queued',
			});
			const deliveries = await receiver.count(3);
			expect(deliveries.map((d) => d.headers['x-qflow-event'])).toEqual([
				'comms.test',
				'comms.sent',
				'comms.delivered',
			]);
			for (const { headers, raw } of deliveries) {
				const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(headers['x-qflow-signature']);
				expect(v1).toBe(hmac(rotated.secret, t, raw));
				expect(v1).not.toBe(hmac(rotated.secret, t, JSON.stringify(JSON.parse(raw))));
				expect(headers['x-qflow-webhook-id']).toMatch(/^[0-9a-f-]{36}$/);
			}
			expect(JSON.parse(deliveries[1].raw)).toMatchObject({
				event: 'comms.sent',
				attendeeInvitationId: sent.body.attendeeInvitationId,
				correlationId: 'order-1',
			});

			const deleted = await api('POST', `${COMMS}webhook/delete`, { token });
			expect(deleted.status).toBe(204);
			const gone = await api('GET', `${COMMS}webhook`, { token });
			expect([gone.status, gone.text]).toEqual([404, '']);
		} finally {
			await receiver.close();
		}
	});

	test('send: the template must belong to the attendee event; a repeat with its correlationId is the same send; a bounce makes the next 422', async () => {
		const token = await accessToken();
		const send = (attendeeId, correlationId) =>
			api('POST', `${COMMS}send`, {
				token,
				body: { attendeeId, templateId: SEED_IDS.template, correlationId },
			});
		const first = await send(SEED_IDS.guests[0], 'order-7');
		expect((await send(SEED_IDS.guests[0], 'order-7')).body).toEqual(first.body);
		expect(mock.state.invitations.size).toBe(1);

		const otherEvent = await send(SEED_IDS.guests[6]);
		expect([otherEvent.status, otherEvent.body.message]).toEqual([
			400,
			expect.stringMatching(/another event/),
		]);
		expect((await send(MISSING_ID)).status).toBe(404);

		expect((await send(SEED_IDS.bouncingGuest, 'a')).status).toBe(200);
		const refused = await send(SEED_IDS.bouncingGuest, 'b');
		expect(refused.status).toBe(422);
		expect(refused.body).toEqual({
			code: 'previous_send_permanently_failed',
			message: expect.any(String),
			reason: 'bounced',
			attendeeInvitationId: expect.any(String),
		});
	});

	test('send has its own limit per source IP on top of the edge limit', async () => {
		const limited = await startQflowMock({ sendLimitPerMinute: 2, now });
		try {
			const token = await accessToken(undefined, limited);
			const send = () =>
				api('POST', `${COMMS}send`, {
					token,
					target: limited,
					body: { attendeeId: SEED_IDS.guests[0], templateId: SEED_IDS.template },
				});
			expect([(await send()).status, (await send()).status, (await send()).status]).toEqual([
				200, 200, 429,
			]);
			expect((await api('GET', `${CHECKIN}events`, { token, target: limited })).status).toBe(200);
		} finally {
			await limited.close();
		}
	});

	test('an atomic guest create with commsTemplateId queues one email, however often it is retried', async () => {
		const token = await accessToken();
		const body = newGuest(950, { commsTemplateId: SEED_IDS.template, correlationId: 'order-950' });
		expect((await api('POST', `${CHECKIN}guest`, { token, body })).body.commsTemplateId).toBe(
			SEED_IDS.template,
		);
		await api('POST', `${CHECKIN}guest`, { token, body });
		expect(
			[...mock.state.invitations.values()].map((i) => [i.attendeeId, i.correlationId]),
		).toEqual([[guestId(950), 'order-950']]);
		const untrusted = await untrustedToken();
		mock.state.commsEnabled.add(UNTRUSTED_ID);
		const refused = await api('POST', `${CHECKIN}guest`, {
			token: untrusted,
			body: newGuest(951, { commsTemplateId: SEED_IDS.template }),
		});
		expect([refused.status, refused.body.code]).toEqual([403, 'trust_required']);
	});
});

describe('profiles', () => {
	const PROFILES = '/profiles/v1';
	const doorScanner = (overrides = {}) => ({
		name: 'Door Scanner',
		restrictions: ['restrict_settings', 'restrict_stats', 'restrict_signout 4821'],
		settings: { ContinuousScan: { value: true, locked: true } },
		...overrides,
	});

	test('POST /profiles/v1 (the prefix itself, no /api/) stores the page’s body and answers it with an id', async () => {
		const token = await accessToken();
		const created = await api('POST', PROFILES, { token, body: doorScanner() });
		expect(created.status).toBe(200);
		expect(created.body).toEqual({
			id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			...doorScanner(),
			created: expect.any(String),
		});
		expect(mock.state.profiles.get(created.body.id).name).toBe('Door Scanner');
		// A trailing slash is the same path; the /api/ form of the other surfaces is not a route.
		expect((await api('POST', `${PROFILES}/`, { token, body: doorScanner() })).status).toBe(200);
		const withApi = await api('POST', `${PROFILES}/api`, { token, body: doorScanner() });
		expect([withApi.status, withApi.text]).toEqual([404, '']);
	});

	test('create refuses a missing name, a sign-out code without its PIN, a setting without locked', async () => {
		const token = await accessToken();
		for (const body of [
			doorScanner({ name: '' }),
			doorScanner({ restrictions: ['restrict_signout'] }),
			doorScanner({ restrictions: 'restrict_stats' }),
			doorScanner({ settings: { ContinuousScan: { value: true } } }),
		])
			expect((await api('POST', PROFILES, { token, body })).status).toBe(400);
		expect((await api('POST', PROFILES, { token, body: [doorScanner()] })).status).toBe(400);
	});

	test('assign gives the team members the profile on the event; unknown profile, event or member is a bare 404', async () => {
		const token = await accessToken();
		const [doorOne, doorTwo] = SEED_IDS.teamMembers;
		const assign = (overrides = {}) =>
			api('POST', `${PROFILES}/assign`, {
				token,
				body: {
					profileId: SEED_IDS.profile,
					eventId: GALA,
					teamMemberIds: [doorOne, doorTwo],
					...overrides,
				},
			});
		const assigned = await assign();
		expect(assigned.body).toEqual({
			profileId: SEED_IDS.profile,
			eventId: GALA,
			teamMemberIds: [doorOne, doorTwo],
		});
		expect((await assign()).status).toBe(200);
		expect([...mock.state.profileAssignments]).toEqual([
			[`${GALA}|${doorOne}`, SEED_IDS.profile],
			[`${GALA}|${doorTwo}`, SEED_IDS.profile],
		]);
		for (const overrides of [
			{ profileId: MISSING_ID },
			{ eventId: MISSING_ID },
			{ teamMemberIds: [MISSING_ID] },
		]) {
			const missing = await assign(overrides);
			expect([missing.status, missing.text]).toEqual([404, '']);
		}
		expect((await assign({ teamMemberIds: [] })).status).toBe(400);
		expect((await assign({ teamMemberIds: ['door.one'] })).status).toBe(400);
	});
});

describe('sending domain', () => {
	const DOMAIN = `${COMMS}domain`;

	test('create answers the documented shape with 3 CNAMEs; verify passes once the records are published, and turns it on', async () => {
		const token = await accessToken();
		const created = await api('POST', DOMAIN, { token, body: { domain: 'Mail.Example.com' } });
		expect(created.body).toEqual({
			id: expect.any(Number),
			domain: 'mail.example.com',
			verified: false,
			enabled: false,
			dnsRecords: [
				{
					type: 'cname',
					host: expect.stringMatching(/^em\d+\.mail\.example\.com$/),
					data: expect.any(String),
					valid: false,
				},
				{
					type: 'cname',
					host: 's1._domainkey.mail.example.com',
					data: expect.any(String),
					valid: false,
				},
				{
					type: 'cname',
					host: 's2._domainkey.mail.example.com',
					data: expect.any(String),
					valid: false,
				},
			],
		});
		expect((await api('GET', DOMAIN, { token })).body).toEqual(created.body);
		const notYet = await api('POST', `${DOMAIN}/verify`, { token });
		expect([notYet.status, notYet.body.verified, notYet.body.enabled]).toEqual([200, false, false]);
		const published = await fetch(`${mock.url}/__sandbox/domain-dns`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ domain: 'mail.example.com' }),
		});
		expect(published.status).toBe(200);
		const verified = await api('POST', `${DOMAIN}/verify`, { token });
		expect([verified.body.verified, verified.body.enabled]).toEqual([true, true]);
		expect(verified.body.dnsRecords.map((record) => record.valid)).toEqual([true, true, true]);
	});

	test('activate before a successful verify is 409 domain_not_verified; afterwards activate and deactivate toggle enabled', async () => {
		const token = await accessToken();
		await api('POST', DOMAIN, { token, body: { domain: 'mail.example.com' } });
		const early = await api('POST', `${DOMAIN}/activate`, { token });
		expect([early.status, early.body.code]).toEqual([409, 'domain_not_verified']);
		mock.publishDomainRecords('mail.example.com');
		await api('POST', `${DOMAIN}/verify`, { token });
		expect((await api('POST', `${DOMAIN}/deactivate`, { token })).body).toMatchObject({
			verified: true,
			enabled: false,
		});
		expect((await api('POST', `${DOMAIN}/activate`, { token })).body.enabled).toBe(true);
	});

	test('one domain per account: a second create is 409 domain_already_configured; delete, then GET is a bare 404', async () => {
		const token = await accessToken();
		await api('POST', DOMAIN, { token, body: { domain: 'mail.example.com' } });
		const again = await api('POST', DOMAIN, { token, body: { domain: 'news.example.com' } });
		expect([again.status, again.body.code]).toEqual([409, 'domain_already_configured']);
		const deleted = await api('POST', `${DOMAIN}/delete`, { token });
		expect([deleted.status, deleted.text]).toEqual([204, '']);
		for (const [method, path] of [
			['GET', DOMAIN],
			['POST', `${DOMAIN}/verify`],
			['POST', `${DOMAIN}/activate`],
			['POST', `${DOMAIN}/deactivate`],
			['POST', `${DOMAIN}/delete`],
		]) {
			const missing = await api(method, path, { token });
			expect([path, missing.status, missing.text]).toEqual([path, 404, '']);
		}
		expect(
			(await api('POST', DOMAIN, { token, body: { domain: 'news.example.com' } })).status,
		).toBe(200);
	});

	test('SendGrid refuses a .invalid domain (422 sendgrid_create_failed with its reason); a bad name is 400; off the allow-list is 403', async () => {
		const token = await accessToken();
		const refused = await api('POST', DOMAIN, { token, body: { domain: 'mail.example.invalid' } });
		expect([refused.status, refused.body.code]).toEqual([422, 'sendgrid_create_failed']);
		expect(refused.body.message).toContain('SendGrid rejected the domain');
		expect((await api('POST', DOMAIN, { token, body: { domain: 'https://x' } })).status).toBe(400);
		const off = await api('GET', DOMAIN, { token: await untrustedToken() });
		expect([off.status, off.body.code]).toEqual([403, 'comms_api_not_enabled']);
	});
});

describe('faults on the new calls', () => {
	test('a guest create whose answer is lost is stored once; the retry with its id returns it', async () => {
		const token = await accessToken();
		mock.faults.set([{ method: 'POST', path: `${CHECKIN}guest`, nth: [1], fault: 'resetAfter' }]);
		await expect(api('POST', `${CHECKIN}guest`, { token, body: newGuest(1) })).rejects.toThrow();
		expect(mock.state.guests.has(guestId(1))).toBe(true);
		const retry = await api('POST', `${CHECKIN}guest`, { token, body: newGuest(1) });
		expect([retry.status, retry.body.id]).toEqual([200, guestId(1)]);
		expect(mock.requests.map((r) => [r.path, r.status, r.fault, r.processed])).toEqual([
			[`${CHECKIN}guest`, 0, 'resetAfter', true],
			[`${CHECKIN}guest`, 200, undefined, undefined],
		]);
	});

	test('revokeTokens, spendWindow and status faults reach the check-in and comms surfaces', async () => {
		const token = await accessToken();
		mock.faults.set([
			{ pathRegex: '^/(checkin|comms)/', fault: 'status', status: 503, nth: [1] },
			{ pathRegex: '^/(checkin|comms)/', fault: 'revokeTokens', nth: [2] },
		]);
		expect((await api('GET', `${CHECKIN}events`, { token })).status).toBe(503);
		expectBearerRejection(await api('GET', `${COMMS}templates?eventId=${CONFERENCE}`, { token }));
	});
});
