/**
 * The example workflows of examples/ (what `npm start` imports, what a user starts from) run in a
 * real n8n against the sandboxes, as shipped: same nodes, parameters and credential ids. What each
 * one is for shows in the sandboxes afterwards: users created in Q-Hub with their locations, a CSV
 * file of yesterday's form entries, a Qflow user per completed Humanly interview with its SSO link,
 * Qflow guests from a registration sheet whose door scans reach the CRM step through the check-in
 * webhook (that part in an n8n of its own with the workflow active, as a user runs it).
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { startQHubMock, qhubCredential } = require('../../sandbox/qhub');
const { startQflowMock, qflowCredential, SEED_IDS } = require('../../sandbox/qflow');
const { startHumanlyMock, humanlyCredential, HUMANLY_SANDBOX } = require('../../sandbox/humanly');
const { startN8nServer } = require('../../tooling/n8nServer');
const { freePort } = require('../../tooling/n8nHost');
const { createN8n, createUserFolder } = require('./harness');

const TIMEOUT = 180_000;
const example = (file) =>
	JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', file), 'utf8'));
const DAY_MS = 24 * 60 * 60 * 1000;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(what, check, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await pause(300);
	}
}
let mocks;
let n8n;
let filesDir;

beforeAll(async () => {
	mocks = {
		qhub: await startQHubMock({ limit: 1000 }),
		qflow: await startQflowMock(),
		humanly: await startHumanlyMock(),
	};
	// The nightly example saves its file where n8n lets workflows write; here, a folder of the test's.
	filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-files-'));
	n8n = await createN8n('examples', { env: { N8N_RESTRICT_FILE_ACCESS_TO: filesDir } });
	// The credential ids and names the examples name, as `npm start` imports them.
	await n8n.importCredentials([
		{ id: 'qhubSandbox', name: 'Q-Hub sandbox', ...qhubCredential(mocks.qhub) },
		{ id: 'qflowSandbox', name: 'Qflow sandbox', ...qflowCredential(mocks.qflow) },
		{ id: 'humanlySandbox', name: 'Humanly sandbox', ...humanlyCredential(mocks.humanly) },
	]);
}, TIMEOUT);

afterAll(async () => {
	await Promise.all(Object.values(mocks ?? {}).map((mock) => mock.close()));
	if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
});

test('every example names the sandbox credentials by id and name, and has a sticky note', () => {
	const expected = {
		qHubApi: { id: 'qhubSandbox', name: 'Q-Hub sandbox' },
		qflowApi: { id: 'qflowSandbox', name: 'Qflow sandbox' },
		humanlyApi: { id: 'humanlySandbox', name: 'Humanly sandbox' },
	};
	for (const file of [
		'new-hires-to-qhub.json',
		'nightly-form-entries-to-csv.json',
		'humanly-interview-to-qflow-sso.json',
		'qflow-registrations-to-guests.json',
	]) {
		const workflow = example(file);
		expect(workflow.id.length).toBeLessThanOrEqual(21);
		const credentials = workflow.nodes.flatMap((node) => Object.entries(node.credentials ?? {}));
		expect(credentials.length).toBeGreaterThan(0);
		for (const [type, reference] of credentials) expect(reference).toEqual(expected[type]);
		expect(
			workflow.nodes.some(
				(node) =>
					node.type === 'n8n-nodes-base.stickyNote' &&
					/To use it for real/.test(node.parameters.content),
			),
		).toBe(true);
	}
});

test(
	'new hires from a spreadsheet: each row becomes a Q-Hub user with the locations of its sites',
	async () => {
		mocks.qhub.reset();
		const run = await n8n.run(example('new-hires-to-qhub.json'));
		run.assertSucceeded();
		expect(run.items('Create Q-Hub User')).toHaveLength(3);
		const users = [...mocks.qhub.state.users.values()]
			.filter((user) => user.email !== 'admin@example.com')
			.map(({ firstName, lastName, email, accessLevel, locationIds }) => ({
				firstName,
				lastName,
				email,
				accessLevel,
				locationIds,
			}))
			.sort((a, b) => a.email.localeCompare(b.email));
		expect(users).toEqual([
			{
				firstName: 'Alan',
				lastName: 'Turing',
				email: 'alan.turing@example.com',
				accessLevel: 'view',
				locationIds: ['loc_seed0002'],
			},
			{
				firstName: 'Grace',
				lastName: 'Hopper',
				email: 'grace.hopper@example.com',
				accessLevel: 'standard',
				locationIds: ['loc_seed0001'],
			},
			{
				firstName: 'Katherine',
				lastName: 'Johnson',
				email: 'katherine.johnson@example.com',
				accessLevel: 'standard',
				locationIds: ['loc_seed0001', 'loc_seed0002'],
			},
		]);
	},
	TIMEOUT,
);

test(
	"nightly form entries: yesterday's entries, and only those, end up in a CSV file",
	async () => {
		mocks.qhub.reset();
		const workflow = example('nightly-form-entries-to-csv.json');
		// The schedule fires only in a running n8n; the example's own "Run now" trigger starts the same chain.
		const schedule = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger');
		expect(schedule.parameters.rule.interval).toEqual([{ triggerAtHour: 1 }]);
		expect(workflow.connections[schedule.name].main[0][0].node).toBe("Yesterday's form entries");
		const save = workflow.nodes.find((node) => node.name === 'Save to disk');
		save.parameters.fileName = save.parameters.fileName.replace(
			'/home/node/.n8n-files/',
			`${filesDir}/`,
		);

		// Entries the sandbox did not seed: two from exactly one day ago (yesterday in any time zone), one
		// from two days ago and one from a minute ahead (today, or tomorrow just before midnight).
		const now = Date.now();
		const entry = (id, at) => ({
			id,
			formId: 'frm_incident',
			formName: 'Incident Report',
			submittedAt: new Date(at).toISOString(),
			submittedBy: { id: 'usr_admin001', name: 'Ada Admin' },
			locationId: 'loc_seed0001',
			answers: { severity: 'low', description: `entry ${id}`, injuryReported: false },
		});
		mocks.qhub.state.formEntries.push(
			entry('fe_yesterday_1', now - DAY_MS),
			entry('fe_yesterday_2', now - DAY_MS),
			entry('fe_two_days_ago', now - 2 * DAY_MS),
			entry('fe_today', now + 60_000),
		);

		const run = await n8n.run(workflow);
		run.assertSucceeded();
		const listed = mocks.qhub.requests.filter(
			(request) => request.method === 'GET' && request.path.endsWith('/form-entries'),
		);
		expect(listed.length).toBeGreaterThan(0);
		const files = fs
			.readdirSync(filesDir)
			.filter((file) => /^qhub-form-entries-\d{4}-\d{2}-\d{2}\.csv$/.test(file));
		expect(files).toHaveLength(1);
		const rows = fs.readFileSync(path.join(filesDir, files[0]), 'utf8').trim().split('\n');
		expect(rows[0]).toContain('answers.severity');
		expect(
			rows
				.slice(1)
				.map((row) => row.split(',')[0])
				.sort(),
		).toEqual(['fe_yesterday_1', 'fe_yesterday_2']);
	},
	TIMEOUT,
);

test.each(['newer', 'older'])(
	'a completed Humanly interview (polling variant, invite list as the %s pages answer it): a Qflow user per candidate with a new response, and an SSO link for each',
	async (docs) => {
		mocks.humanly.reset();
		mocks.humanly.setDocs(docs);
		mocks.qflow.reset();
		// Three invites through the public API; two candidates answer, one has not yet.
		const [first, second, third] = HUMANLY_SANDBOX.candidateIds;
		const humanly = async (method, route, body) => {
			const response = await fetch(`${mocks.humanly.url}${route}`, {
				method,
				headers: { 'content-type': 'application/json', 'x-api-key': HUMANLY_SANDBOX.apiKey },
				body: JSON.stringify(body),
			});
			if (!response.ok)
				throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
			return (await response.json()).data;
		};
		const invites = [];
		for (const candidateId of [first, second, third]) {
			invites.push(
				await humanly('POST', '/qsi/gather/candidate-interviews', {
					candidateId,
					interviewId: HUMANLY_SANDBOX.interviewIds[0],
					deliveryTypes: ['email'],
				}),
			);
		}
		for (const invite of invites.slice(0, 2))
			await humanly('PATCH', `/qsi/gather/candidate-interviews/${invite.id}/status`, {
				status: 'new_response',
			});
		const candidates = await Promise.all(
			[first, second].map((id) => humanly('GET', `/qsi/gather/candidates/${id}`)),
		);

		const run = await n8n.run(example('humanly-interview-to-qflow-sso.json'));
		run.assertSucceeded();
		const qflowUsers = [...mocks.qflow.state.users.values()];
		const created = candidates.map((candidate) =>
			qflowUsers.find((user) => user.email.toLowerCase() === candidate.email.toLowerCase()),
		);
		expect(created.map((user) => user && [user.firstName, user.lastName])).toEqual(
			candidates.map((candidate) => [candidate.firstName, candidate.lastName]),
		);
		const links = run.items('iFrame SSO Link');
		expect(links.map((link) => link.userId).sort()).toEqual(created.map((user) => user.id).sort());
		for (const link of links)
			expect(link.link).toMatch(/^https:\/\/acme\.qflowhub\.io\/sso\?successUrl=.+&token=.+/);
		// The webhook variant's trigger is what the example starts from; the run went through the
		// polling variant, and nothing ran from the trigger.
		expect(run.runData['Humanly Trigger']).toBeUndefined();
	},
	TIMEOUT,
);

test(
	'a completed Humanly interview (webhook variant): the active example takes the sandbox’s signed delivery through the Humanly Trigger to a Qflow user and an SSO link',
	async () => {
		mocks.humanly.reset();
		mocks.qflow.reset();
		const { server } = n8n;
		const data = (answer) => answer.json?.data ?? answer.json;
		// The example as a user imports it, with the ids n8n gave the sandbox credentials.
		const credentials = data(await server.api('GET', '/rest/credentials'));
		const idOf = (name) => credentials.find((credential) => credential.name === name).id;
		const workflow = example('humanly-interview-to-qflow-sso.json');
		const { id: _id, active: _active, ...rest } = workflow;
		const nodes = workflow.nodes.map((node) =>
			node.credentials
				? {
						...node,
						credentials: Object.fromEntries(
							Object.entries(node.credentials).map(([type, reference]) => [
								type,
								{ ...reference, id: idOf(reference.name) },
							]),
						),
					}
				: node,
		);
		const saved = data(await server.api('POST', '/rest/workflows', { ...rest, nodes }));
		await server.api('POST', `/rest/workflows/${saved.id}/activate`, {
			versionId: saved.versionId,
		});
		try {
			const trigger = workflow.nodes.find((node) => node.name === 'Humanly Trigger');
			const url = `${server.url}/webhook/${trigger.webhookId}/webhook`;
			// The webhook answers 404 until n8n has registered it, then 401 to an unsigned delivery.
			await until('the example’s webhook to be registered', async () => {
				const probe = await fetch(url, { method: 'POST', body: '{}' });
				return probe.status === 401;
			});
			// What Humanly's team does on request: the URL completed interviews are sent to.
			mocks.humanly.registerWebhook(url);
			const [candidateId] = HUMANLY_SANDBOX.candidateIds;
			const response = await fetch(`${mocks.humanly.url}/qsi/gather/candidate-interviews`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-api-key': HUMANLY_SANDBOX.apiKey },
				body: JSON.stringify({ candidateId, interviewId: HUMANLY_SANDBOX.interviewIds[0] }),
			});
			const invite = (await response.json()).data;
			mocks.humanly.completeInterview(invite.id);
			await mocks.humanly.settleWebhooks();
			const candidate = mocks.humanly.state.candidates.get(candidateId);
			const user = await until('the Qflow user of the candidate', async () =>
				[...mocks.qflow.state.users.values()].find(
					(entry) => entry.email.toLowerCase() === candidate.email.toLowerCase(),
				),
			);
			expect([user.firstName, user.lastName]).toEqual([candidate.firstName, candidate.lastName]);
			// The execution the delivery started ends with the user's SSO link.
			const links = await until('the execution to end with an SSO link', async () => {
				for (const { id } of await server.executions(saved.id)) {
					const run = (await server.execution(id)).data?.resultData?.runData?.['iFrame SSO Link'];
					if (run) return run[0].data.main[0].map((item) => item.json);
				}
				return undefined;
			});
			expect(links).toEqual([
				expect.objectContaining({
					userId: user.id,
					link: expect.stringMatching(/^https:\/\/acme\.qflowhub\.io\/sso\?successUrl=.+&token=.+/),
				}),
			]);
		} finally {
			mocks.humanly.registerWebhook(null);
			await server.api('POST', `/rest/workflows/${saved.id}/deactivate`, {});
		}
	},
	TIMEOUT,
);

test('the interview example starts from the Humanly Trigger (completed interviews) and keeps the polling variant', () => {
	const workflow = example('humanly-interview-to-qflow-sso.json');
	const trigger = workflow.nodes.find((node) => node.name === 'Humanly Trigger');
	expect(trigger).toMatchObject({
		type: 'n8n-nodes-qhub-qflow-humanly.humanlyTrigger',
		parameters: { events: ['candidate_interview.completed'] },
	});
	expect(workflow.connections['Humanly Trigger'].main[0][0].node).toBe('Get Candidate');
	expect(workflow.connections['Completed Interviews'].main[0][0].node).toBe('Get Candidate');
});

test(
	'registrations to Qflow guests: each row becomes one guest of the event under a GUID of its registration number, a second run adds none; a door scan reaches the CRM step, a delivery without the secret starts nothing',
	async () => {
		const qflow = mocks.qflow;
		qflow.reset();
		const workflow = example('qflow-registrations-to-guests.json');
		const upsert = workflow.nodes.find((node) => node.name === 'Create or Update Guest');
		const event = upsert.parameters.eventId.value;
		expect(event).toBe(SEED_IDS.events[2]);
		const guestsOfEvent = () =>
			[...qflow.state.guests.values()]
				.filter((guest) => guest.eventId === event)
				.map(({ id, firstName, lastName, email, tags, plusOnes, customId }) => ({
					id,
					firstName,
					lastName,
					email,
					tags,
					plusOnes,
					customId,
				}))
				.sort((a, b) => a.customId.localeCompare(b.customId));
		// The example's Guest ID: the MD5 of the registration number, written as a GUID.
		const guestId = (registration) => {
			const hash = crypto.createHash('md5').update(`registration ${registration}`).digest('hex');
			return [
				hash.slice(0, 8),
				hash.slice(8, 12),
				`4${hash.slice(13, 16)}`,
				`8${hash.slice(17, 20)}`,
				hash.slice(20, 32),
			].join('-');
		};
		const expected = [
			['R-1001', 'Ada', 'Lovelace', 'VIP, {tickettype}Main Entry', 1],
			['R-1002', 'Charles', 'Babbage', '{tickettype}Main Entry', 0],
			['R-1003', 'Mary', 'Somerville', '{tickettype}Day Pass, {merch}T-Shirt M', 0],
		].map(([customId, firstName, lastName, tags, plusOnes]) => ({
			id: guestId(customId),
			firstName,
			lastName,
			email: `${firstName}.${lastName}@example.com`.toLowerCase(),
			tags,
			plusOnes,
			customId,
		}));

		const run = await n8n.run(workflow);
		run.assertSucceeded();
		expect(run.items('Create or Update Guest').map((guest) => guest.id)).toEqual(
			expected.map((guest) => guest.id),
		);
		expect(guestsOfEvent()).toEqual(expected);
		const again = await n8n.run(workflow);
		again.assertSucceeded();
		expect(guestsOfEvent()).toEqual(expected);

		// The check-in part, active in an n8n of its own with the URL secret a user sets.
		const secret = 'example-e2e-url-secret-0123456789abcdefghij';
		const trigger = workflow.nodes.find((node) => node.name === 'Qflow Trigger');
		trigger.parameters.secret = secret;
		const server = await startN8nServer({
			userFolder: createUserFolder('examples-checkin'),
			port: await freePort(),
			credentials: [{ id: 'qflowSandbox', name: 'Qflow sandbox', ...qflowCredential(qflow) }],
			workflows: [workflow],
			publish: [workflow.id],
		});
		try {
			await server.waitActive();
			const url = `${server.url}/webhook/${trigger.webhookId}/webhook`;
			const refused = [];
			const deliver = async (target) => {
				const status = await qflow.sendCheckInWebhook({
					url: target,
					payload: { Id: expected[1].id },
				});
				if (status === 401) refused.push(target);
				return status;
			};
			// n8n lists a workflow as active a moment before its webhook answers (404, then the trigger's 401).
			await until('the check-in webhook', async () => (await deliver(url)) === 401);
			expect(await deliver(`${url}?secret=${secret.replace(/.$/, 'X')}`)).toBe(401);

			qflow.setCheckInWebhook(`${url}?secret=${secret}`);
			const admitted = qflow.scan(expected[0].id, 'door.two');
			await qflow.settleWebhooks();
			const finished = await until('the check-in execution', async () => {
				const executions = await server.executions(workflow.id);
				const ended = ['success', 'error', 'crashed', 'canceled'];
				return executions.length > 0 && executions.every((e) => ended.includes(e.status))
					? executions
					: undefined;
			});
			// The refused deliveries (Charles, without or with a wrong secret) started none.
			expect(finished).toHaveLength(1);
			const execution = await server.execution(finished[0].id);
			const crm = execution.data.resultData.runData['Check-in for the CRM'][0].data.main[0];
			expect(crm.map((item) => item.json)).toEqual([
				{
					email: 'ada.lovelace@example.com',
					name: 'Ada Lovelace',
					qflowGuestId: expected[0].id,
					qflowEventId: event,
					checkedInAt: admitted.admitted,
					checkedInBy: 'door.two',
					tags: 'VIP, {tickettype}Main Entry',
				},
			]);
			console.log(
				`Qflow example check-in: ${JSON.stringify({ deliveries: { refused: refused.length, scanned: 1 }, executions: finished.length, crm: crm[0].json })}`,
			);
		} finally {
			qflow.setCheckInWebhook(null);
			await server.stop();
		}
	},
	TIMEOUT + 120_000,
);
