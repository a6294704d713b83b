'use strict';
/**
 * The fault layer every mock shares: deterministic plans (which request, which fault), what each
 * fault does to the answer and to the mock's state, and how the request log records it.
 */
const {
	createFaults,
	startMock,
	invoke,
	routes,
	createRouter,
	ApiError,
	statusError,
} = require('../../sandbox/lib');
const { startQHubMock, QHUB_SANDBOX } = require('../../sandbox/qhub');
const { startQflowMock, QFLOW_SANDBOX } = require('../../sandbox/qflow');
const { startHumanlyMock, HUMANLY_SANDBOX } = require('../../sandbox/humanly');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

describe('plans', () => {
	const hitsOf = (rule, requests) => {
		const faults = createFaults();
		faults.set([rule]);
		return requests
			.map(([method, path], i) => (faults.pick(method, path) ? i + 1 : 0))
			.filter(Boolean);
	};
	const tenPosts = Array.from({ length: 10 }, () => ['POST', '/v1/users']);

	test('nth, every, from/count and no selector pick matching requests by their number', () => {
		expect(hitsOf({ fault: 'resetBefore', nth: [3, 7] }, tenPosts)).toEqual([3, 7]);
		expect(hitsOf({ fault: 'resetBefore', every: 4 }, tenPosts)).toEqual([4, 8]);
		expect(hitsOf({ fault: 'resetBefore', from: 8 }, tenPosts)).toEqual([8, 9, 10]);
		expect(hitsOf({ fault: 'resetBefore', from: 2, count: 3 }, tenPosts)).toEqual([2, 3, 4]);
		expect(hitsOf({ fault: 'resetBefore' }, tenPosts.slice(0, 3))).toEqual([1, 2, 3]);
	});

	test('a rule counts only the requests matching its method and path (exact or pathRegex)', () => {
		const mixed = [
			['GET', '/v1/users'],
			['POST', '/v1/users'],
			['POST', '/v1/users/usr_1/suspend'],
			['POST', '/v1/users'],
		];
		expect(
			hitsOf({ method: 'post', path: '/v1/users', fault: 'resetAfter', nth: [2] }, mixed),
		).toEqual([4]);
		expect(hitsOf({ pathRegex: '^/v1/users/[^/]+/suspend$', fault: 'resetAfter' }, mixed)).toEqual([
			3,
		]);
		expect(hitsOf({ method: 'GET', fault: 'resetAfter' }, mixed)).toEqual([1]);
	});

	test('every rule counts on its own; when two hit, the first in the plan applies', () => {
		const faults = createFaults();
		faults.set([
			{ path: '/a', fault: 'status', status: 503, nth: [2] },
			{ fault: 'resetBefore', every: 2 },
		]);
		const picked = ['/a', '/a', '/b', '/b'].map((path) => faults.pick('GET', path)?.fault);
		expect(picked).toEqual([undefined, 'status', undefined, 'resetBefore']);
		expect(faults.injected).toMatchObject({ status: 1, resetBefore: 1, resetAfter: 0 });
	});

	test('set() zeroes the counts, clear() removes the plan and keeps them', () => {
		const faults = createFaults();
		faults.set([{ fault: 'delay', ms: 5 }]);
		faults.pick('GET', '/x');
		faults.clear();
		expect(faults.pick('GET', '/x')).toBeUndefined();
		expect(faults.injected.delay).toBe(1);
		faults.set([]);
		expect(faults.injected.delay).toBe(0);
	});

	test.each([
		[
			{ fault: 'explode' },
			'fault must be one of status, resetBefore, resetAfter, delay, spendWindow, revokeTokens',
		],
		[{ fault: 'revokeTokens' }, 'this mock has no revokeTokens fault'],
		[{ fault: 'status', status: 503, retryAfer: 5 }, 'unknown field retryAfer for fault status'],
		[{ fault: 'resetBefore', ms: 5 }, 'unknown field ms for fault resetBefore'],
		[{ fault: 'status', status: 200 }, 'status must be 400-599'],
		[
			{ fault: 'status', status: 503, body: 'xml' },
			'body must be one of vendor, html, empty, text',
		],
		[
			{ fault: 'status', status: 503, retryAfter: { seconds: 5 } },
			'retryAfter must be seconds or { httpDate: secondsFromNow }',
		],
		[{ fault: 'delay' }, 'delay needs ms >= 0'],
		[{ fault: 'resetAfter', nth: [1], every: 2 }, 'use one of nth, every, from'],
		[{ fault: 'resetAfter', nth: [0] }, 'nth must list whole numbers from 1'],
		[{ fault: 'resetAfter', count: 2 }, 'count needs from'],
		[{ fault: 'resetAfter', path: /x/ }, 'path must be a string (pathRegex for a pattern)'],
	])('%j is refused: %s', (rule, message) => {
		expect(() => createFaults().set([rule])).toThrow(`fault plan rule 0: ${message}`);
	});
});

/** A tiny vendor on the kernel: POST /api/things creates a thing; counts what its handler did. */
async function startToy() {
	const state = { created: 0 };
	const router = createRouter(
		routes({ '/things': { POST: () => ({ status: 201, body: { n: ++state.created } }) } }),
		{ prefix: '/api' },
	);
	const kernel = await startMock({
		now: () => Date.parse('2026-03-01T10:00:00Z'),
		handle: (ctx) => invoke(ctx, router.match(ctx.method, ctx.pathname)),
		errorAnswer: (error) => ({
			status: error.status,
			body: { code: error.code, message: error.message },
		}),
		faultError: (status) => statusError(status, { 503: ['busy', 'Try later'] }),
		reset: () => {
			state.created = 0;
		},
	});
	return { kernel, state };
}

describe('what each fault does', () => {
	let toy;
	let state;
	beforeAll(async () => {
		({ kernel: toy, state } = await startToy());
	});
	afterAll(() => toy.close());
	beforeEach(() => toy.reset());
	const create = (init = {}) => fetch(`${toy.origin}/api/things`, { method: 'POST', ...init });

	test('status with the vendor body and Retry-After seconds: the handler never runs', async () => {
		toy.faults.set([{ fault: 'status', status: 503, retryAfter: 7, nth: [1] }]);
		const res = await create();
		expect([res.status, res.headers.get('retry-after'), await res.json()]).toEqual([
			503,
			'7',
			{ code: 'busy', message: 'Try later' },
		]);
		expect(state.created).toBe(0);
		expect((await create()).status).toBe(201);
		expect(
			toy.requests.map(({ status, fault, processed }) => ({ status, fault, processed })),
		).toEqual([
			{ status: 503, fault: 'status', processed: false },
			{ status: 201, fault: undefined, processed: undefined },
		]);
		expect(toy.faults.injected.status).toBe(1);
	});

	test('status bodies: an nginx HTML page, nothing, text; Retry-After as an HTTP date on the mock clock', async () => {
		toy.faults.set([
			{ fault: 'status', status: 502, body: 'html', retryAfter: { httpDate: 30 }, nth: [1] },
			{ fault: 'status', status: 429, body: 'empty', nth: [2] },
			{ fault: 'status', status: 500, body: 'text', nth: [3] },
			{ fault: 'status', status: 503, body: 'text', text: 'upstream down', nth: [4] },
		]);
		const html = await create();
		expect(html.status).toBe(502);
		expect(html.headers.get('content-type')).toBe('text/html');
		expect(html.headers.get('retry-after')).toBe('Sun, 01 Mar 2026 10:00:30 GMT');
		expect(await html.text()).toMatch(
			/^<html>[\s\S]*<title>502 Bad Gateway<\/title>[\s\S]*nginx[\s\S]*<\/html>\r\n$/,
		);
		const empty = await create();
		expect([empty.status, empty.headers.get('content-type'), await empty.text()]).toEqual([
			429,
			null,
			'',
		]);
		const text = await create();
		expect([text.status, text.headers.get('content-type'), await text.text()]).toEqual([
			500,
			'text/plain; charset=utf-8',
			'500 Internal Server Error',
		]);
		expect(await (await create()).text()).toBe('upstream down');
		expect(state.created).toBe(0);
	});

	test('resetBefore drops the connection before the handler: nothing changes', async () => {
		toy.faults.set([{ fault: 'resetBefore', nth: [1] }]);
		await expect(create()).rejects.toThrow('fetch failed');
		expect(state.created).toBe(0);
		expect(toy.requests[0]).toMatchObject({ status: 0, fault: 'resetBefore', processed: false });
	});

	test('resetAfter runs the handler, then drops the connection without an answer', async () => {
		toy.faults.set([{ fault: 'resetAfter', nth: [1] }]);
		await expect(create()).rejects.toThrow('fetch failed');
		expect(state.created).toBe(1);
		expect(toy.requests[0]).toMatchObject({ status: 0, fault: 'resetAfter', processed: true });
		expect(await (await create()).json()).toEqual({ n: 2 });
	});

	test('delay answers late; a client that gives up first leaves the state untouched', async () => {
		toy.faults.set([{ fault: 'delay', ms: 150 }]);
		const started = Date.now();
		expect((await create()).status).toBe(201);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		await expect(create({ signal: AbortSignal.timeout(30) })).rejects.toThrow();
		await sleep(200);
		expect(state.created).toBe(1);
		expect(toy.requests[1]).toMatchObject({ status: 0, fault: 'delay', processed: false });
	});

	test('delay with processed: true changes the state even when the client gave up', async () => {
		toy.faults.set([{ fault: 'delay', ms: 150, processed: true }]);
		await expect(create({ signal: AbortSignal.timeout(30) })).rejects.toThrow();
		expect(state.created).toBe(1);
		await sleep(200);
		expect(toy.requests[0]).toMatchObject({ status: 0, fault: 'delay', processed: true });
	});

	test('the kernel refuses a fault the vendor has no hook for', () => {
		expect(() => toy.faults.set([{ fault: 'revokeTokens' }])).toThrow(
			'this mock has no revokeTokens fault',
		);
	});
});

describe('faults on the vendor mocks', () => {
	test('Q-Hub: the vendor 503 body; spendWindow answers the documented 429 with RateLimit-*', async () => {
		const mock = await startQHubMock({ limit: 5 });
		const auth = { 'x-api-key': QHUB_SANDBOX.apiKey, 'x-api-secret': QHUB_SANDBOX.apiSecret };
		const get = () => fetch(`${mock.url}/locations`, { headers: auth });
		try {
			mock.faults.set([
				{ path: '/v1/locations', fault: 'status', status: 503, nth: [1] },
				{ path: '/v1/locations', fault: 'spendWindow', nth: [3] },
			]);
			const unavailable = await get();
			expect([unavailable.status, await unavailable.json()]).toEqual([
				503,
				{
					error: 'service_unavailable',
					message:
						'Q-Hub is experiencing a traffic spike. Usually operational again within ~5 minutes.',
				},
			]);
			expect(unavailable.headers.get('x-request-id')).toMatch(/^qh_req_\d+$/);
			expect((await get()).headers.get('ratelimit-remaining')).toBe('4');
			const spent = await get();
			expect(spent.status).toBe(429);
			expect((await spent.json()).error).toBe('rate_limited');
			expect(spent.headers.get('ratelimit-remaining')).toBe('0');
			expect(spent.headers.get('retry-after')).toMatch(/^\d+$/);
			expect(mock.requests.map((r) => [r.path, r.status, r.fault, r.processed])).toEqual([
				['/locations', 503, 'status', false],
				['/locations', 200, undefined, undefined],
				['/locations', 429, 'spendWindow', false],
			]);
			expect(() => mock.faults.set([{ fault: 'revokeTokens' }])).toThrow(/no revokeTokens/);
		} finally {
			await mock.close();
		}
	});

	test('Qflow: revokeTokens makes every issued token fail with 401; spendWindow opens the 60 s block', async () => {
		const mock = await startQflowMock({ limitPerMinute: 50 });
		try {
			const token = await fetch(`${mock.url}/core/connect/token`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({
					grant_type: 'password',
					client_id: QFLOW_SANDBOX.clientId,
					client_secret: QFLOW_SANDBOX.clientSecret,
					scope: 'qflowapi',
					username: QFLOW_SANDBOX.username,
					password: QFLOW_SANDBOX.password,
				}),
			}).then((res) => res.json());
			const headers = {
				authorization: `Bearer ${token.access_token}`,
				'ocp-apim-subscription-key': QFLOW_SANDBOX.subscriptionKey,
			};
			const count = () => fetch(`${mock.url}/users/v1/api/users/total`, { headers });
			mock.faults.set([
				{ pathRegex: '^/users/v1/api/', fault: 'revokeTokens', nth: [2] },
				{ pathRegex: '^/users/v1/api/', fault: 'spendWindow', nth: [3] },
				{ pathRegex: '^/users/v1/api/', fault: 'status', status: 503, nth: [4] },
			]);
			expect((await count()).status).toBe(200);
			const revoked = await count();
			expect([revoked.status, revoked.headers.get('www-authenticate')]).toEqual([
				401,
				'Bearer error="invalid_token"',
			]);
			const limited = await count();
			expect([limited.status, await limited.json()]).toEqual([
				429,
				{ code: 'rate_limit', message: 'Rate limit exceeded. Try again in 60 seconds.' },
			]);
			const unavailable = await count();
			expect([unavailable.status, (await unavailable.json()).code]).toEqual([
				503,
				'service_unavailable',
			]);
			expect((await count()).status).toBe(429); // still inside the mitigation window
			expect(mock.faults.injected).toMatchObject({ revokeTokens: 1, spendWindow: 1, status: 1 });
		} finally {
			await mock.close();
		}
	});

	test('Humanly: the vendor envelope for an injected 503; spendWindow answers RATE_LIMIT_EXCEEDED', async () => {
		const mock = await startHumanlyMock();
		const get = () =>
			fetch(`${mock.url}/qsi/gather/teams`, { headers: { 'x-api-key': HUMANLY_SANDBOX.apiKey } });
		try {
			mock.faults.set([
				{ method: 'GET', fault: 'status', status: 503, nth: [1] },
				{ method: 'GET', fault: 'spendWindow', nth: [2] },
			]);
			const unavailable = await (await get()).json();
			expect(unavailable).toEqual({
				error: { code: 'SERVICE_UNAVAILABLE', message: 'Service Unavailable' },
				meta: { requestId: expect.any(String), timestamp: expect.any(String) },
			});
			const spent = await get();
			expect(spent.status).toBe(429);
			expect((await spent.json()).error).toMatchObject({
				code: 'RATE_LIMIT_EXCEEDED',
				details: { limit: 100, remaining: 0 },
			});
			expect(spent.headers.get('x-ratelimit-remaining')).toBe('0');
			expect(mock.counters.rejected429).toBe(1);
		} finally {
			await mock.close();
		}
	});

	test('resetAfter on a create: the log says it was processed, and the state holds the record once', async () => {
		const mock = await startHumanlyMock();
		const body = JSON.stringify({ firstName: 'Ida', lastName: 'Retry', email: 'ida@example.com' });
		const create = () =>
			fetch(`${mock.url}/qsi/gather/candidates`, {
				method: 'POST',
				headers: { 'x-api-key': HUMANLY_SANDBOX.apiKey, 'content-type': 'application/json' },
				body,
			});
		try {
			mock.faults.set([
				{ method: 'POST', path: '/qsi/gather/candidates', fault: 'resetAfter', nth: [1] },
			]);
			await expect(create()).rejects.toThrow();
			const posts = mock.requests.filter((r) => r.method === 'POST');
			expect(posts).toEqual([
				expect.objectContaining({ status: 0, fault: 'resetAfter', processed: true }),
			]);
			const created = [...mock.state.candidates.values()].filter(
				(c) => c.email === 'ida@example.com',
			);
			expect(created).toHaveLength(1);
		} finally {
			await mock.close();
		}
	});
});
