import { createHmac } from 'node:crypto';

import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { QflowTrigger } from '../../../nodes/Qflow/QflowTrigger.node';
import { fakeClock } from '../helpers/context';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const nowSeconds = NOW / 1000;
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- the example secret of Qflow's comms/webhooks page
const SECRET = '0d5124eefa6ed9ae1fece694f70c3c04e48ccb73c67f313548629220cfb61252';
const URL_SECRET = 'u'.repeat(40);
const sign = (t: number, raw: string, secret = SECRET) =>
	createHmac('sha256', secret).update(`${t}.${raw}`).digest('hex');

let workflowId = 0;
function deliver(
	raw: string,
	options: {
		parameters?: IDataObject;
		headers?: IDataObject;
		query?: IDataObject;
		staticData?: IDataObject;
	} = {},
) {
	const answered: { status?: number; body?: unknown } = {};
	const staticData = options.staticData ?? { secret: SECRET };
	const parameters: IDataObject = {
		event: 'comms',
		commsEvents: ['comms.sent', 'comms.delivered'],
		secret: URL_SECRET,
		secretIn: 'query',
		headerName: 'X-Qflow-Webhook-Secret',
		...options.parameters,
	};
	const context = {
		getRequestObject: () => ({ rawBody: Buffer.from(raw), query: options.query ?? {} }),
		getResponseObject: () => ({
			status: (status: number) => ({
				json: (json: unknown) => {
					answered.status = status;
					answered.body = json;
				},
			}),
		}),
		getHeaderData: () => options.headers ?? {},
		getBodyData: () => JSON.parse(raw),
		getNodeParameter: (name: string, fallback: unknown) => parameters[name] ?? fallback,
		getWorkflowStaticData: () => staticData,
		getWorkflow: () => ({ id: `wf${workflowId}` }),
		getNode: () => ({ name: 'Qflow Trigger' }),
	} as unknown as IWebhookFunctions;
	return { answered, staticData, result: new QflowTrigger().webhook.call(context) };
}

beforeEach(() => {
	fakeClock(NOW);
	workflowId += 1;
});

describe('Comms events (signed)', () => {
	// Spacing a re-serialisation would not reproduce: the signature is over these bytes.
	const raw =
		'{ "event": "comms.sent",  "attendeeInvitationId": "inv-1", "correlationId": "order-1" }';
	const signed = (t = nowSeconds, body = raw, secret = SECRET) => ({
		'x-qflow-signature': `t=${t},v1=${sign(t, body, secret)}`,
		'x-qflow-event': 'comms.sent',
	});

	test('a delivery signed over its raw bytes starts the workflow with the payload', async () => {
		const { result, answered } = deliver(raw, { headers: signed() });
		expect(await result).toEqual({
			workflowData: [
				[
					{
						json: { event: 'comms.sent', attendeeInvitationId: 'inv-1', correlationId: 'order-1' },
					},
				],
			],
		});
		expect(answered.status).toBeUndefined();
	});

	test.each([
		['forged (another secret)', () => signed(nowSeconds, raw, 'f'.repeat(64)), 'does not match'],
		[
			'signed over the re-serialised JSON',
			() => signed(nowSeconds, JSON.stringify(JSON.parse(raw))),
			'does not match',
		],
		['older than 5 minutes', () => signed(nowSeconds - 301), 'more than the 300 s allowed'],
		['unsigned', () => ({}), 'no X-Qflow-Signature header'],
		['malformed', () => ({ 'x-qflow-signature': 'sha256=abc' }), 'not t=<time>,v1=<signature>'],
	])('%s: 401 and nothing starts', async (_case, headers, message) => {
		const { result, answered } = deliver(raw, { headers: headers() });
		expect(await result).toEqual({ noWebhookResponse: true });
		expect(answered.status).toBe(401);
		expect((answered.body as IDataObject).message).toContain(message);
	});

	test('the same delivery twice starts one execution; a trigger without a secret refuses all', async () => {
		const headers = signed();
		expect(await deliver(raw, { headers }).result).toHaveProperty('workflowData');
		const again = deliver(raw, { headers });
		expect(await again.result).toEqual({ noWebhookResponse: true });
		expect((again.answered.body as IDataObject).message).toContain('replay');
		const unregistered = deliver(raw, { headers: signed(), staticData: {} });
		expect(await unregistered.result).toEqual({ noWebhookResponse: true });
		expect(unregistered.answered.status).toBe(401);
	});

	test('an event the trigger does not listen to is acknowledged with 200 and starts nothing', async () => {
		const opened = '{"event":"comms.opened","attendeeInvitationId":"inv-1"}';
		const { result, answered } = deliver(opened, { headers: signed(nowSeconds, opened) });
		expect(await result).toEqual({ noWebhookResponse: true });
		expect(answered.status).toBe(200);
	});
});

describe('Guest checked in (unsigned: the secret is the only lock)', () => {
	const payload = {
		Id: '7bc31757-5a82-4d7a-8767-bb508f6d3481',
		FirstName: 'Joe',
		LastName: 'Bloggs',
		Admitted: '2026-04-30T14:30:12Z',
		User: 'door.one',
		EventId: '4ef2891c-1e79-4c27-90b7-e2c20c8b13d9',
	};
	const raw = JSON.stringify(payload);
	const checkIn = { event: 'checkIn' };

	test('the secret in the query lets the documented payload through as the item', async () => {
		const { result } = deliver(raw, { parameters: checkIn, query: { secret: URL_SECRET } });
		expect(await result).toEqual({ workflowData: [[{ json: payload }]] });
	});

	test('the secret in the chosen header works the same', async () => {
		const { result } = deliver(raw, {
			parameters: { ...checkIn, secretIn: 'header' },
			headers: { 'x-qflow-webhook-secret': URL_SECRET },
		});
		expect(await result).toHaveProperty('workflowData');
	});

	test.each([
		['no secret', {}],
		['a wrong secret', { secret: 'u'.repeat(39) + 'x' }],
		['a shorter secret', { secret: 'u'.repeat(10) }],
	])('%s: 401 and nothing starts', async (_case, query) => {
		const { result, answered } = deliver(raw, { parameters: checkIn, query });
		expect(await result).toEqual({ noWebhookResponse: true });
		expect(answered.status).toBe(401);
	});

	test('a URL Secret shorter than 32 characters accepts nothing, not even itself', async () => {
		const { result, answered } = deliver(raw, {
			parameters: { ...checkIn, secret: 'short' },
			query: { secret: 'short' },
		});
		expect(await result).toEqual({ noWebhookResponse: true });
		expect((answered.body as IDataObject).message).toContain('shorter than 32');
	});
});
