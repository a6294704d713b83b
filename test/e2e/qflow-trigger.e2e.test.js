/**
 * The Qflow Trigger in a running n8n with its workflows active, against the Qflow sandbox:
 * - Guest checked in: the unsigned check-in webhook, let in only with the trigger's URL secret;
 * - Comms events: the trigger registers its URL on activation (POST comms/webhook), keeps the secret
 *   Qflow answers, checks every delivery's signature over the raw body and its age, and removes the
 *   registration on deactivation.
 * Each refused delivery answers 401 and starts no execution.
 */
const { startQflowMock, qflowCredential, QFLOW_SANDBOX, SEED_IDS } = require('../../sandbox/qflow');
const { startN8nServer } = require('../../tooling/n8nServer');
const { freePort, PACKAGE } = require('../../tooling/n8nHost');
const { createUserFolder } = require('./harness');

const TIMEOUT = 240_000;
const URL_SECRET = 'e2e-url-secret-0123456789abcdefghijklmnop';
const CHECK_IN_ID = 'qflow-checkin-e2e';
const COMMS_ID = 'qflow-comms-e2e';
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function triggerWorkflow(id, webhookId, parameters) {
	return {
		id,
		name: id,
		active: false,
		nodes: [
			{
				id: `${id}-t`,
				name: 'Qflow Trigger',
				type: `${PACKAGE}.qflowTrigger`,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				credentials: { qflowApi: { id: 'qflowSandbox', name: 'Qflow sandbox' } },
				parameters,
			},
			{
				id: `${id}-n`,
				name: 'Done',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [220, 0],
				parameters: {},
			},
		],
		connections: { 'Qflow Trigger': { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

async function until(what, check, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await pause(300);
	}
}

let mock;
let n8n;
let checkInUrl;
let commsUrl;

/** The items each execution's trigger emitted, oldest execution first. */
async function emitted(workflowId) {
	const executions = (await n8n.executions(workflowId)).sort((a, b) => Number(a.id) - Number(b.id));
	const runs = [];
	for (const { id } of executions) {
		const execution = await n8n.execution(id);
		runs.push(
			execution.data.resultData.runData['Qflow Trigger'][0].data.main[0].map((i) => i.json),
		);
	}
	return runs;
}

const post = (url, body, headers = {}) =>
	fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body),
	}).then((res) => res.status);

beforeAll(async () => {
	mock = await startQflowMock();
	n8n = await startN8nServer({
		userFolder: createUserFolder('qflow-trigger'),
		port: await freePort(),
		credentials: [{ id: 'qflowSandbox', name: 'Qflow sandbox', ...qflowCredential(mock) }],
		workflows: [
			triggerWorkflow('qflowCheckInTriggerE2e', CHECK_IN_ID, {
				event: 'checkIn',
				secretIn: 'query',
				secret: URL_SECRET,
			}),
			triggerWorkflow('qflowCommsTriggerE2e', COMMS_ID, {
				event: 'comms',
				commsEvents: ['comms.sent', 'comms.delivered', 'comms.bounced'],
			}),
		],
		publish: ['qflowCheckInTriggerE2e', 'qflowCommsTriggerE2e'],
	});
	await n8n.waitActive();
	checkInUrl = `${n8n.url}/webhook/${CHECK_IN_ID}/webhook`;
	commsUrl = `${n8n.url}/webhook/${COMMS_ID}/webhook`;
	// n8n lists a workflow as active a moment before its webhook answers (404 until then, our 401 after).
	await until('the webhooks to be registered', async () => {
		const statuses = await Promise.all([post(checkInUrl, {}), post(commsUrl, {})]);
		return statuses.every((status) => status === 401);
	});
}, TIMEOUT);

afterAll(async () => {
	await n8n?.stop();
	await mock?.close();
});

test(
	'Guest checked in: a scan fires the unsigned webhook to the URL with the secret, one execution with the documented payload; no secret, a wrong one, or a header instead start none',
	async () => {
		mock.setCheckInWebhook(`${checkInUrl}?secret=${URL_SECRET}`);
		const [kara] = [SEED_IDS.guests[4]];
		const admitted = mock.scan(kara, 'door.two');
		await mock.settleWebhooks();
		const payload = {
			Id: kara,
			FirstName: 'Kara',
			LastName: 'King',
			Email: 'kara.king@example.com',
			Barcode: admitted.barcode,
			Tags: '::Sessions:Day 1:Keynote',
			AdditionalInfo: null,
			Admitted: admitted.admitted,
			CreatedBy: 'Import (sandbox seed)',
			User: 'door.two',
			EventId: SEED_IDS.events[0],
		};
		const refused = {
			'no secret': await post(checkInUrl, payload),
			'wrong secret': await post(`${checkInUrl}?secret=${URL_SECRET.replace(/.$/, 'X')}`, payload),
			'secret in a header the trigger does not read': await post(checkInUrl, payload, {
				'x-qflow-webhook-secret': URL_SECRET,
			}),
		};
		expect(refused).toEqual({
			'no secret': 401,
			'wrong secret': 401,
			'secret in a header the trigger does not read': 401,
		});
		const runs = await until('the check-in execution', async () => {
			const all = await emitted('qflowCheckInTriggerE2e');
			return all.length >= 1 ? all : undefined;
		});
		await pause(2_000);
		console.log(
			`Qflow Trigger (check-in): ${JSON.stringify({ deliveries: 1 + Object.keys(refused).length, executions: (await emitted('qflowCheckInTriggerE2e')).length })}`,
		);
		expect(await emitted('qflowCheckInTriggerE2e')).toEqual([[payload]]);
		expect(runs[0][0]).toEqual(payload);
		mock.setCheckInWebhook(null);
	},
	TIMEOUT,
);

test(
	'Comms events: activation registered the URL; a real send gives its signed events; forged, stale, unsigned, tampered and re-serialised ones start none; deactivation removes the registration',
	async () => {
		// n8n gives Qflow the URL it builds from its own host name (localhost unless WEBHOOK_URL is set).
		expect(mock.state.commsWebhook).toEqual({
			url: expect.stringMatching(
				new RegExp(`:${new URL(commsUrl).port}/webhook/${COMMS_ID}/webhook$`),
			),
			secret: expect.any(String),
		});

		// A real send through the API: comms.sent, then comms.delivered, signed by the sandbox.
		const token = await fetch(`${mock.url}/core/connect/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'password',
				client_id: QFLOW_SANDBOX.clientId,
				client_secret: QFLOW_SANDBOX.clientSecret,
				scope: 'qflowapi openid offline_access',
				username: QFLOW_SANDBOX.username,
				password: QFLOW_SANDBOX.password,
			}),
		}).then((res) => res.json());
		const sent = await fetch(`${mock.url}/comms/v1/api/comms/send`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				authorization: `Bearer ${token.access_token}`,
				'ocp-apim-subscription-key': QFLOW_SANDBOX.subscriptionKey,
			},
			body: JSON.stringify({
				attendeeId: SEED_IDS.guests[0],
				templateId: SEED_IDS.template,
				correlationId: 'order-e2e-1',
			}),
		}).then((res) => res.json());
		await mock.settleWebhooks();

		const data = { attendeeInvitationId: 'inv-e2e', correlationId: 'order-e2e-2' };
		const now = Math.floor(Date.now() / 1000);
		const statuses = {
			signed: await mock.sendCommsWebhook({ event: 'comms.bounced', data, timestamp: now }),
			forged: await mock.sendCommsWebhook({ event: 'comms.sent', data, secret: 'f'.repeat(64) }),
			stale: await mock.sendCommsWebhook({ event: 'comms.sent', data, timestamp: now - 400 }),
			unsigned: await mock.sendCommsWebhook({ event: 'comms.sent', data, unsigned: true }),
			tampered: await mock.sendCommsWebhook({ event: 'comms.sent', data, tamper: true }),
			reserialised: await mock.sendCommsWebhook({ event: 'comms.sent', data, reserialise: true }),
			replayed: await mock.sendCommsWebhook({ event: 'comms.bounced', data, timestamp: now }),
			notListenedTo: await mock.sendCommsWebhook({ event: 'comms.opened', data }),
		};
		expect(statuses).toEqual({
			signed: 200,
			forged: 401,
			stale: 401,
			unsigned: 401,
			tampered: 401,
			reserialised: 401,
			replayed: 401,
			notListenedTo: 200,
		});
		const runs = await until('the three comms executions', async () => {
			const all = await emitted('qflowCommsTriggerE2e');
			return all.length >= 3 ? all : undefined;
		});
		await pause(2_000);
		const all = await emitted('qflowCommsTriggerE2e');
		console.log(
			`Qflow Trigger (comms): ${JSON.stringify({ deliveries: 2 + Object.keys(statuses).length, executions: all.length })}`,
		);
		expect(all).toHaveLength(3);
		expect(
			runs.map((run) => [run[0].event, run[0].attendeeInvitationId, run[0].correlationId]),
		).toEqual([
			['comms.sent', sent.attendeeInvitationId, 'order-e2e-1'],
			['comms.delivered', sent.attendeeInvitationId, 'order-e2e-1'],
			['comms.bounced', 'inv-e2e', 'order-e2e-2'],
		]);
		expect(JSON.stringify(all)).not.toContain(mock.state.commsWebhook.secret);

		const deactivated = await n8n.api(
			'POST',
			'/rest/workflows/qflowCommsTriggerE2e/deactivate',
			{},
		);
		expect(deactivated.status).toBe(200);
		await until('the registration to be removed', () => mock.state.commsWebhook === null);
	},
	TIMEOUT,
);
