/**
 * Proof under fire. Per vendor, 1,000 creates (Q-Hub Location Create, Qflow User Create, Humanly
 * Candidate Create, and Qflow Guest Create or Update into one event) and 200 reads go through a real
 * n8n with "On Error: Continue", while the shared
 * fault layer (sandbox/lib/faults.js) hits a deterministic mix of their requests: 503s, 429s with
 * Retry-After in seconds, as an HTTP date and with no header, windows spent by another client,
 * connections reset before and after the server processed the request, answers slower than the
 * node's Timeout (some processed), proxy pages (HTML, plain text, empty) and, for Qflow, revoked
 * tokens. The suite checks what a user would rely on: every input comes out once and paired, every
 * success is stored once, nothing is stored or sent twice once it may have been processed, a record
 * stored without a success belongs to an item told the outcome is unknown, every error says its
 * cause in words, and no secret shows anywhere n8n prints or keeps its run. A guest create carries
 * the item's own GUID, which makes it idempotent: there the node resends after a reset or a timeout,
 * and every one of the 1,000 items must end as one stored guest. It prints the totals.
 *
 * The vendors run side by side (one n8n each): most of the time is waiting (Retry-After,
 * timeouts, Qflow's 60 s refusal window), which overlaps.
 */
const { startQHubMock, qhubCredential, QHUB_SANDBOX } = require('../../sandbox/qhub');
const {
	startQflowMock,
	qflowCredential,
	QFLOW_SANDBOX,
	SSO_EXAMPLE_KEY,
	SEED_IDS,
} = require('../../sandbox/qflow');
const { startHumanlyMock, humanlyCredential, HUMANLY_SANDBOX } = require('../../sandbox/humanly');
const { createN8n } = require('./harness');
const { branchedWorkflow, account, findSecrets, placesOf, table } = require('./proof');

const CREATES = 1000;
const READS = 200;
const TIMEOUT_SECONDS = 2;
/** An answer this slow is past the node's Timeout. */
const SLOW_MS = 5_000;
const SUITE_TIMEOUT = 20 * 60_000;

/** The fault kinds of the mix, as rules of sandbox/lib/faults.js. */
const KINDS = {
	'503 + Retry-After': { fault: 'status', status: 503, retryAfter: 1 },
	'503, no header': { fault: 'status', status: 503 },
	'503 HTML page + Retry-After': { fault: 'status', status: 503, body: 'html', retryAfter: 1 },
	'429 + Retry-After seconds': { fault: 'status', status: 429, retryAfter: 1 },
	'429 + Retry-After HTTP date': { fault: 'status', status: 429, retryAfter: { httpDate: 2 } },
	'429, no header': { fault: 'status', status: 429 },
	'window spent by another client': { fault: 'spendWindow' },
	'reset before processing': { fault: 'resetBefore' },
	'reset after processing': { fault: 'resetAfter' },
	'slower than the timeout': { fault: 'delay', ms: SLOW_MS },
	'slower than the timeout, processed': { fault: 'delay', ms: SLOW_MS, processed: true },
	'502 HTML page': { fault: 'status', status: 502, body: 'html' },
	'502 plain text': { fault: 'status', status: 502, body: 'text' },
	'500 empty body': { fault: 'status', status: 500, body: 'empty' },
	'tokens revoked': { fault: 'revokeTokens' },
};

/**
 * Rules that hit `kinds` in turn, one every `spacing` requests of `where` (method and path or
 * pathRegex, counted from 1), starting at request `first`, `rounds` times over.
 */
function mix(where, kinds, { first, spacing, rounds = 1 }) {
	const positions = new Map(kinds.map((kind) => [kind, []]));
	let position = first;
	for (let round = 0; round < rounds; round++) {
		for (const kind of kinds) {
			positions.get(kind).push(position);
			position += spacing;
		}
	}
	return kinds.map((kind) => ({ ...where, nth: positions.get(kind), ...KINDS[kind] }));
}

const COMMON_CREATE_KINDS = [
	'503 + Retry-After',
	'503, no header',
	'503 HTML page + Retry-After',
	'429 + Retry-After seconds',
	'429 + Retry-After HTTP date',
	'reset before processing',
	'reset after processing',
	'slower than the timeout',
	'slower than the timeout, processed',
	'502 HTML page',
	'502 plain text',
	'500 empty body',
];
const COMMON_READ_KINDS = [
	'503 + Retry-After',
	'503, no header',
	'429 + Retry-After seconds',
	'429 + Retry-After HTTP date',
	'reset before processing',
	'reset after processing',
	'slower than the timeout',
	'slower than the timeout, processed',
	'502 HTML page',
	'500 empty body',
];

const pad = (n) => String(n).padStart(4, '0');

/** What each error says, by cause; an error that fits none of them fails the suite. */
const CAUSES = {
	'outcome unknown (no answer after sending)':
		/^(Q-Hub|Qflow|Humanly) may have processed POST \S+: (the connection was reset after the request was sent|no answer came in time), so the outcome is unknown$/,
	'proxy answer (HTML, text or empty)':
		/^(Q-Hub|Qflow|Humanly) answered 5\d\d [A-Za-z ]+ to POST \S+ (\((an HTML page|plain text), not the API's JSON\): a proxy or gateway in front of the API failed|with an empty body)$/,
	'429 without headers, gave up':
		/^(Q-Hub|Qflow|Humanly) rate limit reached: the server answered 429 Too Many Requests( \d+ times without saying when to retry \(no Retry-After or rate-limit headers\); gave up after waiting \d+ s in all|; the window resets at \S+ \(in \d+ s\))$/,
	'sign-in refused':
		/^Qflow: Sign-in refused: the (Client ID or Client Secret|Username or Password) is wrong \(invalid_(client|grant)[^)]*\)\. Check both in the Qflow credential/,
};
/** An idempotent create (a guest under its GUID) is resent until it is answered; only then may it fail. */
const NO_ANSWER_AFTER_RESENDS =
	/^Qflow did not answer POST \S+: (the connection was reset after the request was sent|no answer came in time) \(\d+ tries\)$/;
CAUSES['no answer after every resend (safe to run again)'] = NO_ANSWER_AFTER_RESENDS;
const causeOf = (message) => Object.keys(CAUSES).find((cause) => CAUSES[cause].test(message));
const UNKNOWN = 'outcome unknown (no answer after sending)';

/** Words a user cannot act on, or a page that is not a message. */
function unreadable(text) {
	if (typeof text !== 'string' || text.trim().length < 15) return 'empty or too short';
	if (/<\/?(!doctype|html|head|body|title|center|h[1-6]|hr|p|div|span|br|pre)\b[^>]*>/i.test(text))
		return 'markup';
	if (/\bundefined\b|\[object Object\]|\bNaN\b/.test(text))
		return 'a placeholder (undefined, NaN, [object Object])';
	if (text.length > 600) return 'too long';
	return undefined;
}

/** Every Qflow secret of a run on `mock`: the credential's, the wrong ones, each token issued. */
function qflowSecrets(mock) {
	const { accessTokens, refreshTokens } = mock.issuedTokens();
	return {
		'Qflow client secret': QFLOW_SANDBOX.clientSecret,
		'Qflow password': QFLOW_SANDBOX.password,
		'Qflow subscription key': QFLOW_SANDBOX.subscriptionKey,
		'Qflow SSO key': SSO_EXAMPLE_KEY,
		'wrong client secret': WRONG_SECRET,
		'wrong password': WRONG_PASSWORD,
		...Object.fromEntries(
			accessTokens.map((token, index) => [`Qflow access token #${index + 1}`, token]),
		),
		...Object.fromEntries(
			refreshTokens.map((token, index) => [`Qflow refresh token #${index + 1}`, token]),
		),
	};
}

/** Qflow's create mix: every common kind and revoked tokens, and once a window spent by another client. */
const qflowCreatePlan = (where) => [
	...mix(where, [...COMMON_CREATE_KINDS, 'tokens revoked'], {
		first: 20,
		spacing: 37,
		rounds: 2,
	}),
	// Qflow's own 429 has no header: another client spends the window once, the node waits 60 s.
	{ ...where, nth: [510], ...KINDS['window spent by another client'] },
];

/** The seeded event without guests: the 1,000 guests of the guest run go there. */
const GUEST_EVENT = SEED_IDS.events[2];
const guestGuid = (index) => `6e570000-0000-4000-8000-${String(index).padStart(12, '0')}`;

const VENDORS = {
	qhub: {
		label: 'Q-Hub',
		async start() {
			// A short window with room to spare: the run is not throttled, yet a spent window (429 with
			// Retry-After) frees within 2 s.
			return await startQHubMock({ limit: 100_000, windowMs: 2_000 });
		},
		credentialKey: 'qHubApi',
		nodeType: 'qHub',
		credential: (mock) => qhubCredential(mock),
		secrets: () => ({
			'Q-Hub API key': QHUB_SANDBOX.apiKey,
			'Q-Hub API secret': QHUB_SANDBOX.apiSecret,
		}),
		// Max Wait 3 s: every wait the mix asks for fits, and three 429s in a row without headers
		// (backoff 0.5-1 s, 1-2 s, then 2-4 s) exceed it, so the node gives up and says so.
		requestOptions: { timeoutSeconds: TIMEOUT_SECONDS, maxWaitSeconds: 3 },
		create: {
			keyOf: (index) => `Fault site ${pad(index)}`,
			input: (key) => ({ key }),
			parameters: {
				resource: 'location',
				operation: 'create',
				name: '={{ $json.key }}',
				additionalFields: {},
			},
			rulePath: '/v1/locations',
			logPath: '/locations',
			keyOfBody: (body) => body?.name,
			keyOfOutput: (json) => json.name,
			stored: (mock) =>
				[...mock.state.locations.values()].map((location) => ({
					key: location.name,
					id: location.id,
				})),
		},
		createPlan: (where) => [
			...mix(where, [...COMMON_CREATE_KINDS, '429, no header', 'window spent by another client'], {
				first: 20,
				spacing: 35,
				rounds: 2,
			}),
			{ ...where, from: 985, count: 3, ...KINDS['429, no header'] },
		],
		read: {
			input: () => Array.from({ length: READS }, (_, index) => ({ n: index })),
			parameters: {
				resource: 'formEntry',
				operation: 'getAll',
				returnAll: false,
				limit: 1,
				filters: {},
			},
			where: { method: 'GET', path: '/v1/form-entries' },
			check: (json) => typeof json.id === 'string' && typeof json.formId === 'string',
		},
		readKinds: [...COMMON_READ_KINDS, '429, no header', 'window spent by another client'],
	},
	qflow: {
		label: 'Qflow',
		async start() {
			// The documented 1000 a minute is the node's own pace; the mock leaves room for the extra
			// requests a revoked token costs. A spent window blocks for Qflow's documented 60 s.
			return await startQflowMock({ limitPerMinute: 100_000 });
		},
		credentialKey: 'qflowApi',
		nodeType: 'qflow',
		credential: (mock) => qflowCredential(mock),
		secrets: qflowSecrets,
		// Max Wait stays above Qflow's 60 s refusal window: a 429 without headers is waited out.
		requestOptions: { timeoutSeconds: TIMEOUT_SECONDS, maxWaitSeconds: 120 },
		create: {
			keyOf: (index) => `fault.user.${pad(index)}@example.com`,
			input: (key, index) => ({ key, first: 'Fault', last: `User ${pad(index)}` }),
			parameters: {
				resource: 'user',
				operation: 'create',
				firstName: '={{ $json.first }}',
				lastName: '={{ $json.last }}',
				email: '={{ $json.key }}',
				additionalFields: {},
			},
			rulePath: '/users/v1/api/user',
			logPath: '/users/v1/api/user',
			keyOfBody: (body) => body?.email,
			keyOfOutput: (json) => json.email,
			stored: (mock) =>
				[...mock.state.users.values()].map((user) => ({ key: user.email, id: user.id })),
		},
		createPlan: qflowCreatePlan,
		read: {
			input: () =>
				Array.from({ length: READS }, (_, index) => ({
					id: `00000000-0000-4000-8000-${String((index % 7) + 1).padStart(12, '0')}`,
				})),
			parameters: {
				resource: 'user',
				operation: 'get',
				userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
			where: { method: 'GET', pathRegex: '^/users/v1/api/user/[^/]+$' },
			check: (json, input) => json.id === input.id,
		},
		readKinds: [...COMMON_READ_KINDS, 'tokens revoked'],
	},
	qflowGuests: {
		label: 'Qflow guests',
		start: () => startQflowMock({ limitPerMinute: 100_000 }),
		credentialKey: 'qflowApi',
		nodeType: 'qflow',
		credential: (mock) => qflowCredential(mock),
		secrets: qflowSecrets,
		requestOptions: { timeoutSeconds: TIMEOUT_SECONDS, maxWaitSeconds: 120 },
		create: {
			// The item's own GUID goes as the guest's id: a resend finds the guest instead of adding one.
			idempotent: true,
			keyOf: (index) => `fault.guest.${pad(index)}@example.com`,
			input: (key, index) => ({
				key,
				id: guestGuid(index),
				first: 'Fault',
				last: `Guest ${pad(index)}`,
			}),
			parameters: {
				resource: 'guest',
				operation: 'upsert',
				eventId: { __rl: true, mode: 'id', value: GUEST_EVENT },
				guestId: '={{ $json.id }}',
				firstName: '={{ $json.first }}',
				lastName: '={{ $json.last }}',
				additionalFields: { email: '={{ $json.key }}' },
			},
			rulePath: '/checkin/v1/api/guest',
			logPath: '/checkin/v1/api/guest',
			keyOfBody: (body) => body?.email,
			keyOfOutput: (json) => json.email,
			stored: (mock) =>
				[...mock.state.guests.values()]
					.filter((guest) => guest.eventId === GUEST_EVENT)
					.map((guest) => ({ key: guest.email, id: guest.id })),
		},
		createPlan: qflowCreatePlan,
		read: {
			input: () =>
				Array.from({ length: READS }, (_, index) => ({
					id: SEED_IDS.events[index % SEED_IDS.events.length],
				})),
			parameters: {
				resource: 'event',
				operation: 'get',
				eventId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
			where: { method: 'GET', pathRegex: '^/checkin/v1/api/event/[^/]+$' },
			check: (json, input) => json.id === input.id,
		},
		readKinds: [...COMMON_READ_KINDS, 'tokens revoked'],
	},
	humanly: {
		label: 'Humanly',
		async start() {
			// Room to spare in both windows, and a 2 s burst window so a spent one frees quickly.
			return await startHumanlyMock({ perMinute: 10_000, minuteMs: 2_000, perHour: 100_000 });
		},
		credentialKey: 'humanlyApi',
		nodeType: 'humanly',
		credential: (mock) => humanlyCredential(mock),
		secrets: () => ({
			'Humanly API key': HUMANLY_SANDBOX.apiKey,
			'Humanly webhook secret': HUMANLY_SANDBOX.webhookSecret,
		}),
		// Max Wait 30 s: a 429 without headers means Humanly's 60 s window, so the node says so at once.
		requestOptions: { timeoutSeconds: TIMEOUT_SECONDS, maxWaitSeconds: 30 },
		create: {
			keyOf: (index) => `fault.candidate.${pad(index)}@example.com`,
			input: (key, index) => ({ key, first: 'Fault', last: `Candidate ${pad(index)}` }),
			parameters: {
				resource: 'candidate',
				operation: 'create',
				firstName: '={{ $json.first }}',
				lastName: '={{ $json.last }}',
				email: '={{ $json.key }}',
				additionalFields: {},
			},
			rulePath: '/qsi/gather/candidates',
			logPath: '/qsi/gather/candidates',
			keyOfBody: (body) => body?.email,
			keyOfOutput: (json) => json.email,
			stored: (mock) =>
				[...mock.state.candidates.values()].map((candidate) => ({
					key: candidate.email,
					id: candidate.id,
				})),
		},
		createPlan: (where) =>
			mix(where, [...COMMON_CREATE_KINDS, '429, no header', 'window spent by another client'], {
				first: 20,
				spacing: 35,
				rounds: 2,
			}),
		read: {
			input: () =>
				Array.from({ length: READS }, (_, index) => ({
					id: HUMANLY_SANDBOX.candidateIds[index % HUMANLY_SANDBOX.candidateIds.length],
				})),
			parameters: {
				resource: 'candidate',
				operation: 'get',
				candidateId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
			where: { method: 'GET', pathRegex: '^/qsi/gather/candidates/[^/]+$' },
			check: (json, input) => json.id === input.id,
		},
		readKinds: [...COMMON_READ_KINDS, 'window spent by another client'],
	},
};

const WRONG_SECRET = 'Not-The-Client-Secret-7';
const WRONG_PASSWORD = 'Not-The-Password-7';
const SIGN_IN_ITEMS = 25;

const results = {};
const mocks = [];
let signInMock;

/**
 * One vendor's run: its own mock and n8n, the fault plan, one execution with every branch. Starts
 * the mock and n8n and resolves with the function that runs the execution.
 */
async function prepareVendor(key) {
	const vendor = VENDORS[key];
	const mock = await vendor.start();
	mocks.push(mock);
	const n8n = await createN8n(`faults-${key}`);
	const credential = { id: `${key}Faults`, name: `${vendor.label} (faults)` };
	const credentials = [{ ...credential, ...vendor.credential(mock) }];
	const branches = [];
	const node = (name, parameters, cred = credential) => ({
		name,
		type: vendor.nodeType,
		credentials: { [vendor.credentialKey]: cred },
		onError: 'continueRegularOutput',
		parameters: { ...parameters, requestOptions: vendor.requestOptions },
	});

	const createInput = Array.from({ length: CREATES }, (_, index) =>
		vendor.create.input(vendor.create.keyOf(index), index),
	);
	const readInput = vendor.read.input();
	branches.push({
		name: 'Create',
		input: createInput,
		node: node('Create', vendor.create.parameters),
	});
	branches.push({ name: 'Read', input: readInput, node: node('Read', vendor.read.parameters) });

	if (key === 'qflow') {
		// A sign-in refused for a wrong client secret or password: tried once per run, never again.
		const wrongSecret = { id: 'qflowWrongSecret', name: 'Qflow (wrong client secret)' };
		const wrongPassword = { id: 'qflowWrongPassword', name: 'Qflow (wrong password)' };
		credentials.push(
			{ ...wrongSecret, ...qflowCredential(signInMock, { clientSecret: WRONG_SECRET }) },
			{ ...wrongPassword, ...qflowCredential(signInMock, { password: WRONG_PASSWORD }) },
		);
		const signInInput = Array.from({ length: SIGN_IN_ITEMS }, (_, index) =>
			vendor.create.input(`sign.in.${pad(index)}@example.com`, index),
		);
		branches.push({
			name: 'Wrong Secret',
			input: signInInput,
			node: node('Wrong Secret', vendor.create.parameters, wrongSecret),
		});
		branches.push({
			name: 'Wrong Password',
			input: signInInput,
			node: node('Wrong Password', vendor.create.parameters, wrongPassword),
		});
	}
	await n8n.importCredentials(credentials);

	return async () => {
		const createWhere = { method: 'POST', path: vendor.create.rulePath };
		mock.faults.set([
			...vendor.createPlan(createWhere),
			...mix(vendor.read.where, vendor.readKinds, { first: 10, spacing: 15 }),
		]);
		const started = Date.now();
		const run = await n8n.run(branchedWorkflow({ id: `faults${key}`, branches }));
		const wallMs = Date.now() - started;
		results[key] = { vendor, mock, n8n, run, wallMs, createInput, readInput };
	};
}

beforeAll(async () => {
	signInMock = await startQflowMock();
	mocks.push(signInMock);
	// Starting n8n keeps both cores busy: one at a time, so none misses its start-up deadline on a
	// loaded machine. The runs, mostly waiting, go side by side.
	const runs = [];
	for (const key of Object.keys(VENDORS)) runs.push(await prepareVendor(key));
	await Promise.all(runs.map((run) => run()));
}, SUITE_TIMEOUT);

afterAll(async () => {
	printTotals();
	// Every mock started, also those of a run that failed: an open server keeps Jest from exiting.
	await Promise.all(mocks.map((mock) => mock.close()));
});

/** The create branch of one vendor, item by item, next to what its mock received and stored. */
function createView(key) {
	const { vendor, mock, run, createInput } = results[key];
	const spec = vendor.create;
	const output = run.output('Create');
	const keys = new Set(createInput.map((item) => item.key));
	const storedByKey = new Map();
	for (const record of spec.stored(mock)) {
		if (keys.has(record.key))
			storedByKey.set(record.key, [...(storedByKey.get(record.key) ?? []), record]);
	}
	const requestsByKey = new Map();
	for (const request of mock.requests.filter(
		(r) => r.method === 'POST' && r.path === spec.logPath,
	)) {
		const requestKey = spec.keyOfBody(request.body);
		requestsByKey.set(requestKey, [...(requestsByKey.get(requestKey) ?? []), request]);
	}
	const items = createInput.map((input, index) => {
		const json = output.find((item) => item.pairedItem?.item === index)?.json;
		return {
			index,
			key: input.key,
			json,
			error: json?.error,
			stored: storedByKey.get(input.key) ?? [],
			requests: requestsByKey.get(input.key) ?? [],
		};
	});
	return { output, items, storedByKey, requestsByKey };
}

const ok = (status) => status >= 200 && status < 300;

describe.each(Object.keys(VENDORS))('%s under fire', (key) => {
	const vendorOf = () => results[key];
	const createInput = () => results[key].createInput;

	test('the workflow ran to its end and every planned kind of fault was injected', () => {
		const { run, mock } = vendorOf();
		run.assertSucceeded();
		const plannedTypes = [...new Set(mock.faults.plan.map((rule) => rule.fault))];
		expect(plannedTypes.length).toBeGreaterThanOrEqual(5);
		expect(plannedTypes.filter((type) => !(mock.faults.injected[type] > 0))).toEqual([]);
	});

	test(`${CREATES} creates: every input comes out exactly once, paired with it`, () => {
		const { run, createInput } = vendorOf();
		expect(account(run.output('Create'), createInput.length)).toEqual({
			in: CREATES,
			out: CREATES,
			lost: 0,
			duplicated: 0,
			badPairing: 0,
		});
	});

	test('every success is stored exactly once, as the record the item shows', () => {
		const { vendor } = vendorOf();
		const { items } = createView(key);
		const successes = items.filter((item) => item.json && item.error === undefined);
		expect(successes.length).toBeGreaterThan(CREATES * 0.9);
		const wrong = successes
			.filter(
				(item) =>
					vendor.create.keyOfOutput(item.json) !== item.key ||
					item.stored.length !== 1 ||
					item.stored[0].id !== item.json.id,
			)
			.map((item) => ({
				item: item.index,
				key: item.key,
				shows: vendor.create.keyOfOutput(item.json),
				stored: item.stored.length,
			}));
		expect(wrong).toEqual([]);
	});

	if (!VENDORS[key].create.idempotent) {
		test('nothing is stored twice, and nothing is sent again once it may have been processed', () => {
			const { items } = createView(key);
			expect(items.filter((item) => item.stored.length > 1).map((item) => item.key)).toEqual([]);
			// At most one request per input was processed (answered 2xx, or marked processed by a fault).
			const processedTwice = items.filter(
				(item) => item.requests.filter((r) => ok(r.status) || r.processed === true).length > 1,
			);
			expect(processedTwice.map((item) => item.key)).toEqual([]);
			// A request left without an answer (status 0) was the last one sent for its input.
			const resent = items.filter((item) =>
				item.requests.some((r, position) => r.status === 0 && position < item.requests.length - 1),
			);
			expect(resent.map((item) => [item.key, item.requests.map((r) => r.status)])).toEqual([]);
			// Unique keys: a 409 or 400 would mean a resend of something already created.
			const { mock, vendor } = vendorOf();
			expect(
				mock.requests.filter(
					(r) => r.path === vendor.create.logPath && [400, 409].includes(r.status),
				),
			).toEqual([]);
		});

		test('a record stored without a success item belongs to an item told the outcome is unknown', () => {
			const { items } = createView(key);
			const storedWithoutSuccess = items.filter(
				(item) => item.stored.length > 0 && item.error !== undefined,
			);
			const unexplained = storedWithoutSuccess.filter((item) => causeOf(item.error) !== UNKNOWN);
			expect(unexplained.map((item) => [item.key, item.error])).toEqual([]);
			// The plan processes some requests whose answer never arrives (reset after, a slow answer):
			// those records exist although their items failed.
			expect(storedWithoutSuccess.length).toBeGreaterThan(0);
			// Every input whose last request got no answer is told the outcome is unknown. (The node may
			// also say so when the mock did answer but the answer did not arrive in time on a loaded
			// machine: the printed totals count those.)
			const unanswered = items
				.filter((item) => item.requests.at(-1)?.status === 0)
				.map((item) => item.index);
			const toldUnknown = items
				.filter((item) => item.error && causeOf(item.error) === UNKNOWN)
				.map((item) => item.index);
			expect(unanswered.filter((index) => !toldUnknown.includes(index))).toEqual([]);
			expect(unanswered.length).toBeGreaterThanOrEqual(4);
		});
	} else {
		test(`${CREATES} items give ${CREATES} guests under their own GUIDs, none twice; an item fails only when no resend was answered`, () => {
			const { vendor, mock } = vendorOf();
			const { items } = createView(key);
			expect(vendor.create.stored(mock).length).toBe(CREATES);
			const wrong = items
				.filter(
					(item) => item.stored.length !== 1 || item.stored[0].id !== createInput()[item.index].id,
				)
				.map((item) => ({ item: item.index, key: item.key, stored: item.stored.map((r) => r.id) }));
			expect(wrong).toEqual([]);
			const failedWithoutCause = items
				.filter((item) => item.error !== undefined)
				.filter(
					(item) => !NO_ANSWER_AFTER_RESENDS.test(item.error) || item.requests.at(-1)?.status !== 0,
				)
				.map((item) => [item.key, item.error, item.requests.map((r) => r.status)]);
			expect(failedWithoutCause).toEqual([]);
		});

		test('a request left without an answer was resent, and the resend found the guest it may have created', () => {
			const { mock, vendor } = vendorOf();
			const { items } = createView(key);
			const unanswered = items.filter((item) => item.requests.some((r) => r.status === 0));
			// Resets before and after processing and answers past the Timeout, two rounds of each.
			expect(unanswered.length).toBeGreaterThanOrEqual(8);
			const notResent = unanswered.filter(
				(item) => !(item.error === undefined && ok(item.requests.at(-1).status)),
			);
			expect(notResent.map((item) => [item.key, item.requests.map((r) => r.status)])).toEqual([]);
			// Created by a request whose answer was lost, then answered to the resend: still one guest.
			const processedThenResent = unanswered.filter((item) =>
				item.requests.some((r) => r.status === 0 && r.processed === true),
			);
			expect(processedThenResent.length).toBeGreaterThanOrEqual(4);
			expect(processedThenResent.filter((item) => item.stored.length !== 1)).toEqual([]);
			// The resend returned the guest as sent: no conflict, no refusal, no update call.
			expect(
				mock.requests.filter(
					(r) =>
						(r.path === vendor.create.logPath && [400, 409].includes(r.status)) ||
						r.path.startsWith('/checkin/v1/api/guests/'),
				),
			).toEqual([]);
		});
	}

	test('every error item names its cause in words a user understands', () => {
		const { run } = vendorOf();
		const errors = Object.keys(run.runData)
			.filter((name) => !name.endsWith(' Input') && !name.endsWith(' Items') && name !== 'Start')
			.flatMap((name) =>
				run
					.items(name)
					.filter((json) => json.error !== undefined)
					.map((json) => ({ node: name, ...json })),
			);
		// The at-most-once creates leave outcome-unknown errors; a guest create may end with none.
		if (!VENDORS[key].create.idempotent) expect(errors.length).toBeGreaterThan(0);
		const bad = errors
			.map((error) => ({
				error,
				problem:
					unreadable(error.error) ??
					(error.description ? unreadable(error.description) : undefined) ??
					(causeOf(error.error) ? undefined : 'no known cause'),
			}))
			.filter(({ problem }) => problem);
		expect(bad.map(({ error, problem }) => `${error.node}: ${problem}: ${error.error}`)).toEqual(
			[],
		);
	});

	test(`${READS} reads ride out the same faults: every one comes back, right and paired`, () => {
		const { run, vendor, readInput, mock } = vendorOf();
		const output = run.output('Read');
		expect(account(output, readInput.length)).toEqual({
			in: READS,
			out: READS,
			lost: 0,
			duplicated: 0,
			badPairing: 0,
		});
		const failed = output.filter(
			(item, index) =>
				item.json.error !== undefined || !vendor.read.check(item.json, readInput[index]),
		);
		expect(failed.map((item) => item.json.error ?? item.json)).toEqual([]);
		const faultedReads = mock.requests.filter((r) => r.method === 'GET' && r.fault !== undefined);
		expect(faultedReads.length).toBeGreaterThanOrEqual(vendor.readKinds.length);
	});

	test('no secret appears in what n8n printed, the execution data it stored, or the error items', () => {
		const { run, n8n, mock } = vendorOf();
		const secrets = allSecrets();
		const places = placesOf(run, n8n.userFolder);
		const errorItems = Object.keys(run.runData).flatMap((name) =>
			run.items(name).filter((json) => json.error !== undefined),
		);
		places['the error items'] = JSON.stringify(errorItems);
		// The search reads the execution data: an input of this run is in both places searched.
		const marker = results[key].createInput[0].key;
		expect(places["n8n's output"].includes(marker)).toBe(true);
		expect(
			Object.entries(places).some(
				([place, content]) => place.startsWith('the database') && content.includes(marker),
			),
		).toBe(true);
		const found = findSecrets(places, secrets);
		results[key].secretsFound = found;
		expect(found).toEqual([]);
		if (VENDORS[key].credentialKey === 'qflowApi')
			expect(mock.issuedTokens().accessTokens.length).toBeGreaterThan(1);
	});
});

describe('Qflow sign-in refused for a wrong secret or password', () => {
	test.each([
		[
			'Wrong Secret',
			'Qflow: Sign-in refused: the Client ID or Client Secret is wrong (invalid_client). Check both in the Qflow credential; they come with your Qflow API client.',
		],
		[
			'Wrong Password',
			'Qflow: Sign-in refused: the Username or Password is wrong (invalid_grant: invalid_username_or_password). Check both in the Qflow credential; the username is <enterprisePin>/<email>, e.g. 123/jane@example.com, or the email alone for an account without an enterprise.',
		],
	])('%s: every item fails with the same message', (node, message) => {
		const output = results.qflow.run.output(node);
		expect(account(output, SIGN_IN_ITEMS)).toEqual({
			in: SIGN_IN_ITEMS,
			out: SIGN_IN_ITEMS,
			lost: 0,
			duplicated: 0,
			badPairing: 0,
		});
		expect(new Set(output.map((item) => item.json.error))).toEqual(new Set([message]));
	});

	test('one grant per credential for the whole run, and no API call', () => {
		// Identity servers lock accounts after repeated failed grants: 2 credentials, 2 grants.
		expect(signInMock.counters).toMatchObject({
			tokenRequests: 2,
			passwordGrants: 1,
			apiRequests: 0,
		});
		expect(signInMock.state.users.size).toBe(7);
	});
});

/** Every secret any of the runs had: each is looked for in every vendor's places. */
function allSecrets() {
	return Object.assign(
		{},
		...Object.values(results).map(({ vendor, mock }) => vendor.secrets(mock)),
	);
}

/** The totals of the suite, and the exact messages users saw for each cause. */
function printTotals() {
	if (Object.keys(results).length === 0) return;
	const rows = [];
	const messages = new Map();
	const notes = [];
	for (const [
		key,
		{ vendor, mock, run, wallMs, createInput, readInput, secretsFound },
	] of Object.entries(results)) {
		if (!run.runData) {
			rows.push([
				vendor.label,
				'no run data',
				'',
				'',
				'',
				'',
				'',
				'',
				`${Math.round(wallMs / 1000)} s`,
			]);
			continue;
		}
		const creates = account(run.output('Create'), createInput.length);
		const reads = account(run.output('Read'), readInput.length);
		const { items } = createView(key);
		const storedTwice = items.filter((item) => item.stored.length > 1).length;
		const failed = items.filter((item) => item.error !== undefined);
		const byCause = new Map();
		for (const item of failed) {
			const cause = causeOf(item.error) ?? 'UNKNOWN CAUSE';
			byCause.set(cause, (byCause.get(cause) ?? 0) + 1);
			// One line per distinct message; times and waits vary from run to run.
			const shape = `${vendor.label} creates: ${item.error.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>').replace(/\d+ s\b/g, '<n> s')}`;
			messages.set(shape, { count: (messages.get(shape)?.count ?? 0) + 1, example: item.error });
			if (cause === UNKNOWN && item.requests.at(-1)?.status !== 0) {
				notes.push(
					`${vendor.label} item ${item.index}: the mock answered ${item.requests.map((r) => r.status).join(', ')} (${item.stored.length} stored) but the answer did not reach n8n in time; the item says: ${item.error}`,
				);
			}
		}
		const unknownStored = failed.filter((item) => item.stored.length > 0).length;
		const causes = [...byCause].map(([cause, count]) => `${count} ${cause}`).join('; ');
		const outcomes = [`${creates.in - failed.length} ok`];
		if (vendor.create.idempotent) {
			const resent = items.filter((item) => item.requests.some((r) => r.status === 0));
			const created = resent.filter((item) =>
				item.requests.some((r) => r.status === 0 && r.processed === true),
			);
			outcomes.push(
				`${resent.length} resent after no answer (${created.length} had already created the guest)`,
				`${vendor.create.stored(mock).length} stored`,
			);
		}
		if (failed.length) outcomes.push(`${causes} (${unknownStored} of them stored)`);
		const injected = Object.entries(mock.faults.injected)
			.filter(([, count]) => count > 0)
			.map(([type, count]) => `${type} ${count}`)
			.join(', ');
		rows.push([
			vendor.label,
			`${creates.in} / ${creates.out}`,
			outcomes.join('; '),
			creates.lost + reads.lost,
			creates.duplicated + reads.duplicated + storedTwice,
			`${reads.in} / ${reads.out}`,
			secretsFound === undefined ? 'not searched' : secretsFound.length,
			injected,
			`${Math.round(run.durationMs / 1000)} s (${Math.round(wallMs / 1000)} s with import)`,
		]);
	}
	const header = [
		'vendor',
		'creates in / out',
		'creates',
		'lost',
		'duplicated',
		'reads in / out',
		'secrets found',
		'faults injected',
		'execution',
	];
	for (const node of ['Wrong Secret', 'Wrong Password']) {
		const output = results.qflow?.run.runData?.[node] ? results.qflow.run.output(node) : [];
		if (output.length)
			messages.set(`Qflow ${node}`, { count: output.length, example: output[0].json.error });
	}
	process.stdout.write(
		`\nFault suite totals (n8n execute per vendor, side by side):\n${table(header, rows)}\n${notes.map((note) => `  ${note}\n`).join('')}` +
			`\nWhat users saw (each distinct error, how many items, one example):\n${[...messages]
				.map(([shape, { count, example }]) => `  ${count} × ${shape.split(':')[0]}: ${example}`)
				.join('\n')}\n`,
	);
}
