import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { HUMANLY } from '../../../nodes/Humanly/api';
import { signatureOf } from '../../../nodes/Humanly/helpers/webhookSignature';
import { HumanlyTrigger } from '../../../nodes/Humanly/HumanlyTrigger.node';
import { fakeClock } from '../helpers/context';

const secret = 'whsec_unit_secret';
const NOW = Date.parse('2026-11-23T10:00:00Z');
const nowSeconds = NOW / 1000;
const body = {
	event: 'candidate_interview.completed',
	timestamp: '2026-11-23T09:59:58Z',
	data: { id: 'ci_1', candidateId: 'c_1', score: 87 },
};

let workflowId = 0;
function deliver(
	raw: string,
	header: string | undefined,
	options: { events?: string[]; credentials?: IDataObject; staticData?: IDataObject } = {},
) {
	const answered: { status?: number; body?: unknown } = {};
	const staticData = options.staticData ?? {};
	const context = {
		getRequestObject: () => ({ rawBody: Buffer.from(raw) }),
		getResponseObject: () => ({
			status: (status: number) => ({
				json: (json: unknown) => {
					answered.status = status;
					answered.body = json;
				},
			}),
		}),
		getCredentials: async () => options.credentials ?? { apiKey: 'qapi_x', webhookSecret: secret },
		getHeaderData: () => (header === undefined ? {} : { 'x-qualifi-signature': header }),
		getBodyData: () => (raw.trim() === '' ? {} : JSON.parse(raw)),
		getNodeParameter: (name: string, fallback: unknown) =>
			name === 'events' ? (options.events ?? ['candidate_interview.completed']) : fallback,
		getWorkflowStaticData: () => staticData,
		getWorkflow: () => ({ id: `wf${workflowId}` }),
		getNode: () => ({ name: 'Humanly Trigger' }),
	} as unknown as IWebhookFunctions;
	return { answered, staticData, result: new HumanlyTrigger().webhook.call(context) };
}

const raw = JSON.stringify(body);
const signed = (t = nowSeconds, text = raw) => `t=${t},v1=${signatureOf(secret, t, text)}`;

beforeEach(() => {
	fakeClock(NOW);
	workflowId += 1;
});

test('a correctly signed delivery starts the workflow with the data, the event and its time', async () => {
	const { result, answered } = deliver(raw, signed());
	expect(await result).toEqual({
		workflowData: [
			[
				{
					json: {
						id: 'ci_1',
						candidateId: 'c_1',
						score: 87,
						event: 'candidate_interview.completed',
						timestamp: '2026-11-23T09:59:58Z',
					},
				},
			],
		],
	});
	expect(answered.status).toBeUndefined();
});

test.each([
	[
		'forged (another secret)',
		`t=${nowSeconds},v1=${signatureOf('not-the-secret', nowSeconds, raw)}`,
		raw,
		'does not match',
	],
	['tampered (body changed after signing)', signed(), raw.replace('87', '99'), 'does not match'],
	['unsigned', undefined, raw, 'no X-Qualifi-Signature header'],
	['stale (signed 10 minutes ago)', signed(nowSeconds - 600), raw, 'refused as stale'],
])('a %s delivery gets 401 and starts nothing', async (_case, header, text, message) => {
	const { result, answered } = deliver(text, header);
	expect(await result).toEqual({ noWebhookResponse: true });
	expect(answered).toMatchObject({
		status: 401,
		body: { message: expect.stringContaining(message) },
	});
});

test('a delivery signed in the docs-sample way (JSON.stringify of the payload), sent with other spacing, is taken', async () => {
	const spaced = JSON.stringify(body, null, 2);
	expect(await deliver(spaced, signed(nowSeconds, raw)).result).toHaveProperty('workflowData');
});

test('the same delivery twice starts one execution: the second is answered 200 and starts nothing', async () => {
	const staticData = {};
	expect(await deliver(raw, signed(), { staticData }).result).toHaveProperty('workflowData');
	const again = deliver(raw, signed(), { staticData });
	expect(await again.result).toEqual({ noWebhookResponse: true });
	expect(again.answered).toEqual({ status: 200, body: { received: true, duplicate: true } });
});

test('t in milliseconds is read as such: a fresh one is taken, a stale one refused', async () => {
	const ms = (t: number) => `t=${t},v1=${signatureOf(secret, t, raw)}`;
	expect(await deliver(raw, ms(NOW)).result).toHaveProperty('workflowData');
	const stale = deliver(raw, ms(NOW - 600_000));
	await stale.result;
	expect(stale.answered).toMatchObject({
		status: 401,
		body: { message: expect.stringContaining('refused as stale') },
	});
});

test.each([
	['empty', ''],
	['a JSON list', '[1,2]'],
	['a JSON string', '"completed"'],
])('a correctly signed %s body is answered 400 and starts nothing', async (_case, text) => {
	const { result, answered } = deliver(text, signed(nowSeconds, text));
	expect(await result).toEqual({ noWebhookResponse: true });
	expect(answered).toMatchObject({ status: 400, body: { error: 'bad_request' } });
});

test('the event list is the documented events of api.ts', () => {
	const events = new HumanlyTrigger().description.properties.find((p) => p.name === 'events');
	expect((events?.options as Array<{ value: string }>).map((option) => option.value)).toEqual([
		...HUMANLY.webhook.events,
	]);
});

test('an event the trigger does not listen to is acknowledged and starts nothing', async () => {
	const { result, answered } = deliver(raw, signed(), { events: ['interview.created'] });
	expect(await result).toEqual({ noWebhookResponse: true });
	expect(answered.status).toBe(200);
});

test('without a webhook secret in the credential nothing can be verified: 401', async () => {
	const { result, answered } = deliver(raw, signed(), { credentials: { apiKey: 'qapi_x' } });
	expect(await result).toEqual({ noWebhookResponse: true });
	expect(answered).toMatchObject({
		status: 401,
		body: { message: expect.stringContaining('No Webhook Secret') },
	});
});
