'use strict';
/** The mock kernel under the three vendor mocks: routes, rate limiters, body parsing, the log and /__sandbox/. */
const {
	startMock,
	invoke,
	route,
	routes,
	createRouter,
	ApiError,
	statusError,
	fixedWindow,
	mitigatedWindow,
	slidingWindows,
	parseBody,
	redact,
} = require('../../sandbox/lib');

describe('routes', () => {
	const handler = (name) => () => name;
	const router = createRouter(
		[
			route('GET', '/user/:id', handler('user')),
			...routes({
				'/user/translations': { GET: handler('translations') },
				'/user/:id/teams/:teamId': { GET: handler('team') },
			}),
			route('GET', '/user/:id/teams/all', handler('all teams')),
		],
		{ prefix: '/api' },
	);
	const found = (method, path) => {
		const matched = router.match(method, path);
		return matched && { name: matched.route.handler(), params: matched.params };
	};

	test('a literal route wins over a :param route whatever the order', () => {
		expect(found('GET', '/api/user/translations')).toEqual({ name: 'translations', params: {} });
		expect(found('GET', '/api/user/42')).toEqual({ name: 'user', params: { id: '42' } });
		expect(found('GET', '/api/user/42/teams/all')).toEqual({
			name: 'all teams',
			params: { id: '42' },
		});
		expect(found('GET', '/api/user/42/teams/7')).toEqual({
			name: 'team',
			params: { id: '42', teamId: '7' },
		});
	});

	test('params are URL-decoded; a malformed escape is passed on as sent', () => {
		expect(found('GET', '/api/user/a%40b.com').params).toEqual({ id: 'a@b.com' });
		expect(found('GET', '/api/user/%E0%A4%A').params).toEqual({ id: '%E0%A4%A' });
	});

	test('the prefix is required, a trailing slash is ignored, other methods and empty segments do not match', () => {
		expect(found('GET', '/user/42')).toBeNull();
		expect(router.pathOf('/other/user/42')).toBeNull();
		expect(router.pathOf('/api/user/42/')).toBe('/user/42');
		expect(found('GET', '/api/user/42/')).toMatchObject({ name: 'user' });
		expect(found('POST', '/api/user/42')).toBeNull();
		expect(found('GET', '/api/user//teams/7')).toBeNull();
	});

	test('statusError gives the vendor its own code, or one made from the status text', () => {
		expect(statusError(503, { 503: ['service_unavailable', 'Busy'] })).toMatchObject({
			status: 503,
			code: 'service_unavailable',
			message: 'Busy',
		});
		expect(statusError(502)).toMatchObject({
			status: 502,
			code: 'bad_gateway',
			message: 'Bad Gateway',
		});
		expect(statusError(502, {}, (code) => code.toUpperCase()).code).toBe('BAD_GATEWAY');
		expect(statusError(500)).toBeInstanceOf(ApiError);
	});
});

describe('rate limiters', () => {
	let t;
	const now = () => t;
	beforeEach(() => {
		t = 1_000_000;
	});

	test('fixedWindow opens with the first counted request and closes windowMs later', () => {
		const limiter = fixedWindow({ limit: 2, windowMs: 1000, now });
		expect(limiter.exhausted('k')).toBeUndefined();
		t += 500; // no window yet: waiting does not start one
		expect(limiter.count('k')).toEqual({ startedAt: t, count: 1 });
		limiter.count('k');
		expect(limiter.exhausted('k')).toEqual({ startedAt: t, count: 2 });
		expect(limiter.resetMs(limiter.exhausted('k'))).toBe(t + 1000);
		expect(limiter.counted('other')).toBe(0);
		t += 999;
		expect(limiter.counted('k')).toBe(2);
		t += 1;
		expect(limiter.exhausted('k')).toBeUndefined();
		expect(limiter.counted('k')).toBe(0);
	});

	test('fixedWindow.spend uses up the window (opening one if none is open)', () => {
		const limiter = fixedWindow({ limit: 3, windowMs: 1000, now });
		limiter.spend('k');
		expect(limiter.exhausted('k')).toEqual({ startedAt: t, count: 3 });
	});

	test('mitigatedWindow refuses the request over the limit and everything for blockMs after it, uncounted', () => {
		const limiter = mitigatedWindow({ limit: 2, windowMs: 60_000, blockMs: 60_000, now });
		expect([limiter.limited('ip'), limiter.limited('ip'), limiter.limited('ip')]).toEqual([
			false,
			false,
			true,
		]);
		expect(limiter.limited('other')).toBe(false);
		t += 59_999;
		expect(limiter.limited('ip')).toBe(true);
		t += 1;
		expect(limiter.limited('ip')).toBe(false);
	});

	test('mitigatedWindow.spend makes the next request cross the limit', () => {
		const limiter = mitigatedWindow({ limit: 5, windowMs: 60_000, blockMs: 60_000, now });
		limiter.limited('ip');
		limiter.spend('ip');
		expect(limiter.limited('ip')).toBe(true);
	});

	test('slidingWindows reports the tighter window and frees a slot when the oldest request slides out', () => {
		const limiter = slidingWindows({
			windows: [
				{ limit: 2, ms: 1000 },
				{ limit: 3, ms: 10_000 },
			],
			now,
		});
		const start = t;
		expect(limiter.take('k')).toEqual({
			admitted: true,
			limit: 2,
			remaining: 1,
			resetMs: start + 1000,
		});
		t += 400;
		expect(limiter.take('k')).toMatchObject({ admitted: true, limit: 2, remaining: 0 });
		expect(limiter.take('k')).toMatchObject({
			admitted: false,
			limit: 2,
			remaining: 0,
			resetMs: start + 1000,
		});
		t = start + 1000; // the first request leaves the short window; the refusal took no slot
		expect(limiter.take('k')).toMatchObject({
			admitted: true,
			limit: 3,
			remaining: 0,
			resetMs: start + 10_000,
		});
		t += 1000;
		expect(limiter.take('k')).toMatchObject({ admitted: false, limit: 3 });
	});

	test('slidingWindows.spend fills the window with the fewest slots left', () => {
		const limiter = slidingWindows({
			windows: [
				{ limit: 2, ms: 1000 },
				{ limit: 10, ms: 10_000 },
			],
			now,
		});
		limiter.spend('k');
		expect(limiter.take('k')).toMatchObject({ admitted: false, limit: 2, remaining: 0 });
		t += 1000;
		expect(limiter.take('k')).toMatchObject({ admitted: true, limit: 2, remaining: 1 }); // the hour window: 3 of 10 used
	});
});

describe('body parsing and redaction', () => {
	test('JSON, broken JSON, form-urlencoded and nothing', () => {
		expect(parseBody(Buffer.from('{"a":[1,2]}'))).toEqual({
			text: '{"a":[1,2]}',
			body: { a: [1, 2] },
			badJson: false,
		});
		expect(parseBody(Buffer.from('{"a":'), 'application/json')).toEqual({
			text: '{"a":',
			body: undefined,
			badJson: true,
		});
		expect(
			parseBody(
				Buffer.from('grant_type=password&scope=a+b'),
				'application/x-www-form-urlencoded; charset=utf-8',
			).body,
		).toEqual({
			grant_type: 'password',
			scope: 'a b',
		});
		expect(parseBody(Buffer.from('  '))).toEqual({ text: '  ', body: undefined, badJson: false });
	});

	test('secret-looking fields are masked at any depth; similar names are not', () => {
		const body = {
			password: 'p',
			newPassword: 'p',
			client_secret: 's',
			refresh_token: 't',
			apiKey: 'k',
			'x-api-key': 'k',
			subscriptionKey: 'k',
			key: 'k',
			users: [{ email: 'a@b.co', password: 'p' }],
			nested: { accessToken: 't', keywords: ['sales'], monkey: 'ok' },
		};
		expect(redact(body)).toEqual({
			password: '[redacted]',
			newPassword: '[redacted]',
			client_secret: '[redacted]',
			refresh_token: '[redacted]',
			apiKey: '[redacted]',
			'x-api-key': '[redacted]',
			subscriptionKey: '[redacted]',
			key: '[redacted]',
			users: [{ email: 'a@b.co', password: '[redacted]' }],
			nested: { accessToken: '[redacted]', keywords: ['sales'], monkey: 'ok' },
		});
		expect(redact(null)).toBeNull();
		expect(redact('text')).toBe('text');
	});
});

/** A tiny vendor on the kernel: POST /api/things counts, GET /api/echo returns what the kernel parsed. */
async function startToy(extra = {}) {
	const state = { created: 0 };
	const router = createRouter(
		routes({
			'/things': { POST: () => ({ status: 201, body: { n: ++state.created } }) },
			'/echo': {
				POST: ({ ctx }) => ({
					status: 200,
					body: { raw: ctx.raw.toString('base64'), body: ctx.body, badJson: ctx.badJson },
				}),
			},
			'/bug': { GET: () => null.boom },
		}),
		{ prefix: '/api' },
	);
	const kernel = await startMock({
		now: () => 1234,
		handle(ctx) {
			const matched = router.match(ctx.method, ctx.pathname);
			if (!matched) throw new ApiError(404, 'not_found', `No route ${ctx.pathname}`);
			return invoke(ctx, matched, { ctx });
		},
		errorAnswer: (error) => ({
			status: error.status,
			body: { code: error.code, message: error.message },
			headers: { 'x-vendor': 'toy' },
		}),
		faultError: (status) => statusError(status),
		reset: () => {
			state.created = 0;
		},
		counters: () => state,
		...extra,
	});
	return { kernel, state };
}

describe('startMock', () => {
	let toy;
	let state;
	beforeAll(async () => {
		({ kernel: toy, state } = await startToy({ emptyBody: null }));
	});
	afterAll(() => toy.close());
	beforeEach(() => toy.reset());

	const post = (path, body, headers = { 'content-type': 'application/json' }) =>
		fetch(`${toy.origin}${path}`, { method: 'POST', headers, body });

	test('the handler sees the raw bytes and the parsed body', async () => {
		const echoed = await (await post('/api/echo', '{"name":"Zoë"}')).json();
		expect(Buffer.from(echoed.raw, 'base64').toString('utf8')).toBe('{"name":"Zoë"}');
		expect(echoed).toMatchObject({ body: { name: 'Zoë' }, badJson: false });
		expect(await (await post('/api/echo', '{oops')).json()).toMatchObject({ badJson: true });
	});

	test('the log keeps method, path, query, body, status and time, never headers or secrets', async () => {
		await post('/api/things?token=abc&page=2', JSON.stringify({ name: 'x', password: 'hunter2' }), {
			'content-type': 'application/json',
			authorization: 'Bearer very-secret',
		});
		await fetch(`${toy.origin}/api/nothing`);
		expect(toy.requests).toEqual([
			{
				method: 'POST',
				path: '/api/things',
				query: { token: '[redacted]', page: '2' },
				body: { name: 'x', password: '[redacted]' },
				status: 201,
				at: 1234,
			},
			{ method: 'GET', path: '/api/nothing', query: {}, body: null, status: 404, at: 1234 },
		]);
		expect(JSON.stringify(toy.requests)).not.toMatch(/very-secret|hunter2|abc/);
	});

	test('an ApiError is answered in the vendor shape; a bug answers the vendor 500 and logs it', async () => {
		const missing = await fetch(`${toy.origin}/api/nothing`);
		expect([missing.status, missing.headers.get('x-vendor'), await missing.json()]).toEqual([
			404,
			'toy',
			{ code: 'not_found', message: 'No route /api/nothing' },
		]);
		const spy = jest.spyOn(console, 'error').mockImplementation(() => {});
		const bug = await fetch(`${toy.origin}/api/bug`);
		expect([bug.status, await bug.json()]).toEqual([
			500,
			{ code: 'internal_server_error', message: 'Internal Server Error' },
		]);
		expect(spy).toHaveBeenCalled();
		spy.mockRestore();
	});

	test('GET /__sandbox/stats, POST /__sandbox/reset; control calls are not logged', async () => {
		await post('/api/things', '{}');
		const stats = await (await fetch(`${toy.origin}/__sandbox/stats`)).json();
		expect(stats).toEqual({
			counters: { created: 1 },
			requests: [expect.objectContaining({ method: 'POST', path: '/api/things', status: 201 })],
			faults: { plan: [], injected: expect.objectContaining({ status: 0, resetAfter: 0 }) },
		});
		expect((await fetch(`${toy.origin}/__sandbox/reset`, { method: 'POST' })).status).toBe(204);
		expect(state.created).toBe(0);
		expect(toy.requests).toEqual([]);
	});

	test('POST /__sandbox/faults sets a plan (a list, or { plan }); bad plans and JSON are 400s', async () => {
		const set = await post(
			'/__sandbox/faults',
			JSON.stringify([{ method: 'POST', path: '/api/things', fault: 'status', status: 503 }]),
		);
		expect(set.status).toBe(200);
		expect((await set.json()).plan).toEqual([
			{ method: 'POST', path: '/api/things', fault: 'status', status: 503 },
		]);
		expect(toy.faults.plan).toHaveLength(1);
		expect((await post('/__sandbox/faults', JSON.stringify({ plan: [] }))).status).toBe(200);
		expect(toy.faults.plan).toEqual([]);
		const bad = await post(
			'/__sandbox/faults',
			JSON.stringify([{ fault: 'status', status: 503, retryAfer: 5 }]),
		);
		expect([bad.status, await bad.json()]).toEqual([
			400,
			{ error: 'fault plan rule 0: unknown field retryAfer for fault status' },
		]);
		expect((await post('/__sandbox/faults', '[{')).status).toBe(400);
		expect((await fetch(`${toy.origin}/__sandbox/nothing`)).status).toBe(404);
	});

	test('close() does not wait for kept-alive connections', async () => {
		const { kernel } = await startToy();
		await fetch(`${kernel.origin}/api/things`, { method: 'POST' });
		const started = Date.now();
		await kernel.close();
		expect(Date.now() - started).toBeLessThan(1000);
	});
});
