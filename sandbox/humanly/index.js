'use strict';
/**
 * Local mock of the Humanly / Qualifi "Gather" API. Documented: `x-api-key: qapi_…` (the key
 * carries the organization), `{ data, meta }` and `{ error: { code, message, details? }, meta }`
 * envelopes, 1000 requests an hour and 100 a minute per key in sliding windows with X-RateLimit-*
 * headers on every answer, signed webhooks. The [assumed] facts are those of nodes/Humanly/api.ts.
 *
 * docs.humanly.io exists in an older and a newer version and the live API may answer either way: the
 * mock answers as the newer pages unless told otherwise by the `docs` option, HUMANLY_SANDBOX_DOCS
 * (newer | older), `mock.setDocs()` or `PUT /__sandbox/docs {"docs":"older"}`.
 *
 *   node sandbox/humanly [port]            (or HUMANLY_SANDBOX_PORT)
 */
const { createHash, randomUUID } = require('node:crypto');
const {
	startMock,
	withDefaults,
	invoke,
	createRouter,
	route,
	slidingWindows,
	ApiError,
	statusError,
} = require('../lib');
const { API_KEYS, HUMANLY_SANDBOX, seedState } = require('./seed');
const { createHandlers, invalid, notFound, isObject } = require('./handlers');
const { PREFIX, humanlyRoutes, routeName } = require('./routes');
const { createWebhooks } = require('./webhooks');

/**
 * `perMinute` and `perHour`: the two sliding windows; `minuteMs`: the length of the first one (a test
 * that spends the window shortens it so it need not wait a real minute); `maxBatchSize`: most users
 * or teams per bulk POST; `docs`: which version of the pages the answers follow.
 */
const DOCS_VERSIONS = ['newer', 'older'];
const DEFAULTS = {
	host: '127.0.0.1',
	port: 0,
	docs: process.env.HUMANLY_SANDBOX_DOCS || 'newer',
	perMinute: 100,
	minuteMs: 60_000,
	perHour: 1000,
	maxBatchSize: 100,
	now: () => Date.now(),
};
const FAULT_ERRORS = {
	500: ['INTERNAL_ERROR', 'Internal server error'],
	429: ['RATE_LIMIT_EXCEEDED', 'Rate limit exceeded'],
};
const faultError = (status) => statusError(status, FAULT_ERRORS, (code) => code.toUpperCase());

/** Rate-limit buckets are keyed by a hash so the mock never holds a presented key in clear. */
const bucketOf = (apiKey) =>
	createHash('sha256')
		.update(String(apiKey ?? ''))
		.digest('hex');

const rateLimitHeaders = ({ limit, remaining, resetMs }) => ({
	'X-RateLimit-Limit': String(limit),
	'X-RateLimit-Remaining': String(remaining),
	'X-RateLimit-Reset': String(Math.ceil(resetMs / 1000)),
});

function checkedDocs(docs) {
	if (!DOCS_VERSIONS.includes(docs))
		throw new Error(`docs must be one of ${DOCS_VERSIONS.join(', ')}, not ${docs}`);
	return docs;
}

async function startHumanlyMock(opts = {}) {
	const options = withDefaults(DEFAULTS, opts);
	const { now } = options;
	let docs = checkedDocs(options.docs);
	const state = {
		users: new Map(),
		teams: new Map(),
		candidates: new Map(),
		interviews: new Map(),
		candidateInterviews: new Map(),
		questions: new Map(),
		surveyQuestions: new Map(),
		aiTextQuestions: new Map(),
		narrators: new Map(),
		messageGroups: new Map(),
	};
	const results = new Map(); // candidateInterviewId -> results, filled by completeInterview
	const counters = {};
	const limiter = slidingWindows({
		now,
		windows: [
			{ limit: options.perMinute, ms: options.minuteMs },
			{ limit: options.perHour, ms: 3_600_000 },
		],
	});
	const webhooks = createWebhooks({ now, secret: HUMANLY_SANDBOX.webhookSecret, counters });
	let forcedFailures = 0;
	const handlers = createHandlers({
		state,
		results,
		...options,
		docs: () => docs,
		notify: webhooks.notify,
	});
	const router = createRouter(humanlyRoutes(handlers), { prefix: PREFIX });

	const meta = () => ({ requestId: randomUUID(), timestamp: new Date(now()).toISOString() });
	const errorAnswer = (error, headers) => ({
		status: error.status,
		body: {
			error: {
				code: error.code,
				message: error.message,
				...(error.details && { details: error.details }),
			},
			meta: meta(),
		},
		headers,
	});

	/**
	 * Order: rate limit first (every request, 401s included, so the headers are on every answer),
	 * then an injected 500, auth, route, body, handler.
	 */
	function handle(ctx) {
		const apiKey = ctx.headers['x-api-key'];
		const matched = router.match(ctx.method, ctx.pathname);
		counters.requests += 1;
		const name = matched && routeName(matched.route);
		if (name) counters.byRoute[name] = (counters.byRoute[name] ?? 0) + 1;
		const limit = limiter.take(bucketOf(apiKey));
		const headers = rateLimitHeaders(limit);
		try {
			if (!limit.admitted) {
				counters.rejected429 += 1;
				const details = {
					limit: limit.limit,
					remaining: limit.remaining,
					resetAt: new Date(limit.resetMs).toISOString(),
				};
				throw new ApiError(429, 'RATE_LIMIT_EXCEEDED', 'Rate limit exceeded', details);
			}
			if (forcedFailures > 0) {
				forcedFailures -= 1;
				throw faultError(500);
			}
			if (!apiKey) throw new ApiError(401, 'UNAUTHORIZED', 'Missing authentication header');
			const org = API_KEYS[apiKey];
			if (!org) throw new ApiError(401, 'UNAUTHORIZED', 'Invalid API key');
			if (!matched) throw notFound('route', `${ctx.method} ${ctx.pathname}`);
			if (ctx.badJson) throw invalid('body', 'must be valid JSON');
			const body = ctx.body ?? {};
			if (!isObject(body)) throw invalid('body', 'must be a JSON object');
			const { status, data, pagination } = invoke(ctx, matched, {
				org,
				query: ctx.searchParams,
				body,
			});
			return {
				status,
				body: { data, meta: { ...meta(), ...(pagination && { pagination }) } },
				headers,
			};
		} catch (error) {
			if (!(error instanceof ApiError)) throw error;
			return errorAnswer(error, headers);
		}
	}

	function reset() {
		seedState(state);
		results.clear();
		Object.assign(counters, {
			requests: 0,
			byRoute: {},
			rejected429: 0,
			webhooksSent: 0,
			webhookErrors: 0,
		});
		limiter.clear();
		forcedFailures = 0;
	}

	reset();
	const kernel = await startMock({
		...options,
		handle,
		errorAnswer: (error) => errorAnswer(error),
		faultError,
		spendWindow: (ctx) => limiter.spend(bucketOf(ctx.headers['x-api-key'])),
		reset,
		counters: () => counters,
		sandboxRoutes: [
			route('POST', '/webhooks', async ({ body }) => ({
				status: 200,
				body: { status: await webhooks.send(body) },
			})),
			// What Humanly's team does on request: the URL status changes and completed interviews go to.
			route('PUT', '/webhook-url', async ({ body }) => {
				webhooks.register(body?.url ?? null);
				return { status: 200, body: { url: body?.url ?? null } };
			}),
			// Which version of docs.humanly.io the answers follow: configuration, reset() keeps it.
			route('PUT', '/docs', async ({ body }) => {
				docs = checkedDocs(body?.docs);
				return { status: 200, body: { docs } };
			}),
		],
		close: webhooks.settle,
	});

	return {
		url: kernel.origin,
		requests: kernel.requests,
		counters,
		state,
		faults: kernel.faults,
		/** Test hook: the candidate answers every question; results become readable (and a webhook goes out). */
		completeInterview: handlers.completeInterview,
		/** Test hook: a summary left "processing" by completeInterview is generated now. */
		finishSummary: handlers.finishSummary,
		/** "newer" or "older": which version of docs.humanly.io the answers follow from now on. */
		setDocs(version) {
			docs = checkedDocs(version);
		},
		get docs() {
			return docs;
		},
		fail500(n = 1) {
			forcedFailures = n;
		},
		registerWebhook: webhooks.register,
		/** `{ event, data, url?, secret?, timestamp?, tamper?, unsigned? }`; resolves with the receiver's status. */
		sendWebhook: webhooks.send,
		/** Resolves once every fire-and-forget delivery (completeInterview, status changes) has ended. */
		settleWebhooks: webhooks.settle,
		reset: kernel.reset,
		close: kernel.close,
	};
}

/** The n8n credential (type and data) that signs in to a running mock: shared by tests and the start script. */
function humanlyCredential(mock, apiKey = HUMANLY_SANDBOX.apiKey) {
	return {
		type: 'humanlyApi',
		data: {
			apiKey,
			environment: 'custom',
			baseUrl: mock.url,
			webhookSecret: HUMANLY_SANDBOX.webhookSecret,
		},
	};
}

module.exports = { startHumanlyMock, HUMANLY_SANDBOX, humanlyCredential };

if (require.main === module) {
	const port = Number(process.argv[2] || process.env.HUMANLY_SANDBOX_PORT || 0);
	startHumanlyMock({ port }).then((mock) => {
		console.log(`Humanly sandbox listening on ${mock.url} (credential: custom base URL)`);
		console.log(
			`API key: ${HUMANLY_SANDBOX.apiKey} (other organization: ${HUMANLY_SANDBOX.otherOrgApiKey})`,
		);
		console.log(`Team ids: ${HUMANLY_SANDBOX.teamIds.join(', ')}`);
		console.log(`Webhook secret: ${HUMANLY_SANDBOX.webhookSecret}`);
		console.log(`Answers as the ${mock.docs} docs.humanly.io pages (HUMANLY_SANDBOX_DOCS)`);
	});
}
