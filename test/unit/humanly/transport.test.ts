import { getManyTeams } from '../../../nodes/Humanly/actions/team/getAll.operation';
import { humanlyBaseUrl, humanlyProfile } from '../../../nodes/Humanly/transport';
import { HumanlyApi } from '../../../credentials/HumanlyApi.credentials';
import { fakeClock, fakeContext, type FakeAnswer } from '../helpers/context';
import { credentials, credentialType, ok, refused } from './fixtures';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const epoch = (ms: number) => String(Math.ceil(ms / 1000));

function listTeams(
	answers: FakeAnswer[],
	parameters = {},
	continueOnFail = false,
	creds: Record<string, string> = credentials,
) {
	const fake = fakeContext({
		parameters: { returnAll: true, filters: {}, ...parameters },
		credentials: creds,
		credentialType,
		answers,
		continueOnFail,
	});
	return { fake, result: getManyTeams.execute.call(fake.context, fake.items) };
}

describe('environments', () => {
	test.each([
		[{ environment: 'production' }, 'https://api.prod.qualifi.hr'],
		[{ environment: 'staging' }, 'https://api.dev.qualifi.hr'],
		[{ environment: 'custom', baseUrl: ' http://127.0.0.1:4010// ' }, 'http://127.0.0.1:4010'],
		[{}, 'https://api.prod.qualifi.hr'],
	])('%j → %s', (creds, url) => {
		expect(humanlyBaseUrl(creds)).toBe(url);
	});

	test('requests go to the environment of the credential', async () => {
		fakeClock(NOW);
		const { fake, result } = listTeams([ok({ teams: [] })], {}, false, {
			apiKey: 'qapi_x_secret',
			environment: 'staging',
		});
		await result;
		expect(fake.requests[0].url).toBe('https://api.dev.qualifi.hr/qsi/gather/teams');
	});
});

describe('credential', () => {
	const credential = new HumanlyApi();

	test('authenticates with the x-api-key header only', () => {
		expect(credential.name).toBe('humanlyApi');
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: { headers: { 'x-api-key': '={{$credentials.apiKey}}' } },
		});
		expect(credential.properties.find((p) => p.name === 'apiKey')?.typeOptions).toEqual({
			password: true,
		});
	});

	test('the credential test lists teams at the address of each environment', () => {
		expect(credential.test.request.url).toBe('/qsi/gather/teams');
		const expression = String(credential.test.request.baseURL)
			.replace(/^=\{\{/, '')
			.replace(/\}\}$/, '');
		// The same JS n8n evaluates; `$credentials` is the only variable it reads.
		// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- test code evaluates our own expression, as n8n would
		const evaluate = new Function('$credentials', `return (${expression});`) as (
			creds: object,
		) => string;
		expect(evaluate({ environment: 'production' })).toBe('https://api.prod.qualifi.hr');
		expect(evaluate({ environment: 'staging' })).toBe('https://api.dev.qualifi.hr');
		expect(evaluate({ environment: 'custom', baseUrl: 'http://127.0.0.1:4010/' })).toBe(
			'http://127.0.0.1:4010',
		);
	});
});

describe('errors', () => {
	test('the profile reads code, message, details and the request id from the envelope', () => {
		const body = {
			error: {
				code: 'NOT_FOUND',
				message: 'candidate not found',
				details: { resource: 'candidate', id: 'c-1' },
			},
			meta: { requestId: 'req-1', timestamp: 'x' },
		};
		expect(humanlyProfile.parseError(body, {})).toEqual({
			code: 'NOT_FOUND',
			message: 'candidate not found',
			details: { resource: 'candidate', id: 'c-1' },
			requestId: 'req-1',
		});
		expect(humanlyProfile.parseError('<html>Bad gateway</html>', {})).toEqual({});
	});

	test('a 401 error item carries the API code and request id, never the key', async () => {
		fakeClock(NOW);
		const { result } = listTeams(
			[refused(401, 'UNAUTHORIZED', 'Invalid API key qapi_unit_secret_key', undefined, 'req-401')],
			{},
			true,
		);
		const [item] = await result;
		expect(item.json).toMatchObject({
			error: 'Humanly: Invalid API key [redacted]',
			httpCode: '401',
			code: 'UNAUTHORIZED',
			requestId: 'req-401',
			details: null,
		});
		expect(String(item.json.description)).toContain('environment');
		expect(JSON.stringify(item)).not.toContain('qapi_unit_secret_key');
	});
});

describe('rate limits', () => {
	test('a 429 waits until X-RateLimit-Reset, then the request is sent again', async () => {
		const clock = fakeClock(NOW);
		const { fake, result } = listTeams([
			{
				...refused(429, 'RATE_LIMIT_EXCEEDED', 'Rate limit exceeded', {
					limit: 100,
					remaining: 0,
					resetAt: 'x',
				}),
				headers: {
					'x-ratelimit-limit': '100',
					'x-ratelimit-remaining': '0',
					'x-ratelimit-reset': epoch(NOW + 42_000),
				},
			},
			ok({ teams: [{ id: 't1' }] }),
		]);
		expect((await result).map((item) => item.json.id)).toEqual(['t1']);
		expect(clock.sleeps).toEqual([42_000]);
		expect(fake.requests).toHaveLength(2);
	});

	test('the default Max Wait is the 60 s burst window: the hour window fails with advice instead', async () => {
		const clock = fakeClock(NOW);
		const { fake, result } = listTeams([
			{
				...refused(429, 'RATE_LIMIT_EXCEEDED', 'Rate limit exceeded'),
				headers: {
					'x-ratelimit-limit': '1000',
					'x-ratelimit-remaining': '0',
					'x-ratelimit-reset': epoch(NOW + 1_800_000),
				},
			},
		]);
		await expect(result).rejects.toThrow(
			/Humanly rate limit reached: the server answered 429 Too Many Requests; the window resets at 2026-11-23T10:30:00Z/,
		);
		expect(clock.sleeps).toEqual([]);
		expect(fake.requests).toHaveLength(1);
	});

	test('a longer Max Wait sits the hour window out', async () => {
		const clock = fakeClock(NOW);
		const { result } = listTeams(
			[
				{
					...refused(429, 'RATE_LIMIT_EXCEEDED', 'Rate limit exceeded'),
					headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': epoch(NOW + 1_800_000) },
				},
				ok({ teams: [] }),
			],
			{ requestOptions: { maxWaitSeconds: 3600 } },
		);
		await result;
		expect(clock.sleeps).toEqual([1_800_000]);
	});

	test('a spent window (remaining 0) is waited out before the next request instead of spending a 429', async () => {
		const clock = fakeClock(NOW);
		const spent = {
			'x-ratelimit-limit': '100',
			'x-ratelimit-remaining': '0',
			'x-ratelimit-reset': epoch(NOW + 10_000),
		};
		const fake = fakeContext({
			parameters: { returnAll: true, filters: {} },
			perItem: [{}, {}],
			credentials,
			credentialType,
			answers: [{ ...ok({ teams: [{ id: 'a' }] }), headers: spent }, ok({ teams: [{ id: 'b' }] })],
		});
		const output = await getManyTeams.execute.call(fake.context, fake.items);
		expect(output.map((item) => item.json.id)).toEqual(['a', 'b']);
		expect(clock.sleeps).toEqual([10_000]);
	});
});
