import type { IDataObject } from 'n8n-workflow';

import { getManyTemplates } from '../../../nodes/Qflow/actions/comms/getTemplates.operation';
import { sendEmail } from '../../../nodes/Qflow/actions/comms/send.operation';
import { upsertTemplate } from '../../../nodes/Qflow/actions/comms/upsertTemplate.operation';
import { fakeClock } from '../helpers/context';
import { locator, run } from './helpers';

const COMMS = 'http://api.test/comms/v1/api/comms/';
const EVENT = '4ef2891c-1e79-4c27-90b7-e2c20c8b13d9';
const GUEST = '7bc31757-5a82-4d7a-8767-bb508f6d3481';
const TEMPLATE = '40000000-0000-4000-8000-000000000001';

let clock: ReturnType<typeof fakeClock>;
beforeEach(() => {
	clock = fakeClock();
});

const sendParameters = (correlationId = '') => ({
	eventId: locator('id', EVENT),
	guestId: locator('id', GUEST),
	templateId: locator('list', TEMPLATE),
	correlationId,
});

describe('Send Email', () => {
	test('makes a correlation id per item when none is given, and resends the same send after a reset', async () => {
		const { fake, result } = run(sendEmail, sendParameters(), {
			answers: [
				{ networkError: 'ECONNRESET' },
				{ body: { attendeeInvitationId: 'inv-1', status: 'queued' } },
			],
		});
		const [item] = await result;
		const bodies = fake.requests.map((r) => r.body as IDataObject);
		expect(fake.requests.map((r) => [r.method, r.url])).toEqual([
			['POST', `${COMMS}send`],
			['POST', `${COMMS}send`],
		]);
		expect(bodies[1]).toEqual(bodies[0]);
		expect(bodies[0]).toEqual({
			attendeeId: GUEST,
			templateId: TEMPLATE,
			correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
		});
		expect(item.json).toEqual({
			attendeeInvitationId: 'inv-1',
			status: 'queued',
			attendeeId: GUEST,
			templateId: TEMPLATE,
			correlationId: bodies[0].correlationId,
		});
	});

	test('a 403 comms_api_not_enabled says to ask support; a 422 says why sending again would fail', async () => {
		const { result } = run(sendEmail, sendParameters('order-1'), {
			continueOnFail: true,
			perItem: [{}, {}],
			answers: [
				{
					status: 403,
					body: { code: 'comms_api_not_enabled', message: 'Comms API access is not enabled' },
				},
				{
					status: 422,
					body: {
						code: 'previous_send_permanently_failed',
						message: 'The last send bounced',
						reason: 'bounced',
					},
				},
			],
		});
		const [off, bounced] = await result;
		expect(off.json).toMatchObject({ httpCode: '403', code: 'comms_api_not_enabled' });
		expect(off.json.description).toContain('support@qflowhub.io');
		expect(bounced.json).toMatchObject({
			httpCode: '422',
			code: 'previous_send_permanently_failed',
		});
		expect(bounced.json.description).toContain('Correct the guest’s email address');
	});

	test('the 301st send in a minute waits for the send window instead of meeting a 429', async () => {
		const { fake, result } = run(sendEmail, sendParameters('order'), {
			perItem: Array.from({ length: 301 }, () => ({})),
			answers: [{ body: { attendeeInvitationId: 'inv', status: 'queued' } }],
		});
		expect(await result).toHaveLength(301);
		expect(fake.requests).toHaveLength(301);
		const waited = clock.sleeps.reduce((sum, ms) => sum + ms, 0);
		expect(waited).toBeGreaterThanOrEqual(59_000);
		expect(waited).toBeLessThanOrEqual(61_000);
	});

	test('ids that are not GUIDs fail before sending', async () => {
		const { fake, result } = run(sendEmail, {
			...sendParameters(),
			templateId: locator('id', 'welcome'),
		});
		await expect(result).rejects.toThrow('Invalid templateId: must be a GUID');
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Templates', () => {
	test('Create or Update Template with its own id is an upsert the transport may resend', async () => {
		const template = { id: TEMPLATE, eventId: EVENT, name: 'Welcome', html: '<p>Hi</p>' };
		const { fake, result } = run(
			upsertTemplate,
			{
				eventId: locator('id', EVENT),
				name: 'Welcome',
				html: '<p>Hi</p>',
				additionalFields: { id: TEMPLATE, attachPdf: true, fromAddress: '' },
			},
			{ answers: [{ status: 503 }, { body: template }] },
		);
		expect((await result)[0].json).toEqual(template);
		expect(fake.requests).toHaveLength(2);
		expect(fake.requests[0]).toMatchObject({
			method: 'POST',
			url: `${COMMS}template`,
			body: { eventId: EVENT, name: 'Welcome', html: '<p>Hi</p>', id: TEMPLATE, attachPdf: true },
		});
	});

	test('without an id a lost answer is not resent (it could create a second template)', async () => {
		const { fake, result } = run(
			upsertTemplate,
			{ eventId: locator('id', EVENT), name: 'Welcome', html: '<p>Hi</p>', additionalFields: {} },
			{ answers: [{ networkError: 'ETIMEDOUT' }] },
		);
		await expect(result).rejects.toThrow();
		expect(fake.requests).toHaveLength(1);
	});

	test('Get Many Templates asks for the event’s templates', async () => {
		const { fake, result } = run(
			getManyTemplates,
			{ eventId: locator('id', EVENT), returnAll: true },
			{ answers: [{ body: [{ id: TEMPLATE, name: 'Welcome' }] }] },
		);
		expect((await result).map((item) => item.json.id)).toEqual([TEMPLATE]);
		expect(fake.requests[0]).toMatchObject({
			method: 'GET',
			url: `${COMMS}templates`,
			qs: { eventId: EVENT },
		});
	});
});
