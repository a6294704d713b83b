/**
 * Newer n8n (2.41) runs polls on a durable scheduler that abandons a poll after 45 s and backs the
 * trigger off. A Q-Hub key's window is 60 minutes, so a poll must never wait for it: a spent window
 * ends the poll at once with what was read, and the next poll after the reset carries on from there.
 * On a virtual clock: the time a poll takes is the time it slept.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { QHubTrigger } from '../../../nodes/QHub/QHubTrigger.node';
import { fakeClock, fakeContext, type FakeAnswer } from '../helpers/context';

const credentials = {
	apiKey: 'key-123456',
	apiSecret: 'secret-123456',
	baseUrl: 'http://qhub.test/v1',
};
const NOW = Date.parse('2026-11-23T10:00:00Z');
const WINDOW_S = 60 * 60;
const at = (seconds: number) => new Date(NOW + seconds * 1000).toISOString();
const entries = (from: number, count: number) =>
	Array.from({ length: count }, (_, index) => ({
		id: `fe_${String(from + index).padStart(4, '0')}`,
		submittedAt: at(from + index),
	}));
/** A page of entries with Q-Hub's rate-limit headers: `remaining` requests left until `resetAt`. */
const page = (data: IDataObject[], totalPages: number, remaining: number, resetAt: number) => ({
	body: { data, meta: { totalPages } },
	headers: {
		'ratelimit-limit': '25',
		'ratelimit-remaining': String(remaining),
		'ratelimit-reset': String(Math.ceil(resetAt / 1000)),
	},
});

let clock: ReturnType<typeof fakeClock>;
beforeEach(() => {
	clock = fakeClock(NOW);
});

function poller(parameters: IDataObject = {}) {
	const staticData: IDataObject = {};
	const warnings: string[] = [];
	return {
		staticData,
		warnings,
		/** One poll; resolves with what it emitted, the requests it sent and the virtual time it took. */
		async poll(answers: FakeAnswer[]) {
			const fake = fakeContext({ parameters: {}, credentials, credentialType: 'qHubApi', answers });
			const context = {
				...fake.context,
				__emit: () => undefined,
				getMode: () => 'trigger',
				getNodeParameter: (name: string, fallback?: unknown) =>
					name in parameters ? parameters[name] : fallback,
				getWorkflowStaticData: () => staticData,
				logger: { warn: (message: string) => warnings.push(message) },
			};
			delete (context as IDataObject).getInputData;
			const started = clock.now();
			const emitted = await new QHubTrigger().poll.call(context as unknown as IPollFunctions);
			return {
				ids: (emitted?.[0] ?? []).map((item) => item.json.id),
				requests: fake.requests,
				tookMs: clock.now() - started,
			};
		},
	};
}

test('a window spent after the first page ends the poll at once; after the reset the next poll carries on', async () => {
	const resetAt = NOW + WINDOW_S * 1000;
	const trigger = poller();
	await trigger.poll([page([], 1, 20, resetAt)]);
	clock.advance(60_000);

	// 150 new entries: the first page spends the window's last request.
	const first = await trigger.poll([page(entries(0, 100), 2, 0, resetAt)]);
	expect(first.tookMs).toBe(0);
	expect(clock.sleeps).toEqual([]);
	expect(first.requests).toHaveLength(1);
	expect(first.ids).toEqual(entries(0, 100).map((entry) => entry.id));
	expect(trigger.warnings.join('\n')).toMatch(
		/no requests left in this window.*next poll carries on/,
	);

	// Polls before the reset send nothing and end at once.
	clock.advance(15 * 60_000);
	const early = await trigger.poll([page([], 1, 0, resetAt)]);
	expect(early).toEqual({ ids: [], requests: [], tookMs: 0 });

	// After the reset: the other 50, from where the cursor stopped.
	clock.advance(resetAt - clock.now() + 1000);
	const next = await trigger.poll([page(entries(60, 90), 1, 24, resetAt + WINDOW_S * 1000)]);
	expect(next.ids).toEqual(entries(100, 50).map((entry) => entry.id));
	expect(next.requests[0].qs).toMatchObject({ from: at(99 - 5 * 60) });
	expect(clock.sleeps).toEqual([]);
});

test('a 429 that asks for most of an hour ends the poll at once, whatever Max Wait the node once had', async () => {
	const trigger = poller({ requestOptions: { maxWaitSeconds: 3600 } });
	await trigger.poll([page([], 1, 20, NOW + WINDOW_S * 1000)]);
	const refused = await trigger.poll([
		{
			status: 429,
			headers: { 'retry-after': String(WINDOW_S - 60) },
			body: { error: 'rate_limited' },
		},
	]);
	expect(refused).toMatchObject({ ids: [], tookMs: 0 });
	expect(refused.requests).toHaveLength(1);
	expect(clock.sleeps).toEqual([]);
	expect(trigger.warnings[0]).toContain('Q-Hub rate limit reached');
});

test('the trigger offers no Max Wait: a poll never waits for a window', () => {
	const requestOptions = new QHubTrigger().description.properties.find(
		(property) => property.name === 'requestOptions',
	);
	const names = (requestOptions?.options ?? []).map((option) => option.name);
	expect(names).toContain('timeoutSeconds');
	expect(names).not.toContain('maxWaitSeconds');
});

test('a poll’s request waits at most 20 s for its answer, even with a longer Timeout', async () => {
	const trigger = poller({ requestOptions: { timeoutSeconds: 120 } });
	const { requests } = await trigger.poll([page([], 1, 20, NOW + WINDOW_S * 1000)]);
	expect(requests[0].timeout).toBe(20_000);
	const quick = poller({ requestOptions: { timeoutSeconds: 5 } });
	expect((await quick.poll([page([], 1, 20, NOW + WINDOW_S * 1000)])).requests[0].timeout).toBe(
		5_000,
	);
});
