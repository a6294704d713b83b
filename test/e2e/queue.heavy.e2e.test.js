/**
 * n8n in queue mode, as a team runs it at scale: Redis, PostgreSQL, a main that takes production
 * webhooks and two workers that run the executions, each worker with its own copy of this package.
 * Several executions at once share one Q-Hub key and one Qflow credential. What a user would notice:
 * every item done once, rate-limit refusals only where another process spent the window, and one
 * Qflow sign-in shared by every worker.
 */
const { startQHubMock, qhubCredential } = require('../../sandbox/qhub');
const { startQflowMock, qflowCredential } = require('../../sandbox/qflow');
const { PACKAGE } = require('../../tooling/n8nHost');
const { startQueueMode, callWebhook } = require('./queueMode');

const TIMEOUT = 240_000;
// A small key, so that the run spans several windows in seconds: 4 executions × 6 creates need at
// least 5 windows of 5 requests.
const LIMIT = 5;
const WINDOW_MS = 4_000;
const EXECUTIONS = 4;
const CREATES = 6;
const WORKERS = ['worker1', 'worker2'];
/** Jobs each worker runs at once. */
const CONCURRENCY = 2;

const QHUB = { id: 'queueQHub', name: 'Q-Hub (small window)' };
const QFLOW = { id: 'queueQflow', name: 'Qflow sandbox' };
const ID = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

let qhub;
let qflow;
let queue;
const started = Date.now();

const node = (name, type, typeVersion, parameters, extra = {}) => ({
	name,
	type,
	typeVersion,
	parameters,
	...extra,
});

/** Webhook ("Respond: When last node finishes", all entries) → the nodes, in a chain. */
function webhookWorkflow(id, path, nodes) {
	const all = [
		node(
			'Webhook',
			'n8n-nodes-base.webhook',
			2,
			{
				httpMethod: 'POST',
				path,
				responseMode: 'lastNode',
				responseData: 'allEntries',
				options: {},
			},
			{ webhookId: `${id}-hook` },
		),
		...nodes,
	];
	const connections = {};
	all.forEach((entry, index) => {
		entry.id = `${id}-${index}`;
		entry.position = [index * 220, 0];
		if (index > 0)
			connections[all[index - 1].name] = { main: [[{ node: entry.name, type: 'main', index: 0 }]] };
	});
	return {
		id,
		name: id,
		active: false,
		nodes: all,
		connections,
		settings: { executionOrder: 'v1' },
	};
}

const splitItems = node('Items', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'body.items' });
// Where the item ran: each process has its own QUEUE_TEST_WORKER (queueMode.js).
const WHERE = '={{ $env.QUEUE_TEST_WORKER }}';

const qhubFlow = webhookWorkflow('queueQHubCreate', 'queue-qhub', [
	splitItems,
	node(
		'Q-Hub',
		`${PACKAGE}.qHub`,
		1,
		{
			resource: 'location',
			operation: 'create',
			name: '={{ $json.name }}',
			additionalFields: { code: WHERE },
		},
		{ credentials: { qHubApi: QHUB }, onError: 'continueRegularOutput' },
	),
]);

const qflowFlow = webhookWorkflow('queueQflowGet', 'queue-qflow', [
	// Executions that last a moment overlap, so each worker (2 jobs at a time) takes its share.
	node(
		'Wait',
		'n8n-nodes-base.wait',
		1.1,
		{ resume: 'timeInterval', amount: 2, unit: 'seconds' },
		{ webhookId: 'queueQflowGet-wait' },
	),
	splitItems,
	node(
		'Qflow',
		`${PACKAGE}.qflow`,
		1,
		{
			resource: 'user',
			operation: 'get',
			userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		},
		{
			credentials: { qflowApi: QFLOW },
			onError: 'continueRegularOutput',
		},
	),
	node('Where', 'n8n-nodes-base.set', 3.4, {
		mode: 'manual',
		includeOtherFields: true,
		assignments: { assignments: [{ id: 'where', name: 'ranOn', value: WHERE, type: 'string' }] },
		options: {},
	}),
]);

beforeAll(async () => {
	qhub = await startQHubMock({ limit: LIMIT, windowMs: WINDOW_MS });
	qflow = await startQflowMock();
	queue = await startQueueMode({
		name: 'queue',
		workers: WORKERS.length,
		concurrency: CONCURRENCY,
		credentials: [
			{ ...QHUB, ...qhubCredential(qhub) },
			{ ...QFLOW, ...qflowCredential(qflow) },
		],
		workflows: [qhubFlow, qflowFlow],
		publish: [qhubFlow.id, qflowFlow.id],
	});
	await queue.main.waitActive([qhubFlow.id, qflowFlow.id]);
}, TIMEOUT);

afterAll(async () => {
	await queue?.stop();
	await qhub?.close();
	await qflow?.close();
	process.stderr.write(
		`queue-mode suite: ${((Date.now() - started) / 1000).toFixed(1)} s wall time\n`,
	);
}, 60_000);

/**
 * The Q-Hub sandbox's windows, rebuilt from its request log: a fixed window opens with the first
 * counted request (401, 429 and 503 are not counted) and holds LIMIT of them or WINDOW_MS, whichever
 * ends first. Per window: counted requests and 429s, by the worker that sent them (the location's
 * code field says which).
 */
function windowsOf(requests) {
	const windows = [];
	let current;
	for (const request of requests) {
		const worker = request.body?.code ?? '?';
		if (request.status === 429) {
			// A key spent before the first counted request: the refusals belong to a window of its own.
			current ??= { start: request.at, total: LIMIT, counted: {}, refused: {} };
			if (!windows.includes(current)) windows.push(current);
			current.refused[worker] = (current.refused[worker] ?? 0) + 1;
			continue;
		}
		if ([0, 401, 503].includes(request.status)) continue;
		if (!current || current.total >= LIMIT || request.at >= current.start + WINDOW_MS) {
			current = { start: request.at, total: 0, counted: {}, refused: {} };
			windows.push(current);
		}
		current.total += 1;
		current.counted[worker] = (current.counted[worker] ?? 0) + 1;
	}
	return windows;
}

/**
 * Starts `executions` executions of CREATES creates at once through the webhook, checks that every
 * item is done exactly once, and answers the locations Q-Hub holds for them.
 */
async function createLocations(executions) {
	const names = (execution) =>
		Array.from({ length: CREATES }, (_, index) => ({
			name: `Queue site ${execution}.${index + 1}`,
		}));
	const answers = await Promise.all(
		Array.from({ length: executions }, (_, execution) =>
			callWebhook(queue.main, 'queue-qhub', { items: names(execution + 1) }),
		),
	);
	// Every item done: each execution answers its own creates, in order, none an error item.
	answers.forEach((answer, execution) => {
		expect({ status: answer.status, body: answer.json }).toEqual({
			status: 200,
			body: expect.any(Array),
		});
		expect(answer.json.map((location) => [location.name, location.error])).toEqual(
			names(execution + 1).map(({ name }) => [name, undefined]),
		);
	});
	// No duplicates: Q-Hub holds each name once, and no create was answered twice.
	const created = [...qhub.state.locations.values()].filter((location) =>
		location.name.startsWith('Queue site '),
	);
	const createdNames = created.map((location) => location.name).sort();
	expect(createdNames).toEqual([...new Set(createdNames)]);
	expect(createdNames).toHaveLength(executions * CREATES);
	expect(
		qhub.requests.filter((request) => request.method === 'POST' && request.status === 201),
	).toHaveLength(executions * CREATES);
	return created;
}

const sum = (counts) => Object.values(counts).reduce((total, n) => total + n, 0);

/** Prints the figures of a run: per window, requests counted and 429s, by worker. */
function report(title, windows) {
	const byWorker = (counts) => WORKERS.map((worker) => counts[worker] ?? 0).join('+');
	const figures = windows.map(
		(window) => `${byWorker(window.counted)} counted, ${byWorker(window.refused)} refused`,
	);
	const refused = windows.reduce((total, window) => total + sum(window.refused), 0);
	process.stderr.write(
		`${title}: ${windows.length} windows, ${refused} × 429 (per window, ${WORKERS.join('+')}): ${figures.join(' | ')}\n`,
	);
}

test(
	`${EXECUTIONS} executions × ${CREATES} Q-Hub creates on one ${LIMIT}-per-${WINDOW_MS / 1000}-s key, on 2 workers: all done once, 429s only from the other worker`,
	async () => {
		const created = await createLocations(EXECUTIONS);
		// Both workers ran some of the work.
		expect([...new Set(created.map((location) => location.code))].sort()).toEqual(WORKERS);

		const windows = windowsOf(qhub.requests);
		report(`Q-Hub, ${EXECUTIONS} executions on 2 workers`, windows);
		// Within one process, executions side by side never overspend a window they know about: a worker
		// is refused only for requests another worker spent in that window without its knowledge, and
		// only requests already in flight, so at most one per execution it runs at once.
		const overspent = [];
		windows.forEach((window, index) => {
			if (window.total > LIMIT)
				overspent.push(`window ${index + 1}: ${window.total} requests counted`);
			for (const [worker, refused] of Object.entries(window.refused)) {
				const byOthers = sum(
					Object.fromEntries(Object.entries(window.counted).filter(([other]) => other !== worker)),
				);
				if (refused > Math.min(byOthers, CONCURRENCY))
					overspent.push(
						`window ${index + 1}: ${worker} refused ${refused}×, other workers spent ${byOthers}`,
					);
			}
		});
		expect(overspent).toEqual([]);
	},
	TIMEOUT,
);

test(
	'the Qflow token one worker fetched is reused by executions on both workers: no new sign-in',
	async () => {
		const lookup = (ids) =>
			callWebhook(queue.main, 'queue-qflow', { items: ids.map((id) => ({ id })) });
		const first = await lookup([ID(1)]);
		expect(first.json).toEqual([expect.objectContaining({ id: ID(1) })]);
		expect(qflow.counters.passwordGrants).toBe(1);

		const answers = await Promise.all([3, 4, 5, 6].map((n) => lookup([ID(n), ID(n + 1)])));
		const items = answers.flatMap((answer) => answer.json);
		expect(items.map((user) => [user.id, user.error])).toEqual(
			[3, 4, 5, 6].flatMap((n) => [
				[ID(n), undefined],
				[ID(n + 1), undefined],
			]),
		);
		expect([...new Set(items.map((item) => item.ranOn))].sort()).toEqual(WORKERS);
		expect(qflow.counters.passwordGrants).toBe(1);
		expect(qflow.counters.rejected401).toBe(0);
		process.stderr.write(
			`queue mode, Qflow: 9 lookups on ${WORKERS.length} workers, password grants ${qflow.counters.passwordGrants}\n`,
		);
	},
	TIMEOUT,
);

test(
	'one worker alone: its executions side by side share the key without a single 429',
	async () => {
		// The other worker leaves (a graceful stop ends its jobs first); the key starts fresh.
		await queue.workers[1].stop();
		qhub.reset();
		const created = await createLocations(CONCURRENCY);
		expect([...new Set(created.map((location) => location.code))]).toEqual(['worker1']);
		const windows = windowsOf(qhub.requests);
		report(`Q-Hub, ${CONCURRENCY} executions on 1 worker`, windows);
		expect(windows.map((window) => sum(window.refused))).toEqual(windows.map(() => 0));
	},
	TIMEOUT,
);
