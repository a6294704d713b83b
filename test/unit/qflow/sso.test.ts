import { createDecipheriv } from 'node:crypto';

import { generateSsoLink } from '../../../nodes/Qflow/actions/sso/generateLink.operation';
import {
	ssoCiphertext,
	ssoKeyBytes,
	ssoKeyProblem,
	ssoLink,
	ssoToken,
} from '../../../nodes/Qflow/sso';
import { fakeClock } from '../helpers/context';
import { credentials, OWNER_ID, run } from './helpers';

/** The documented example values (docs/qflow.md) and the openssl result for them. */
const VECTOR = {
	// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- the documented public example key, not a secret
	key: 'hfdg8AZgkKCQcNCgwOBAYIBa',
	userGuid: '050f4a44-d7d1-452e-837a-0d2759dcfa69',
	pin: '123',
	base64: 'm+6vkGjFDPq/BKEP0t9ubf7jsw3Kx5MoHoKemrLp5RefAnsM/JkfrlBRJNSZyN5W',
};
const VECTOR_TOKEN = encodeURIComponent(VECTOR.base64);

beforeEach(() => fakeClock());

describe('sso.ts', () => {
	test('reproduces the documented test vector exactly', () => {
		expect(ssoCiphertext(VECTOR.userGuid, VECTOR.pin, VECTOR.key)).toBe(VECTOR.base64);
	});

	test('the token is the base64 URL-encoded (+, / and = escaped)', () => {
		expect(ssoToken(VECTOR.userGuid, VECTOR.pin, VECTOR.key)).toBe(
			'm%2B6vkGjFDPq%2FBKEP0t9ubf7jsw3Kx5MoHoKemrLp5RefAnsM%2FJkfrlBRJNSZyN5W',
		);
	});

	test('the key is zero-padded to 32 bytes, and decrypting gives back <userGuid>@<pin>', () => {
		const key = ssoKeyBytes(VECTOR.key);
		expect(key).toHaveLength(32);
		expect(key.subarray(0, 24).toString()).toBe(VECTOR.key);
		expect([...key.subarray(24)]).toEqual(new Array(8).fill(0));
		const decipher = createDecipheriv('aes-256-cbc', key, Buffer.from('qflow_sec_vector'));
		const plain = Buffer.concat([
			decipher.update(Buffer.from(VECTOR.base64, 'base64')),
			decipher.final(),
		]).toString();
		expect(plain).toBe(`${VECTOR.userGuid}@${VECTOR.pin}`);
	});

	test('a 32-byte key is used as is; 33 bytes (counted as UTF-8) is refused', () => {
		expect(ssoKeyProblem('k'.repeat(32))).toBeUndefined();
		expect(ssoKeyBytes('k'.repeat(32)).toString()).toBe('k'.repeat(32));
		expect(ssoKeyProblem('k'.repeat(33))).toBe(
			"it is 33 bytes long, and Qflow's AES-256 key is at most 32 bytes",
		);
		expect(ssoKeyProblem(`${'k'.repeat(31)}é`)).toContain('33 bytes');
		expect(() => ssoKeyBytes('k'.repeat(33))).toThrow(RangeError);
	});

	test('the link keeps the path readable and escapes what would break the query', () => {
		expect(ssoLink('acme', '/events/edit/ev1?act=guests', 'TOKEN')).toBe(
			'https://acme.qflowhub.io/sso?successUrl=/events/edit/ev1%3Fact%3Dguests&token=TOKEN',
		);
	});
});

describe('Generate iFrame SSO Link operation', () => {
	const base = { enterprise: 'Acme', userId: VECTOR.userGuid, successUrl: 'events' };

	test('builds the documented link from the credential key and the username’s PIN, with no HTTP request', async () => {
		const { fake, result } = run(generateSsoLink, base);
		expect(await result).toEqual([
			{
				json: {
					link: `https://acme.qflowhub.io/sso?successUrl=/events&token=${VECTOR_TOKEN}`,
					token: VECTOR_TOKEN,
					userId: VECTOR.userGuid,
					enterprise: 'acme',
					enterprisePin: '123',
					successUrl: '/events',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(fake.httpRequestWithAuthentication).not.toHaveBeenCalled();
	});

	test.each([
		['editEvent', '/events/edit/ev-42'],
		['eventGuests', '/events/edit/ev-42?act=guests'],
		['eventStats', '/events/edit/ev-42?act=stats'],
	])('target %s lands on %s', async (successUrl, path) => {
		const { result } = run(generateSsoLink, { ...base, successUrl, eventId: 'ev-42' });
		const [item] = await result;
		expect(item.json.successUrl).toBe(path);
		expect(item.json.link).toContain(
			`successUrl=${encodeURIComponent(path).replace(/%2F/g, '/')}&token=`,
		);
	});

	test('a custom path is used as given; a host or //host is refused', async () => {
		const ok = run(generateSsoLink, {
			...base,
			successUrl: 'custom',
			customPath: '/events?filter=today',
		});
		expect((await ok.result)[0].json.successUrl).toBe('/events?filter=today');
		for (const customPath of ['https://evil.example/x', '//evil.example/x', 'events']) {
			const bad = run(generateSsoLink, { ...base, successUrl: 'custom', customPath });
			await expect(bad.result).rejects.toThrow(
				'Invalid customPath: must be a path inside the Qflow dashboard',
			);
		}
	});

	test('the PIN option overrides the username’s PIN (and changes the token)', async () => {
		const { result } = run(generateSsoLink, { ...base, options: { enterprisePin: '456' } });
		const [item] = await result;
		expect(item.json.enterprisePin).toBe('456');
		expect(item.json.token).toBe(ssoToken(VECTOR.userGuid, '456', VECTOR.key));
		expect(item.json.token).not.toBe(VECTOR_TOKEN);
	});

	test('a key longer than 32 bytes fails that item with a clear error; the others go on', async () => {
		const { fake, result } = run(generateSsoLink, base, {
			credentials: { ...credentials, ssoSecretKey: 'x'.repeat(40) },
			perItem: [{}, {}],
			continueOnFail: true,
		});
		const items = await result;
		expect(items).toHaveLength(2);
		expect(items[0]).toMatchObject({
			json: {
				error:
					"The Enterprise SSO Key in the Qflow credential is not usable: it is 40 bytes long, and Qflow's AES-256 key is at most 32 bytes",
			},
			pairedItem: { item: 0 },
		});
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(JSON.stringify(items)).not.toContain('x'.repeat(40));
		expect(fake.httpRequestWithAuthentication).not.toHaveBeenCalled();
	});

	test('no SSO key in the credential says where to add it', async () => {
		const { result } = run(generateSsoLink, base, {
			credentials: { ...credentials, ssoSecretKey: '' },
		});
		await expect(result).rejects.toMatchObject({
			message: 'No Enterprise SSO Key in the Qflow credential',
			description: expect.stringContaining('Enterprise SSO Key field'),
		});
	});

	test.each([
		[{ userId: '42' }, 'Invalid userId: must be a Qflow user ID'],
		[{ enterprise: 'acme.qflowhub.io' }, 'Invalid enterprise: must be the subdomain only'],
		[{ successUrl: 'editEvent', eventId: '' }, 'Invalid eventId: must be a Qflow event ID'],
	])('bad input %o is refused per item', async (change, message) => {
		const { result } = run(generateSsoLink, { ...base, ...change });
		await expect(result).rejects.toThrow(message);
	});

	test('a username without a PIN and no PIN option says how to fix it', async () => {
		const { result } = run(generateSsoLink, base, {
			credentials: { ...credentials, username: 'owner@example.com' },
		});
		await expect(result).rejects.toThrow('Invalid enterprisePin: is missing');
	});

	test('a user GUID from another item is used per item', async () => {
		const { result } = run(
			generateSsoLink,
			{ enterprise: 'acme', successUrl: 'events' },
			{
				perItem: [{ userId: VECTOR.userGuid }, { userId: OWNER_ID }],
			},
		);
		const items = await result;
		expect(items.map((item) => item.json.userId)).toEqual([VECTOR.userGuid, OWNER_ID]);
	});
});
