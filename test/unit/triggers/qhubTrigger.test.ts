import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { QHubTrigger } from '../../../nodes/QHub/QHubTrigger.node';
import { fakeClock, fakeContext, type FakeAnswer } from '../helpers/context';

const credentials = {
	apiKey: 'key-123456',
	apiSecret: 'secret-123456',
	baseUrl: 'http://qhub.test/v1',
};
const NOW = Date.parse('2026-11-23T10:00:00Z');
const at = (seconds: number) => new Date(NOW + seconds * 1000).toISOString();
const entry = (id: string, seconds: number) => ({
	id,
	formId: 'frm_audit',
	submittedAt: at(seconds),
});
const page = (entries: IDataObject[], totalPages = 1) => ({
	body: { data: entries, meta: { totalPages } },
});

/** A poll context around the fake HTTP answerer: static data survives between polls like n8n's. */
function poller(parameters: IDataObject = {}, staticData: IDataObject = {}) {
	const warnings: string[] = [];
	return {
		staticData,
		warnings,
		poll(answers: FakeAnswer[], mode: 'trigger' | 'manual' = 'trigger') {
			const fake = fakeContext({ parameters: {}, credentials, credentialType: 'qHubApi', answers });
			const context = {
				...fake.context,
				getInputData: undefined,
				__emit: () => undefined,
				getMode: () => mode,
				getNodeParameter: (name: string, fallback?: unknown) =>
					name in parameters ? parameters[name] : fallback,
				getWorkflowStaticData: () => staticData,
				logger: { warn: (message: string) => warnings.push(message) },
			};
			delete (context as IDataObject).getInputData;
			return { fake, result: new QHubTrigger().poll.call(context as unknown as IPollFunctions) };
		},
	};
}

let clock: ReturnType<typeof fakeClock>;
beforeEach(() => {
	clock = fakeClock(NOW);
});

test('the first activation starts from now: one request, nothing emitted, what exists counts as seen', async () => {
	const trigger = poller();
	const { fake, result } = trigger.poll([page([entry('fe_1', -30)])]);
	expect(await result).toBeNull();
	expect(fake.requests).toHaveLength(1);
	expect(fake.requests[0].qs).toEqual({ from: at(-300), page: 1, perPage: 100 });
	expect(trigger.staticData.cursor).toEqual({ newestAt: NOW, seen: { fe_1: NOW - 30_000 } });
});

test('at activation, every page of the Late Entry Window counts as seen, not only the first', async () => {
	const trigger = poller();
	const busy = Array.from({ length: 100 }, (_, index) =>
		entry(`fe_${String(index).padStart(3, '0')}`, -200 + index),
	);
	const activation = trigger.poll([page(busy, 2), page([entry('fe_late', -10)], 2)]);
	expect(await activation.result).toBeNull();
	expect(activation.fake.requests.map((request) => request.qs?.page)).toEqual([1, 2]);
	const next = trigger.poll([page(busy, 2), page([entry('fe_late', -10)], 2)]);
	expect(await next.result).toBeNull();
});

test('new entries come out once, oldest first; a poll with nothing new costs one request and moves nothing', async () => {
	const trigger = poller({ event: 'formEntry', formId: 'frm_audit' });
	await trigger.poll([page([])]).result;
	clock.advance(60_000);
	const second = trigger.poll([page([entry('fe_3', 50), entry('fe_2', 40)])]);
	const [items] = (await second.result)!;
	expect(items.map((item) => item.json.id)).toEqual(['fe_2', 'fe_3']);
	expect(second.fake.requests[0].qs).toMatchObject({ formId: 'frm_audit', from: at(-300) });
	const cursor = trigger.staticData.cursor;
	const third = trigger.poll([page([entry('fe_2', 40), entry('fe_3', 50)])]);
	expect(await third.result).toBeNull();
	expect(third.fake.requests).toHaveLength(1);
	expect(third.fake.requests[0].qs).toMatchObject({ from: at(50 - 300) });
	expect(trigger.staticData.cursor).toBe(cursor);
});

test('many new entries are paged: one more request per full page', async () => {
	const trigger = poller();
	await trigger.poll([page([])]).result;
	const full = Array.from({ length: 100 }, (_, index) =>
		entry(`fe_${String(index).padStart(3, '0')}`, index),
	);
	const { fake, result } = trigger.poll([page(full, 2), page([entry('fe_999', 200)], 2)]);
	const [items] = (await result)!;
	expect(items).toHaveLength(101);
	expect(fake.requests.map((request) => request.qs?.page)).toEqual([1, 2]);
});

test('Fetch Test Event returns real recent entries and leaves the cursor alone', async () => {
	const trigger = poller();
	await trigger.poll([page([])]).result;
	const cursor = trigger.staticData.cursor;
	const { result } = trigger.poll([page([entry('fe_8', -20), entry('fe_9', -10)])], 'manual');
	const [items] = (await result)!;
	expect(items.map((item) => item.json.id)).toEqual(['fe_8', 'fe_9']);
	expect(trigger.staticData.cursor).toBe(cursor);
});

test('a rate limit past Max Wait ends the poll cleanly: nothing emitted, the cursor stays, a warning says why', async () => {
	const trigger = poller({ requestOptions: { maxWaitSeconds: 10 } });
	await trigger.poll([page([])]).result;
	const cursor = trigger.staticData.cursor;
	const { result } = trigger.poll([
		{ status: 429, headers: { 'retry-after': '600' }, body: { error: 'rate_limited' } },
	]);
	expect(await result).toBeNull();
	expect(trigger.staticData.cursor).toBe(cursor);
	expect(trigger.warnings[0]).toContain('Q-Hub rate limit reached');
});

test('Emit Recent Entries on Activation emits the newest N existing entries once', async () => {
	const trigger = poller({ options: { emitOnActivation: 2 } });
	const { result } = trigger.poll([
		page([entry('fe_7', -5)]),
		page([entry('fe_1', -500), entry('fe_2', -400)], 3),
		page([entry('fe_7', -5)], 3),
		page([entry('fe_3', -300), entry('fe_4', -200)], 3),
	]);
	const [items] = (await result)!;
	expect(items.map((item) => item.json.id)).toEqual(['fe_4', 'fe_7']);
});

test('a bad form ID fails before any request', async () => {
	const trigger = poller({ formId: '../users' });
	const { fake, result } = trigger.poll([page([])]);
	await expect(result).rejects.toThrow('Invalid formId: must be a Q-Hub Form ID');
	expect(fake.requests).toHaveLength(0);
});
