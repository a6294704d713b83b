/**
 * What a run did that its items alone do not show is said above the output, as n8n's own nodes do
 * (execution hints): a wait for a rate-limit window, a list stopped at Limit, items that failed and
 * were skipped under "On Error: Continue". Each is said once per run, and a plain run says nothing.
 */
import type { IDataObject, IHttpRequestOptions, NodeExecutionHint } from 'n8n-workflow';

import { Humanly } from '../../../nodes/Humanly/Humanly.node';
import { QHub } from '../../../nodes/QHub/QHub.node';
import { fakeClock, fakeContext, type FakeAnswer } from '../helpers/context';
import { credentials as humanlyCredentials } from '../humanly/fixtures';

const qhubCredentials = {
	apiKey: 'key-123456',
	apiSecret: 'secret-123456',
	baseUrl: 'http://qhub.test/v1',
};

/** Runs a node as n8n does (execute → route) and returns the hints it gave n8n. */
async function hintsOf(
	node: QHub | Humanly,
	options: Parameters<typeof fakeContext>[0],
	answer?: (request: IHttpRequestOptions) => unknown,
) {
	const fake = fakeContext(options);
	if (answer)
		fake.httpRequestWithAuthentication.mockImplementation(
			async (_type, request) => answer(request) as never,
		);
	const given: NodeExecutionHint[] = [];
	const context = Object.assign(fake.context, {
		addExecutionHints: (...hints: NodeExecutionHint[]) => given.push(...hints),
	});
	const [items] = await node.execute.call(context);
	return { hints: given, items };
}

let clock: ReturnType<typeof fakeClock>;
beforeEach(() => {
	clock = fakeClock();
});

test('a run that waited for the rate-limit window says how long, once', async () => {
	// 3 creates, the window spent after the first: two waits of 10 minutes for the reset.
	let sent = 0;
	let resetAt = clock.now() + 600_000;
	const answer = (request: IHttpRequestOptions) => {
		if (clock.now() >= resetAt) resetAt = clock.now() + 600_000;
		sent += 1;
		return {
			statusCode: 201,
			body: { id: `loc_${sent}`, ...(request.body as IDataObject) },
			headers: {
				'ratelimit-limit': '1',
				'ratelimit-remaining': '0',
				'ratelimit-reset': String(Math.ceil(resetAt / 1000)),
			},
		};
	};
	const { hints, items } = await hintsOf(
		new QHub(),
		{
			parameters: { resource: 'location', operation: 'create', additionalFields: {} },
			perItem: [{ name: 'A' }, { name: 'B' }, { name: 'C' }],
			credentials: qhubCredentials,
			credentialType: 'qHubApi',
		},
		answer,
	);
	expect(items).toHaveLength(3);
	expect(clock.sleeps).toEqual([600_000, 600_000]);
	expect(hints).toEqual([
		expect.objectContaining({
			message: expect.stringMatching(/^Waited 20 min in all for Q-Hub’s rate limit \(2 waits\)/),
			location: 'outputPane',
		}),
	]);
});

const teams = (count: number): FakeAnswer => ({
	body: {
		data: Array.from({ length: count }, (_, index) => ({
			id: `team-${index}`,
			name: `Team ${index}`,
		})),
	},
});

test('a Get Many that stopped at Limit says so; Return All, or fewer records than Limit, says nothing', async () => {
	const run = (parameters: IDataObject, answers: FakeAnswer[]) =>
		hintsOf(new Humanly(), {
			parameters: { resource: 'team', operation: 'getAll', ...parameters },
			perItem: [{}, {}],
			credentials: humanlyCredentials,
			credentialType: 'humanlyApi',
			answers,
		});
	const stopped = await run({ returnAll: false, limit: 2 }, [teams(2)]);
	expect(stopped.items).toHaveLength(4);
	expect(stopped.hints).toEqual([
		expect.objectContaining({ message: expect.stringMatching(/^Stopped at Limit \(2 teams\)/) }),
	]);
	expect((await run({ returnAll: false, limit: 5 }, [teams(2)])).hints).toEqual([]);
	expect((await run({ returnAll: true }, [teams(2)])).hints).toEqual([]);
});

test('items that failed under "On Error: Continue" are counted: skipped, with the reason in the output', async () => {
	const { hints, items } = await hintsOf(new QHub(), {
		parameters: { resource: 'location', operation: 'create', additionalFields: {} },
		perItem: [{ name: 'Leeds' }, { name: '' }, { name: 'York' }],
		credentials: qhubCredentials,
		credentialType: 'qHubApi',
		continueOnFail: true,
		answers: [{ status: 201, body: { id: 'loc_1' } }],
	});
	expect(items.map((item) => Boolean(item.json.error))).toEqual([false, true, false]);
	expect(hints).toEqual([
		expect.objectContaining({
			message: expect.stringMatching(/^1 of 3 items failed and were skipped/),
			type: 'warning',
		}),
	]);
});
