import type { IHttpRequestMethods } from 'n8n-workflow';

import { activateSendingDomain } from '../../../nodes/Qflow/actions/sendingDomain/activate.operation';
import { createSendingDomain } from '../../../nodes/Qflow/actions/sendingDomain/create.operation';
import { deactivateSendingDomain } from '../../../nodes/Qflow/actions/sendingDomain/deactivate.operation';
import { deleteSendingDomain } from '../../../nodes/Qflow/actions/sendingDomain/delete.operation';
import { getSendingDomain } from '../../../nodes/Qflow/actions/sendingDomain/get.operation';
import { verifySendingDomain } from '../../../nodes/Qflow/actions/sendingDomain/verify.operation';
import type { Operation } from '../../../nodes/shared/operation';
import { fakeClock } from '../helpers/context';
import { run } from './helpers';

const DOMAIN = 'http://api.test/comms/v1/api/comms/domain';

beforeEach(() => {
	fakeClock();
});

/** The documented answer of every domain call: SendGrid's id, flags, the three CNAMEs. */
const domain = (verified = false, enabled = verified) => ({
	id: 30751683,
	domain: 'mail.example.com',
	verified,
	enabled,
	dnsRecords: ['em2037', 's1._domainkey', 's2._domainkey'].map((host) => ({
		type: 'cname',
		host: `${host}.mail.example.com`,
		data: `${host.split('.')[0]}.u1.wl.sendgrid.net`,
		valid: verified,
	})),
});

describe('Sending Domain Create', () => {
	test('sends the domain, trimmed and lower-cased, and returns the domain with its CNAMEs', async () => {
		const { fake, result } = run(
			createSendingDomain,
			{ domain: ' Mail.Example.com ' },
			{ answers: [{ body: domain() }] },
		);
		const [item] = await result;
		expect(fake.requests[0]).toMatchObject({
			method: 'POST',
			url: DOMAIN,
			body: { domain: 'mail.example.com' },
		});
		expect(item).toEqual({ json: domain(), pairedItem: { item: 0 } });
	});

	test('a lost answer is not resent: the first call may have set the domain up', async () => {
		const { fake, result } = run(
			createSendingDomain,
			{ domain: 'mail.example.com' },
			{ answers: [{ networkError: 'ECONNRESET' }] },
		);
		await expect(result).rejects.toThrow();
		expect(fake.requests).toHaveLength(1);
	});

	test('what is not a domain name fails before sending', async () => {
		const bad = [
			'https://mail.example.com',
			'mail.example.com/x',
			'localhost',
			'',
			'mail..example.com',
		];
		const { fake, result } = run(
			createSendingDomain,
			{},
			{ continueOnFail: true, perItem: bad.map((value) => ({ domain: value })) },
		);
		const items = await result;
		expect(fake.requests).toHaveLength(0);
		for (const item of items) {
			expect(item.json.error).toMatch(/^Invalid domain: /);
			expect(item.json.description).toContain('Nothing was sent.');
		}
	});

	test('the documented 409 and 422 say what to do; the 422 keeps SendGrid’s message', async () => {
		const { result } = run(
			createSendingDomain,
			{ domain: 'mail.example.com' },
			{
				continueOnFail: true,
				perItem: [{}, {}],
				answers: [
					{
						status: 409,
						body: { code: 'domain_already_configured', message: 'A custom domain is already set' },
					},
					{
						status: 422,
						body: {
							code: 'sendgrid_create_failed',
							message: 'SendGrid: domain is a public suffix',
						},
					},
				],
			},
		);
		const [exists, refused] = await result;
		expect(exists.json).toMatchObject({ httpCode: '409', code: 'domain_already_configured' });
		expect(exists.json.description).toContain('one per account');
		expect(refused.json).toMatchObject({ httpCode: '422', code: 'sendgrid_create_failed' });
		expect(refused.json.error).toContain('SendGrid: domain is a public suffix');
		expect(refused.json.description).toContain('Check the name');
	});
});

describe('Get, Verify, Activate, Deactivate', () => {
	const cases: Array<[string, Operation, IHttpRequestMethods, string]> = [
		['Get', getSendingDomain, 'GET', DOMAIN],
		['Verify', verifySendingDomain, 'POST', `${DOMAIN}/verify`],
		['Activate', activateSendingDomain, 'POST', `${DOMAIN}/activate`],
		['Deactivate', deactivateSendingDomain, 'POST', `${DOMAIN}/deactivate`],
	];

	test.each(cases)(
		'%s calls its path with no body, is resent after a reset, and returns the domain',
		async (_name, operation, method, url) => {
			const { fake, result } = run(
				operation,
				{},
				{ answers: [{ networkError: 'ECONNRESET' }, { body: domain(true) }] },
			);
			const [item] = await result;
			expect(fake.requests.map((request) => [request.method, request.url, request.body])).toEqual([
				[method, url, undefined],
				[method, url, undefined],
			]);
			expect(item.json).toEqual(domain(true));
		},
	);

	test('Activate before a successful Verify: the 409 says to publish the records and verify', async () => {
		const { result } = run(
			activateSendingDomain,
			{},
			{
				continueOnFail: true,
				answers: [{ status: 409, body: { code: 'domain_not_verified', message: 'Not verified' } }],
			},
		);
		const [item] = await result;
		expect(item.json).toMatchObject({ httpCode: '409', code: 'domain_not_verified' });
		expect(item.json.description).toContain('Sending Domain Verify');
	});

	test('no domain yet: the bare 404 says to create one', async () => {
		// n8n hands the documented bare 404 over as an empty string.
		const { result } = run(
			getSendingDomain,
			{},
			{ continueOnFail: true, answers: [{ status: 404, body: '' }] },
		);
		const [item] = await result;
		expect(item.json).toMatchObject({ httpCode: '404' });
		expect(item.json.error).toBe('Qflow answered 404 to GET /comms/v1/api/comms/domain');
		expect(item.json.description).toContain('no sending domain');
	});

	test('an answer that is not the documented domain names the field', async () => {
		const { result } = run(verifySendingDomain, {}, { answers: [{ body: { ok: true } }] });
		await expect(result).rejects.toThrow(
			'Unexpected response shape for POST /comms/v1/api/comms/domain/verify: id',
		);
	});
});

describe('Sending Domain Delete', () => {
	test('POSTs to domain/delete (not a DELETE), once even after a reset, and says deleted', async () => {
		const ok = run(deleteSendingDomain, {}, { answers: [{ status: 204, body: '' }] });
		expect((await ok.result)[0].json).toEqual({ deleted: true });
		expect(ok.fake.requests[0]).toMatchObject({ method: 'POST', url: `${DOMAIN}/delete` });

		const lost = run(deleteSendingDomain, {}, { answers: [{ networkError: 'ECONNRESET' }] });
		await expect(lost.result).rejects.toThrow();
		expect(lost.fake.requests).toHaveLength(1);
	});
});
