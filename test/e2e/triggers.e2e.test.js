/**
 * Both triggers in a running n8n with their workflows active: the Q-Hub Trigger polling the sandbox
 * every 5 s, the Humanly Trigger receiving signed deliveries from the Humanly sandbox.
 */
const { startQHubMock, qhubCredential } = require('../../sandbox/qhub');
const { startHumanlyMock, humanlyCredential, HUMANLY_SANDBOX } = require('../../sandbox/humanly');
const { startN8nServer } = require('../../tooling/n8nServer');
const { freePort, PACKAGE, line } = require('../../tooling/n8nHost');
const { createUserFolder } = require('./harness');

const TIMEOUT = 240_000;
// n8n 2.41 refuses to activate a poll more often than once a minute ("The polling interval is too
// short"); 2.8 polls every 5 s, which keeps this test short where it is allowed.
const POLL =
	line === 'current'
		? { times: { mode: 'everyMinute' }, ms: 60_000 }
		: { times: { mode: 'custom', cronExpression: '0-59/5 * * * * *' }, ms: 5_000 };
const POLL_WAIT = 2 * POLL.ms + 30_000;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function triggerWorkflow(id, trigger) {
	return {
		id,
		name: id,
		active: false,
		nodes: [
			{ id: `${id}-t`, position: [0, 0], typeVersion: 1, ...trigger },
			{
				id: `${id}-n`,
				name: 'Done',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [220, 0],
				parameters: {},
			},
		],
		connections: { [trigger.name]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** The items each execution's trigger emitted, oldest execution first. */
async function emitted(n8n, workflowId, triggerName) {
	const executions = (await n8n.executions(workflowId)).sort((a, b) => Number(a.id) - Number(b.id));
	const runs = [];
	for (const { id } of executions) {
		const execution = await n8n.execution(id);
		const run = execution.data.resultData.runData[triggerName];
		runs.push(run[0].data.main[0].map((item) => item.json));
	}
	return runs;
}

async function until(what, check, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await pause(500);
	}
}

describe('Q-Hub Trigger', () => {
	let mock;
	let n8n;
	const polls = () =>
		mock.requests.filter((request) => request.method === 'GET' && request.path === '/form-entries');

	beforeAll(async () => {
		mock = await startQHubMock({ limit: 1000 });
		n8n = await startN8nServer({
			userFolder: createUserFolder('qhub-trigger'),
			port: await freePort(),
			credentials: [{ id: 'qhubSandbox', name: 'Q-Hub sandbox', ...qhubCredential(mock) }],
			workflows: [
				triggerWorkflow('qhubTriggerE2e', {
					name: 'Q-Hub Trigger',
					type: `${PACKAGE}.qHubTrigger`,
					credentials: { qHubApi: { id: 'qhubSandbox', name: 'Q-Hub sandbox' } },
					parameters: {
						pollTimes: { item: [POLL.times] },
						event: 'formEntry',
						formId: 'frm_audit',
					},
				}),
			],
			publish: ['qhubTriggerE2e'],
		});
		await n8n.waitActive();
	}, TIMEOUT);

	afterAll(async () => {
		await n8n?.stop();
		await mock?.close();
	});

	test(
		'entries added between polls come out once, in order, a quiet poll costs one request, and a restart keeps the cursor',
		async () => {
			// The activation poll starts from now: the 120 seeded entries are history.
			await until('the activation poll', () => polls().length >= 1, POLL_WAIT);
			const base = Date.now();
			const at = (ms) => new Date(base + ms).toISOString();
			// Two share a timestamp; one of another form must not come out.
			mock.addFormEntry({ formId: 'frm_audit', submittedAt: at(0), answers: { score: 91 } });
			mock.addFormEntry({ formId: 'frm_audit', submittedAt: at(0), answers: { score: 77 } });
			mock.addFormEntry({ formId: 'frm_incident', submittedAt: at(0) });
			const first = await until(
				'the first emitting poll',
				async () =>
					(await emitted(n8n, 'qhubTriggerE2e', 'Q-Hub Trigger')).length >= 1
						? emitted(n8n, 'qhubTriggerE2e', 'Q-Hub Trigger')
						: undefined,
				POLL_WAIT,
			);
			expect(first).toHaveLength(1);
			expect(first[0].map((entry) => entry.answers.score)).toEqual([91, 77]);

			// A quiet poll: one request, nothing emitted.
			const quietFrom = polls().length;
			await until('a quiet poll', () => polls().length >= quietFrom + 1, POLL_WAIT);
			expect((await emitted(n8n, 'qhubTriggerE2e', 'Q-Hub Trigger')).length).toBe(1);

			// One arrives late, dated before the newest already emitted, then a newer one.
			mock.addFormEntry({ formId: 'frm_audit', submittedAt: at(-2_000), answers: { score: 60 } });
			mock.addFormEntry({ formId: 'frm_audit', submittedAt: at(1_000), answers: { score: 88 } });
			const second = await until(
				'the second emitting poll',
				async () => {
					const runs = await emitted(n8n, 'qhubTriggerE2e', 'Q-Hub Trigger');
					return runs.length >= 2 ? runs : undefined;
				},
				POLL_WAIT,
			);
			expect(second[1].map((entry) => entry.answers.score)).toEqual([60, 88]);

			await n8n.restart();
			await n8n.waitActive(['qhubTriggerE2e']);
			mock.addFormEntry({ formId: 'frm_audit', answers: { score: 99 } });
			const afterRestart = await until(
				'a poll after the restart',
				async () => {
					const runs = await emitted(n8n, 'qhubTriggerE2e', 'Q-Hub Trigger');
					return runs.length >= 3 ? runs : undefined;
				},
				POLL_WAIT,
			);
			await pause(POLL.ms + 1_000);
			const all = await emitted(n8n, 'qhubTriggerE2e', 'Q-Hub Trigger');
			expect(afterRestart[2].map((entry) => entry.answers.score)).toEqual([99]);
			const ids = all.flat().map((entry) => entry.id);
			const added = mock.state.formEntries.filter(
				(entry) => entry.formId === 'frm_audit' && Date.parse(entry.submittedAt) >= base - 2_000,
			);
			const figures = {
				polls: polls().length,
				executions: all.length,
				emitted: ids.length,
				duplicates: ids.length - new Set(ids).size,
				skipped: added.filter((entry) => !ids.includes(entry.id)).length,
			};
			console.log(`Q-Hub Trigger: ${JSON.stringify(figures)}`);
			expect(figures).toMatchObject({ emitted: 5, duplicates: 0, skipped: 0 });
			// Every poll is one request: nothing here needed a second page.
			expect(
				mock.requests.filter(
					(request) => request.path === '/form-entries' && request.query.page !== '1',
				),
			).toEqual([]);
		},
		TIMEOUT + 6 * POLL_WAIT,
	);
});

describe('Humanly Trigger', () => {
	let mock;
	let n8n;
	let url;
	const WEBHOOK_ID = 'humanly-trigger-e2e';

	beforeAll(async () => {
		mock = await startHumanlyMock();
		n8n = await startN8nServer({
			userFolder: createUserFolder('humanly-trigger'),
			port: await freePort(),
			credentials: [{ id: 'humanlySandbox', name: 'Humanly sandbox', ...humanlyCredential(mock) }],
			workflows: [
				triggerWorkflow('humanlyTriggerE2e', {
					name: 'Humanly Trigger',
					type: `${PACKAGE}.humanlyTrigger`,
					webhookId: WEBHOOK_ID,
					credentials: { humanlyApi: { id: 'humanlySandbox', name: 'Humanly sandbox' } },
					parameters: {
						events: ['candidate_interview.completed', 'candidate_interview.status_changed'],
					},
				}),
			],
			publish: ['humanlyTriggerE2e'],
		});
		await n8n.waitActive();
		url = `${n8n.url}/webhook/${WEBHOOK_ID}/webhook`;
		// n8n lists a workflow as active a moment before its webhook answers: an unsigned delivery
		// answers 404 until then, and our 401 after (it starts nothing).
		await until(
			'the webhook to be registered',
			async () =>
				(
					await fetch(url, {
						method: 'POST',
						body: '{}',
						headers: { 'content-type': 'application/json' },
					})
				).status === 401,
		);
	}, TIMEOUT);

	afterAll(async () => {
		await n8n?.stop();
		await mock?.close();
	});

	test(
		'one signed delivery starts one execution with the payload (t in seconds or milliseconds); forged, tampered, unsigned, stale, duplicate and empty ones start none',
		async () => {
			const data = { candidateInterviewId: 'ci-e2e-1', candidateId: 'c-1', status: 'new_response' };
			const now = Math.floor(Date.now() / 1000);
			const statuses = {
				signed: await mock.sendWebhook({
					url,
					event: 'candidate_interview.completed',
					data,
					timestamp: now,
				}),
				forged: await mock.sendWebhook({
					url,
					event: 'candidate_interview.completed',
					data,
					secret: 'whsec_not_the_secret',
				}),
				tampered: await mock.sendWebhook({
					url,
					event: 'candidate_interview.completed',
					data,
					tamper: true,
				}),
				unsigned: await mock.sendWebhook({
					url,
					event: 'candidate_interview.completed',
					data,
					unsigned: true,
				}),
				replayedOld: await mock.sendWebhook({
					url,
					event: 'candidate_interview.completed',
					data,
					timestamp: now - 600,
				}),
				replayedSame: await mock.sendWebhook({
					url,
					event: 'candidate_interview.completed',
					data,
					timestamp: now,
				}),
				notListenedTo: await mock.sendWebhook({
					url,
					event: 'interview.created',
					data: { id: 'i-1' },
				}),
				emptyBody: await mock.sendWebhook({
					url,
					event: 'candidate_interview.completed',
					body: '',
				}),
				inMilliseconds: await mock.sendWebhook({
					url,
					event: 'candidate_interview.status_changed',
					data: { ...data, status: 'hired' },
					unit: 'ms',
				}),
			};
			// A duplicate is acknowledged (Humanly then counts it delivered) and starts nothing.
			expect(statuses).toEqual({
				signed: 200,
				forged: 401,
				tampered: 401,
				unsigned: 401,
				replayedOld: 401,
				replayedSame: 200,
				notListenedTo: 200,
				emptyBody: 400,
				inMilliseconds: 200,
			});
			await pause(3_000);
			const runs = await emitted(n8n, 'humanlyTriggerE2e', 'Humanly Trigger');
			console.log(
				`Humanly Trigger executions: ${JSON.stringify({ signed: runs.length, deliveries: Object.keys(statuses).length })}`,
			);
			expect(runs).toEqual([
				[
					{
						...data,
						event: 'candidate_interview.completed',
						timestamp: new Date(now * 1000).toISOString(),
					},
				],
				[expect.objectContaining({ event: 'candidate_interview.status_changed', status: 'hired' })],
			]);
			expect(JSON.stringify(runs)).not.toContain(HUMANLY_SANDBOX.webhookSecret);
		},
		TIMEOUT,
	);

	test(
		'once its URL is registered (PUT /__sandbox/webhook-url, open to a user of npm start), the sandbox fires the trigger itself when an interview is completed',
		async () => {
			const registered = await fetch(`${mock.url}/__sandbox/webhook-url`, {
				method: 'PUT',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ url }),
			});
			expect(registered.status).toBe(200);
			const invite = await fetch(`${mock.url}/qsi/gather/candidate-interviews`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-api-key': HUMANLY_SANDBOX.apiKey },
				body: JSON.stringify({
					candidateId: HUMANLY_SANDBOX.candidateIds[0],
					interviewId: HUMANLY_SANDBOX.interviewIds[0],
					deliveryTypes: ['email'],
				}),
			});
			const candidateInterviewId = (await invite.json()).data.id;
			const before = (await n8n.executions('humanlyTriggerE2e')).length;
			mock.completeInterview(candidateInterviewId);
			await mock.settleWebhooks();
			const runs = await until('the completed-interview execution', async () => {
				const all = await emitted(n8n, 'humanlyTriggerE2e', 'Humanly Trigger');
				return all.length > before ? all : undefined;
			});
			expect(runs[runs.length - 1][0]).toMatchObject({
				event: 'candidate_interview.completed',
				candidateInterviewId,
			});
			mock.registerWebhook(null);
		},
		TIMEOUT,
	);
});
