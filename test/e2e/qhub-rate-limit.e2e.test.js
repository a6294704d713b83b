/**
 * A Q-Hub key allows only a few requests per window. The node must still complete every item, by
 * waiting for the window the headers announce, without burning requests on 429s.
 */
const { startQHubMock, qhubCredential } = require('../../sandbox/qhub');
const { createN8n, workflow } = require('./harness');

const CREDENTIAL = { id: 'qhubLimited', name: 'Q-Hub sandbox (small window)' };
const LIMIT = 5;
const WINDOW_MS = 4_000;
const ITEMS = 12;
let mock;
let n8n;

beforeAll(async () => {
	mock = await startQHubMock({ limit: LIMIT, windowMs: WINDOW_MS });
	n8n = await createN8n('qhub-limit');
	await n8n.importCredentials([{ ...CREDENTIAL, ...qhubCredential(mock) }]);
}, 120_000);

afterAll(async () => {
	await mock?.close();
});

const createLocations = (id, count = ITEMS) =>
	workflow({
		id,
		input: Array.from({ length: count }, (_, index) => ({ name: `${id} site ${index + 1}` })),
		nodes: [
			{
				name: 'Q-Hub',
				type: 'qHub',
				credentials: { qHubApi: CREDENTIAL },
				parameters: {
					resource: 'location',
					operation: 'create',
					name: '={{ $json.name }}',
					additionalFields: {},
				},
			},
		],
	});

test(`${ITEMS} creates through a ${LIMIT}-per-window key all complete, paced by the headers`, async () => {
	const run = await n8n.run(createLocations('qhubPaced'));
	run.assertSucceeded();
	expect(run.items('Q-Hub').map((location) => location.name)).toEqual(
		Array.from({ length: ITEMS }, (_, index) => `qhubPaced site ${index + 1}`),
	);
	// Proactive pacing: the node waited for each reset instead of spending requests on 429s.
	expect(mock.requests.filter((request) => request.status === 429)).toHaveLength(0);
	expect(mock.requests.filter((request) => request.method === 'POST')).toHaveLength(ITEMS);
	expect(run.durationMs).toBeGreaterThanOrEqual(2 * WINDOW_MS - 1_000);
}, 120_000);

describe.each([
	['Retry-After', true],
	['the RateLimit-Reset header alone', false],
])('a new execution that meets a spent window waits by %s', (_how, retryAfterOn429) => {
	let spentMock;
	beforeAll(async () => {
		spentMock = await startQHubMock({ limit: LIMIT, windowMs: WINDOW_MS, retryAfterOn429 });
	});
	afterAll(async () => {
		await spentMock?.close();
	});

	test('then creates each item exactly once', async () => {
		const id = `qhubSpent${retryAfterOn429 ? 'RA' : 'Reset'}`;
		await n8n.importCredentials([{ id, name: id, ...qhubCredential(spentMock) }]);
		const flow = (workflowId, count) => {
			const built = createLocations(workflowId, count);
			built.nodes.find((node) => node.name === 'Q-Hub').credentials = { qHubApi: { id, name: id } };
			return built;
		};
		// Another client spends the key's window just before the new execution's first request: a fresh
		// n8n process knows nothing of it and meets the 429, however long n8n took to start.
		spentMock.faults.set([
			{ method: 'POST', path: '/v1/locations', nth: [1], fault: 'spendWindow' },
		]);
		const run = await n8n.run(flow(id, 7));
		run.assertSucceeded();
		expect(run.items('Q-Hub')).toHaveLength(7);
		const mine = spentMock.requests;
		expect(mine.map((request) => request.status)).toEqual([429, 201, 201, 201, 201, 201, 201, 201]);
		const names = [...spentMock.state.locations.values()]
			.map((location) => location.name)
			.filter((name) => name.startsWith(`${id} `));
		expect(names).toHaveLength(7);
	}, 120_000);
});
