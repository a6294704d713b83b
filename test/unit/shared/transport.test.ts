import { MAX_RETRIES } from '../../../nodes/shared/transport/retryPolicy';
import { apiRequest, type ApiCall, type VendorProfile } from '../../../nodes/shared/transport';
import { fakeClock, fakeContext, type FakeAnswer } from '../helpers/context';

const profile: VendorProfile = {
	displayName: 'Vendor',
	credentialType: 'vendorApi',
	secretFields: ['apiKey'],
	url: (credentials, path) => `${String(credentials.baseUrl)}${path}`,
	rateLimitHeaders: {
		limit: 'ratelimit-limit',
		remaining: 'ratelimit-remaining',
		reset: 'ratelimit-reset',
	},
	defaultMaxWaitSeconds: 900,
	parseError: (body) => {
		const error = body as { message?: string; code?: string; requestId?: string } | undefined;
		return { message: error?.message, code: error?.code, requestId: error?.requestId };
	},
	hint: (status) => (status === 401 ? 'Check the key.' : undefined),
};

const GET: ApiCall = { method: 'GET', path: '/things' };
const CREATE: ApiCall = { method: 'POST', path: '/things', body: { name: 'a' } };
const MINUTE = 60_000;

function send(call: ApiCall, answers: FakeAnswer[], maxWaitMs = 15 * MINUTE) {
	const fake = fakeContext({
		parameters: {},
		credentials: { apiKey: 'super-secret-key', baseUrl: 'http://vendor.test' },
		credentialType: 'vendorApi',
		answers,
	});
	return {
		fake,
		response: apiRequest.call(fake.context, profile, call, { maxWaitMs, itemIndex: 0 }),
	};
}

let clock: ReturnType<typeof fakeClock>;
beforeEach(() => {
	clock = fakeClock();
});

describe('429 and 503', () => {
	test('Retry-After in seconds is waited exactly, then the call succeeds', async () => {
		const { fake, response } = send(GET, [
			{ status: 429, headers: { 'retry-after': '30' } },
			{ body: { ok: true } },
		]);
		expect((await response).body).toEqual({ ok: true });
		expect(clock.sleeps).toEqual([30_000]);
		expect(fake.requests).toHaveLength(2);
	});

	test('Retry-After as an HTTP-date is waited until that moment', async () => {
		const at = new Date(clock.now() + 90_000).toUTCString();
		const { response } = send(GET, [{ status: 503, headers: { 'retry-after': at } }, { body: {} }]);
		await response;
		expect(clock.sleeps).toEqual([90_000]);
	});

	test('without Retry-After, the reset header (epoch seconds) sets the wait', async () => {
		const reset = String((clock.now() + 120_000) / 1000);
		const { response } = send(GET, [
			{ status: 429, headers: { 'ratelimit-remaining': '0', 'ratelimit-reset': reset } },
			{ body: {} },
		]);
		await response;
		expect(clock.sleeps).toEqual([120_000]);
	});

	test('a small reset value is read as seconds from now', async () => {
		const { response } = send(GET, [
			{ status: 429, headers: { 'ratelimit-remaining': '0', 'ratelimit-reset': '45' } },
			{ body: {} },
		]);
		await response;
		expect(clock.sleeps).toEqual([45_000]);
	});

	test('without any header, 503s back off exponentially with jitter', async () => {
		const { response } = send(GET, [
			{ status: 503 },
			{ status: 503 },
			{ status: 503 },
			{ body: {} },
		]);
		await response;
		// random() is 0.5 in tests: half the step fixed plus a quarter step of jitter.
		expect(clock.sleeps).toEqual([750, 1500, 3000]);
	});

	test('a create refused with 429 is resent: the server said it was not processed', async () => {
		const { fake, response } = send(CREATE, [
			{ status: 429, headers: { 'retry-after': '1' } },
			{ status: 201, body: { id: 1 } },
		]);
		expect((await response).body).toEqual({ id: 1 });
		expect(fake.requests.map((request) => request.method)).toEqual(['POST', 'POST']);
	});

	test('a wait longer than Max Wait fails at once with the reset time and how to pace', async () => {
		const { fake, response } = send(
			GET,
			[
				{
					status: 429,
					headers: { 'retry-after': '3600' },
					body: { code: 'rate_limited', requestId: 'req-9' },
				},
			],
			60_000,
		);
		const error = (await response.catch((caught: unknown) => caught)) as Error & {
			description: string;
		};
		expect(error.message).toBe(
			'Vendor rate limit reached: the server answered 429 Too Many Requests; the window resets at 2026-11-23T11:00:00Z (in 3600 s)',
		);
		expect(error.description).toContain(
			'Raise Max Wait to at least 3600 s, or pace the workflow: Loop Over Items with a Wait node',
		);
		expect(clock.sleeps).toEqual([]);
		expect(fake.requests).toHaveLength(1);
		const { vendorError } = (error as unknown as { context: { vendorError: object } }).context;
		expect(vendorError).toMatchObject({
			httpCode: '429',
			code: 'rate_limited',
			requestId: 'req-9',
		});
	});

	test('a 503 whose Retry-After is beyond Max Wait says when to retry, not "rate limit"', async () => {
		const { response } = send(GET, [{ status: 503, headers: { 'retry-after': '600' } }], 60_000);
		await expect(response).rejects.toMatchObject({
			message:
				'Vendor is temporarily unavailable (503); it can be retried at 2026-11-23T10:10:00Z (in 600 s)',
			description: expect.stringContaining('or run the workflow again later.'),
		});
	});

	test(`gives up after ${MAX_RETRIES} retries and shows the vendor's message`, async () => {
		const { fake, response } = send(GET, [{ status: 503, body: { message: 'Traffic spike' } }]);
		await expect(response).rejects.toThrow('Vendor: Traffic spike');
		expect(fake.requests).toHaveLength(MAX_RETRIES + 1);
	});
});

describe('429 without any usable header', () => {
	test('keeps backing off past the usual retry count while Max Wait allows, then succeeds', async () => {
		const bare = Array.from({ length: 8 }, () => ({ status: 429 }));
		const { fake, response } = send(CREATE, [...bare, { status: 201, body: { id: 9 } }]);
		expect((await response).body).toEqual({ id: 9 });
		expect(clock.sleeps).toEqual([750, 1500, 3000, 6000, 12000, 24000, 45000, 45000]);
		expect(fake.requests).toHaveLength(9);
	});

	test('gives up once Max Wait is spent in all, saying what it waited and why', async () => {
		const { response } = send(GET, [{ status: 429, body: { code: 'rate_limited' } }], 60_000);
		await expect(response).rejects.toMatchObject({
			message:
				'Vendor rate limit reached: the server answered 429 Too Many Requests 7 times without saying when to retry (no Retry-After or rate-limit headers); gave up after waiting 47 s in all',
			description: expect.stringContaining('This node keeps backing off for at most 60 s'),
		});
	});
});

describe('proactive pacing', () => {
	test('when the headers say the window is spent, the next call waits for the reset instead of spending a 429', async () => {
		const reset = String((clock.now() + 5 * MINUTE) / 1000);
		const spent = {
			body: {},
			headers: { 'ratelimit-limit': '25', 'ratelimit-remaining': '0', 'ratelimit-reset': reset },
		};
		const first = send(GET, [spent]);
		await first.response;
		expect(clock.sleeps).toEqual([]);
		const second = send(GET, [{ body: { next: true } }]);
		expect((await second.response).body).toEqual({ next: true });
		expect(clock.sleeps).toEqual([5 * MINUTE]);
		expect(second.fake.requests).toHaveLength(1);
	});

	test('a spent window beyond Max Wait fails before sending, naming the limit', async () => {
		const reset = String((clock.now() + 30 * MINUTE) / 1000);
		await send(GET, [
			{
				body: {},
				headers: { 'ratelimit-limit': '25', 'ratelimit-remaining': '0', 'ratelimit-reset': reset },
			},
		]).response;
		const next = send(GET, [{ body: {} }], 10 * MINUTE);
		await expect(next.response).rejects.toThrow('no requests left in this window');
		await expect(next.response).rejects.toMatchObject({
			description: expect.stringContaining('fewer than 25 requests go out per window'),
		});
		expect(next.fake.requests).toHaveLength(0);
	});
});

describe('network failures', () => {
	test('a GET is retried after a connection reset', async () => {
		const { fake, response } = send(GET, [{ networkError: 'ECONNRESET' }, { body: { ok: 1 } }]);
		expect((await response).body).toEqual({ ok: 1 });
		expect(fake.requests).toHaveLength(2);
	});

	test('a create is not resent after a timeout: it may have reached the server', async () => {
		const { fake, response } = send(CREATE, [
			{ networkError: 'ETIMEDOUT' },
			{ status: 201, body: {} },
		]);
		await expect(response).rejects.toThrow(
			'Vendor may have processed POST /things: no answer came in time, so the outcome is unknown',
		);
		await expect(response).rejects.toMatchObject({
			description: expect.stringContaining('was not sent again'),
		});
		expect(fake.requests).toHaveLength(1);
	});

	test('a create is resent after a refused connection: it never left', async () => {
		const { fake, response } = send(CREATE, [
			{ networkError: 'ECONNREFUSED' },
			{ status: 201, body: { id: 2 } },
		]);
		expect((await response).body).toEqual({ id: 2 });
		expect(fake.requests).toHaveLength(2);
	});

	test('a 500 is retried for a GET but not for a create', async () => {
		const get = send(GET, [{ status: 500 }, { body: { ok: true } }]);
		expect((await get.response).body).toEqual({ ok: true });
		const create = send(CREATE, [
			{ status: 500, body: { message: 'Boom' } },
			{ status: 201, body: {} },
		]);
		await expect(create.response).rejects.toThrow('Vendor: Boom');
		expect(create.fake.requests).toHaveLength(1);
	});
});

describe("answers that are not the API's JSON", () => {
	const page =
		'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>';

	test('an HTML 502 page after every retry becomes a short message with a hint, never the page', async () => {
		const { fake, response } = send(GET, [
			{ status: 502, body: page, headers: { 'x-request-id': 'gw-1' } },
		]);
		const error = (await response.catch((caught: unknown) => caught)) as Error & {
			description: string;
		};
		expect(error.message).toBe(
			"Vendor answered 502 Bad Gateway to GET /things (an HTML page, not the API's JSON): a proxy or gateway in front of the API failed",
		);
		expect(error.description).toContain('a proxy, gateway or load balancer between n8n and Vendor');
		expect(JSON.stringify({ ...error, message: error.message })).not.toContain('nginx');
		expect(fake.requests).toHaveLength(MAX_RETRIES + 1);
	});

	test('an empty body and plain text say so', async () => {
		await expect(send(CREATE, [{ status: 502, body: '' }]).response).rejects.toThrow(
			'Vendor answered 502 Bad Gateway to POST /things with an empty body',
		);
		await expect(send(CREATE, [{ status: 404, body: 'Not here' }]).response).rejects.toThrow(
			"Vendor answered 404 Not Found to POST /things (plain text, not the API's JSON): something other than the API answered",
		);
	});

	test('an empty body on a status the vendor documents as bare is the API’s own answer, with its hint', async () => {
		const fake = fakeContext({
			parameters: {},
			credentials: { baseUrl: 'http://vendor.test' },
			credentialType: 'vendorApi',
			answers: [{ status: 404, body: '' }],
		});
		const bare: VendorProfile = {
			...profile,
			bareErrorStatuses: [404],
			hint: (status) => (status === 404 ? 'Check the id.' : undefined),
		};
		const error = (await apiRequest
			.call(fake.context, bare, GET, { maxWaitMs: 1000 })
			.catch((caught: unknown) => caught)) as Error & { description: string };
		expect(error.message).toBe('Vendor answered 404 to GET /things');
		expect(error.description).toContain('Check the id.');
	});
});

describe('token credentials', () => {
	const tokenProfile = { ...profile, renewsTokenOn401: true };
	function sendWithToken(answers: FakeAnswer[]) {
		const fake = fakeContext({
			parameters: {},
			credentials: { baseUrl: 'http://vendor.test' },
			credentialType: 'vendorApi',
			answers,
		});
		return {
			fake,
			response: apiRequest.call(fake.context, tokenProfile, CREATE, { maxWaitMs: 1000 }),
		};
	}

	test('a 401 is resent once through the throwing path, on which n8n renews the token', async () => {
		const { fake, response } = sendWithToken([{ status: 401 }, { status: 201, body: { id: 3 } }]);
		expect((await response).body).toEqual({ id: 3 });
		expect(fake.requests.map((request) => request.ignoreHttpStatusErrors)).toEqual([
			true,
			undefined,
		]);
	});

	test('a 401 that persists is shown with its status and body', async () => {
		const { fake, response } = sendWithToken([{ status: 401, body: { message: 'Token revoked' } }]);
		await expect(response).rejects.toMatchObject({
			message: 'Vendor: Token revoked',
			description: expect.stringContaining('Check the key.'),
		});
		expect(fake.requests).toHaveLength(2);
	});

	test('without a token credential a 401 is not resent', async () => {
		const { fake, response } = send(GET, [{ status: 401 }]);
		await expect(response).rejects.toThrow('Vendor answered 401 to GET /things');
		expect(fake.requests).toHaveLength(1);
	});
});

describe('errors', () => {
	test('carry the vendor message, code, request id and hint, and never the secret', async () => {
		const { response } = send(GET, [
			{
				status: 401,
				body: { message: 'Invalid key super-secret-key', code: 'unauthorized', requestId: 'req-7' },
			},
		]);
		const error = (await response.catch((caught: unknown) => caught)) as Error & {
			description: string;
			context: Record<string, unknown>;
		};
		expect(error.message).toBe('Vendor: Invalid key [redacted]');
		expect(error.description).toBe(
			'Check the key. Vendor error code: unauthorized. Request id: req-7 (quote it to Vendor support).',
		);
		expect(error.context.vendorError).toEqual({
			vendor: 'Vendor',
			httpCode: '401',
			code: 'unauthorized',
			requestId: 'req-7',
			details: null,
		});
		expect(JSON.stringify({ ...error, message: error.message })).not.toContain('super-secret-key');
	});

	test('an error without a body says what was called and the status', async () => {
		const { response } = send(GET, [{ status: 404 }]);
		await expect(response).rejects.toThrow('Vendor answered 404 to GET /things');
	});
});

describe('token credentials under concurrent requests', () => {
	const tokenProfile = { ...profile, renewsTokenOn401: true };
	function parallel(count: number, answer: (call: number) => FakeAnswer) {
		const fake = fakeContext({
			parameters: {},
			credentials: { baseUrl: 'http://vendor.test' },
			credentialType: 'vendorApi',
		});
		const log: string[] = [];
		let calls = 0;
		fake.httpRequestWithAuthentication.mockImplementation(
			async (_type: string, request: { ignoreHttpStatusErrors?: boolean }) => {
				const call = ++calls;
				log.push(`start ${call}${request.ignoreHttpStatusErrors ? '' : ' (renewing)'}`);
				await Promise.resolve();
				log.push(`end ${call}`);
				const { status = 200, body } = answer(call) as { status?: number; body?: unknown };
				return { statusCode: status, headers: {}, body };
			},
		);
		const responses = Promise.all(
			Array.from({ length: count }, () =>
				apiRequest.call(fake.context, tokenProfile, GET, { maxWaitMs: 1000 }),
			),
		);
		return { log, responses };
	}

	test('until one request has gone through with the stored token, requests go one at a time (one sign-in, not one each)', async () => {
		const { log, responses } = parallel(3, () => ({ body: {} }));
		await responses;
		expect(log.slice(0, 3)).toEqual(['start 1', 'end 1', 'start 2']);
	});

	test('a 401 met by requests side by side renews the token once; the others wait and resend', async () => {
		const warm = parallel(1, () => ({ body: {} }));
		await warm.responses;
		const { log, responses } = parallel(3, (call) =>
			call <= 3 ? { status: 401 } : { body: { ok: call } },
		);
		await responses;
		expect(log.filter((line) => line.includes('renewing'))).toHaveLength(1);
	});
});

describe('the stored credential', () => {
	test('is read once per run and handed to n8n with every request, so n8n does not read and decrypt it again', async () => {
		const fake = fakeContext({
			parameters: {},
			credentials: { apiKey: 'super-secret-key', baseUrl: 'http://vendor.test' },
			credentialType: 'vendorApi',
		});
		const getCredentials = jest.spyOn(fake.context, 'getCredentials');
		for (let call = 0; call < 3; call++)
			await apiRequest.call(fake.context, profile, GET, { maxWaitMs: MINUTE, itemIndex: call });
		expect(getCredentials).toHaveBeenCalledTimes(1);
		const given = fake.httpRequestWithAuthentication.mock.calls.map(
			(args) => (args as unknown[])[2],
		);
		expect(given).toEqual(
			Array(3).fill({
				credentialsDecrypted: {
					id: 'cred-1',
					name: 'Test credential',
					type: 'vendorApi',
					data: { apiKey: 'super-secret-key', baseUrl: 'http://vendor.test' },
				},
			}),
		);
	});
});
