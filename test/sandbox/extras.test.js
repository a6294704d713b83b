'use strict';
/** What the triggers' tests need from the mocks: Q-Hub's catalogues and new entries, Humanly's signed webhooks. */
const http = require('node:http');
const crypto = require('node:crypto');
const { startQHubMock, QHUB_SANDBOX } = require('../../sandbox/qhub');
const { startHumanlyMock, HUMANLY_SANDBOX } = require('../../sandbox/humanly');

describe('Q-Hub forms, processes and new entries', () => {
	const NOW = Date.parse('2026-06-01T12:00:00.000Z');
	let mock;
	const get = async (path) => {
		const res = await fetch(`${mock.url}${path}`, {
			headers: { 'x-api-key': QHUB_SANDBOX.apiKey, 'x-api-secret': QHUB_SANDBOX.apiSecret },
		});
		return { status: res.status, body: await res.json() };
	};
	const postSandbox = (path, body) =>
		fetch(new URL(`/__sandbox/${path}`, mock.url), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
	beforeAll(async () => {
		mock = await startQHubMock({ now: () => NOW, limit: 1000 });
	});
	afterAll(() => mock.close());
	beforeEach(() => mock.reset());

	test('GET /forms and /processes page the catalogues like the other lists', async () => {
		expect((await get('/forms')).body).toEqual({
			data: [
				{ id: 'frm_incident', name: 'Incident Report' },
				{ id: 'frm_audit', name: 'Site Audit' },
				{ id: 'frm_training', name: 'Training Sign-off' },
			],
			meta: { page: 1, perPage: 25, total: 3, totalPages: 1 },
		});
		expect((await get('/forms?perPage=2&page=2')).body.data).toEqual([
			{ id: 'frm_training', name: 'Training Sign-off' },
		]);
		expect((await get('/processes')).body.data).toEqual([
			{ id: 'prc_onboarding', name: 'Onboarding' },
			{ id: 'prc_capa', name: 'Corrective Action' },
		]);
		expect((await get('/processes?perPage=500')).status).toBe(400);
	});

	test('addFormEntry continues the fe_ numbering, files the entry at now, and the list finds it', async () => {
		const entry = mock.addFormEntry({ formId: 'frm_audit', answers: { score: 90 } });
		expect(entry).toEqual({
			id: 'fe_00000121',
			formId: 'frm_audit',
			formName: 'Site Audit',
			submittedAt: '2026-06-01T12:00:00.000Z',
			submittedBy: { id: 'usr_admin001', name: 'Ada Admin' },
			locationId: null,
			answers: { score: 90 },
		});
		const found = await get('/form-entries?from=2026-06-01T12:00:00Z&to=2026-06-01T12:00:00Z');
		expect(found.body.data).toEqual([entry]);
		expect(mock.addFormEntry({ formId: 'frm_incident' }).answers).toEqual(
			expect.objectContaining({ severity: expect.any(String) }),
		);
	});

	test('entries stay sorted by date, then id, whatever order they are added in', async () => {
		const late = mock.addFormEntry({ formId: 'frm_audit', submittedAt: '2026-01-05T09:00:00Z' });
		const early = mock.addFormEntry({ formId: 'frm_audit', submittedAt: '2026-01-05T08:00:00Z' });
		const tie = mock.addFormEntry({
			formId: 'frm_incident',
			submittedAt: '2026-01-05T09:00:00.000Z',
		});
		const day = (await get('/form-entries?from=2026-01-05&to=2026-01-05')).body.data.map(
			(e) => e.id,
		);
		expect(day).toEqual([early.id, 'fe_00000005', late.id, tie.id]);
		expect(mock.state.formEntries.map((e) => e.id).slice(3, 7)).toEqual([
			'fe_00000004',
			early.id,
			'fe_00000005',
			late.id,
		]);
	});

	test('addProcessEntry: pe_ numbering, status open by default, completedAt for a closed one', async () => {
		expect(
			mock.addProcessEntry({ processId: 'prc_capa', fields: { issue: 'Leak' } }),
		).toMatchObject({
			id: 'pe_00000046',
			processName: 'Corrective Action',
			status: 'open',
			createdAt: '2026-06-01T12:00:00.000Z',
			completedAt: null,
			fields: { issue: 'Leak' },
		});
		const closed = mock.addProcessEntry({
			processId: 'prc_onboarding',
			status: 'closed',
			createdAt: '2026-02-01T10:00:00Z',
		});
		expect(closed).toMatchObject({ id: 'pe_00000047', completedAt: '2026-02-01T10:00:00.000Z' });
		expect(
			(
				await get('/process-entries?processId=prc_onboarding&from=2026-01-31&to=2026-02-01')
			).body.data.map((e) => e.id),
		).toEqual(['pe_00000031', 'pe_00000047']);
	});

	test('bad input throws the validation error naming every field', () => {
		expect(() =>
			mock.addFormEntry({ formId: 'frm_nope', submittedAt: 'yesterday', answers: [] }),
		).toThrow(
			/formId must be one of frm_incident, frm_audit, frm_training; submittedAt must be an ISO 8601 .*; answers must be an object/,
		);
		expect(() => mock.addProcessEntry({ processId: 'prc_capa', status: 'done' })).toThrow(
			/status must be one of closed, in_progress, open/,
		);
	});

	test('POST /__sandbox/form-entries and /process-entries do the same from another process', async () => {
		const res = await postSandbox('form-entries', {
			formId: 'frm_training',
			submittedAt: '2026-05-01T00:00:00Z',
		});
		expect(res.status).toBe(201);
		expect(await res.json()).toMatchObject({
			id: 'fe_00000121',
			formId: 'frm_training',
			submittedAt: '2026-05-01T00:00:00.000Z',
		});
		expect((await postSandbox('process-entries', { processId: 'prc_capa' })).status).toBe(201);
		const bad = await postSandbox('form-entries', {});
		expect([bad.status, (await bad.json()).error]).toEqual([
			400,
			expect.stringMatching(/formId must be one of/),
		]);
		expect(mock.requests).toEqual([]);
	});
});

/** A webhook receiver that records each delivery's raw body and headers and answers `status`. */
async function startReceiver() {
	const received = [];
	const waiting = [];
	const receiver = { received, status: 200 };
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			received.push({ raw: Buffer.concat(chunks), headers: req.headers });
			res.writeHead(receiver.status).end();
			waiting.splice(0).forEach((resolve) => resolve());
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	receiver.url = `http://127.0.0.1:${server.address().port}/webhook`;
	receiver.next = () => new Promise((resolve) => waiting.push(resolve));
	receiver.close = () => new Promise((resolve) => server.close(resolve));
	return receiver;
}

/** The receiver's check, as the docs describe it: HMAC-SHA256 over `<t>.<raw body>`. */
function verify({ raw, headers }, secret = HUMANLY_SANDBOX.webhookSecret) {
	const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(headers['x-qualifi-signature'] ?? '');
	if (!match) return false;
	const expected = crypto
		.createHmac('sha256', secret)
		.update(`${match[1]}.`)
		.update(raw)
		.digest('hex');
	return crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(match[2]));
}

describe('Humanly webhooks', () => {
	const NOW = Date.parse('2025-03-01T12:00:00.000Z');
	let mock;
	let receiver;
	beforeAll(async () => {
		mock = await startHumanlyMock({ now: () => NOW });
		receiver = await startReceiver();
	});
	afterAll(async () => {
		await mock.close();
		await receiver.close();
	});
	beforeEach(async () => {
		await mock.settleWebhooks();
		mock.reset();
		mock.registerWebhook(null);
		receiver.received.length = 0;
		receiver.status = 200;
	});

	test('sendWebhook signs { event, timestamp, data } and resolves with the receiver status', async () => {
		expect(HUMANLY_SANDBOX.webhookSecret).toMatch(/^whsec_sandbox_/);
		receiver.status = 202;
		const status = await mock.sendWebhook({
			event: 'interview.created',
			data: { id: 'i1' },
			url: receiver.url,
		});
		expect(status).toBe(202);
		const [delivery] = receiver.received;
		expect(JSON.parse(delivery.raw)).toEqual({
			event: 'interview.created',
			timestamp: '2025-03-01T12:00:00.000Z',
			data: { id: 'i1' },
		});
		expect(delivery.headers['x-qualifi-signature']).toMatch(new RegExp(`^t=${NOW / 1000},v1=`));
		expect(delivery.headers['content-type']).toBe('application/json');
		expect(verify(delivery)).toBe(true);
		expect(mock.counters.webhooksSent).toBe(1);
	});

	test('tamper, unsigned, another secret and an old timestamp are what a receiver must refuse', async () => {
		mock.registerWebhook(receiver.url);
		const event = 'question.audio_generated';
		await mock.sendWebhook({ event, data: { questionId: 'q1' }, tamper: true });
		await mock.sendWebhook({ event, data: {}, unsigned: true });
		await mock.sendWebhook({ event, data: {}, secret: 'whsec_wrong' });
		await mock.sendWebhook({ event, data: {}, timestamp: NOW / 1000 - 3600 });
		const [tampered, unsigned, wrongSecret, old] = receiver.received;
		expect(JSON.parse(tampered.raw).data).toEqual({ questionId: 'q1', tampered: true });
		expect(verify(tampered)).toBe(false);
		expect(unsigned.headers['x-qualifi-signature']).toBeUndefined();
		expect(verify(wrongSecret)).toBe(false);
		expect(verify(wrongSecret, 'whsec_wrong')).toBe(true);
		expect(verify(old)).toBe(true);
		expect(old.headers['x-qualifi-signature']).toMatch(new RegExp(`^t=${NOW / 1000 - 3600},`));
		expect(JSON.parse(old.raw).timestamp).toBe('2025-03-01T11:00:00.000Z');
	});

	test('an undocumented event or no URL is refused', async () => {
		await expect(
			mock.sendWebhook({ event: 'candidate.created', url: receiver.url }),
		).rejects.toThrow(/event must be one of/);
		await expect(mock.sendWebhook({ event: 'interview.updated' })).rejects.toThrow(
			/registerWebhook/,
		);
	});

	test('completeInterview and a status change through the API send their events to the registered URL', async () => {
		const api = (method, path, body) =>
			fetch(`${mock.url}/qsi/gather${path}`, {
				method,
				headers: { 'x-api-key': HUMANLY_SANDBOX.apiKey, 'content-type': 'application/json' },
				body: JSON.stringify(body),
			}).then((res) => res.json());
		const invite = (
			await api('POST', '/candidate-interviews', {
				candidateId: HUMANLY_SANDBOX.candidateIds[0],
				interviewId: HUMANLY_SANDBOX.interviewIds[0],
			})
		).data;
		mock.completeInterview(invite.id); // nothing registered yet: nothing sent
		// Registered over HTTP, as a user of npm start does.
		const registered = await fetch(`${mock.url}/__sandbox/webhook-url`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ url: receiver.url }),
		});
		expect(await registered.json()).toEqual({ url: receiver.url });

		let delivered = receiver.next();
		await api('PATCH', `/candidate-interviews/${invite.id}/status`, { status: 'has_reviewed' });
		await delivered;
		expect(JSON.parse(receiver.received[0].raw)).toEqual({
			event: 'candidate_interview.status_changed',
			timestamp: '2025-03-01T12:00:00.000Z',
			data: {
				candidateInterviewId: invite.id,
				candidateId: invite.candidateId,
				interviewId: invite.interviewId,
				status: 'has_reviewed',
			},
		});

		delivered = receiver.next();
		mock.completeInterview(invite.id);
		await delivered;
		// Exactly the fields of the webhooks page's example.
		expect(JSON.parse(receiver.received[1].raw)).toEqual({
			event: 'candidate_interview.completed',
			timestamp: '2025-03-01T12:00:00.000Z',
			data: {
				candidateInterviewId: invite.id,
				candidateId: invite.candidateId,
				interviewId: invite.interviewId,
				status: 'new_response',
				takenAt: '2025-03-01T12:00:00.000Z',
			},
		});
		expect(receiver.received.every((delivery) => verify(delivery))).toBe(true);
	});

	test("an invite's own webhook URL gets its events, besides the organization's", async () => {
		const own = await startReceiver();
		try {
			const res = await fetch(`${mock.url}/qsi/gather/candidate-interviews`, {
				method: 'POST',
				headers: { 'x-api-key': HUMANLY_SANDBOX.apiKey, 'content-type': 'application/json' },
				body: JSON.stringify({
					candidateId: HUMANLY_SANDBOX.candidateIds[0],
					interviewId: HUMANLY_SANDBOX.interviewIds[0],
					webhookUrl: own.url,
				}),
			});
			const invite = (await res.json()).data;
			mock.completeInterview(invite.id);
			await mock.settleWebhooks();
			expect(own.received.map((d) => JSON.parse(d.raw).data.candidateInterviewId)).toEqual([
				invite.id,
			]);
			expect(receiver.received).toHaveLength(0); // no organization URL registered
		} finally {
			await own.close();
		}
	});

	test("unit: 'ms' signs t in milliseconds; body is sent and signed instead of the payload", async () => {
		await mock.sendWebhook({ event: 'interview.updated', url: receiver.url, unit: 'ms' });
		await mock.sendWebhook({ event: 'interview.updated', url: receiver.url, body: '' });
		const [ms, empty] = receiver.received;
		expect(ms.headers['x-qualifi-signature']).toMatch(new RegExp(`^t=${NOW},v1=`));
		expect(verify(ms)).toBe(true);
		expect(empty.raw.length).toBe(0);
		expect(verify(empty)).toBe(true);
	});

	test('a failed fire-and-forget delivery is only counted', async () => {
		receiver.status = 500;
		mock.registerWebhook(receiver.url);
		const res = await fetch(`${mock.url}/qsi/gather/candidate-interviews`, {
			method: 'POST',
			headers: { 'x-api-key': HUMANLY_SANDBOX.apiKey, 'content-type': 'application/json' },
			body: JSON.stringify({
				candidateId: HUMANLY_SANDBOX.candidateIds[0],
				interviewId: HUMANLY_SANDBOX.interviewIds[0],
			}),
		});
		const { id } = (await res.json()).data;
		mock.completeInterview(id);
		await mock.settleWebhooks();
		expect(mock.counters).toMatchObject({ webhooksSent: 1, webhookErrors: 1 });

		mock.registerWebhook('http://127.0.0.1:9/unreachable');
		mock.completeInterview(id);
		await mock.settleWebhooks();
		expect(mock.counters).toMatchObject({ webhooksSent: 1, webhookErrors: 2 });
	});

	test('POST /__sandbox/webhooks sends one from another process', async () => {
		const res = await fetch(`${mock.url}/__sandbox/webhooks`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ event: 'interview.updated', data: { id: 'i2' }, url: receiver.url }),
		});
		expect([res.status, await res.json()]).toEqual([200, { status: 200 }]);
		expect(verify(receiver.received[0])).toBe(true);
		const bad = await fetch(`${mock.url}/__sandbox/webhooks`, {
			method: 'POST',
			body: JSON.stringify({ event: 'nope' }),
		});
		expect(bad.status).toBe(400);
	});
});
