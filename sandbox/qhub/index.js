'use strict';
/**
 * Local mock of the Q-Hub compliance API ("Q-Hub API (beta)"), the stand-in for the real API in
 * every e2e test. Published facts: `x-api-key` + `x-api-secret` on every request; 401 for a missing
 * or wrong pair (no rate-limit headers); 25 requests per fixed window per key with `RateLimit-*`
 * headers (no `X-` prefix, reset in epoch seconds); 429 when spent; 503 on a traffic spike. Paths,
 * paging, limits and the error body are read from nodes/QHub/api.ts (vendorFacts).
 *
 *   node sandbox/qhub            (QHUB_HOST / QHUB_PORT override 127.0.0.1:4010)
 */
const crypto = require('node:crypto');
const {
	startMock,
	withDefaults,
	invoke,
	createRouter,
	route,
	fixedWindow,
	ApiError,
	statusError,
} = require('../lib');
const { vendorFacts } = require('../lib/vendorFacts');
const { QHUB_SANDBOX, seedState } = require('./seed');
const { createHandlers, invalid, problem } = require('./handlers');
const { PREFIX, qhubRoutes } = require('./routes');

const DEFAULTS = {
	host: '127.0.0.1',
	port: 0,
	...QHUB_SANDBOX,
	limit: 25,
	// One source says 15 minutes, the vendor's page 60: the node obeys the headers, so either works.
	windowMs: 15 * 60 * 1000,
	retryAfterOn429: true,
	seats: 10,
	now: () => Date.now(),
};
const { QHUB } = vendorFacts('QHub');
const AUTH_HINT =
	'Send both x-api-key and x-api-secret headers; keys are made in Admin > Dev centre > API keys.';
const FAULT_ERRORS = {
	503: [
		'service_unavailable',
		'Q-Hub is experiencing a traffic spike. Usually operational again within ~5 minutes.',
	],
	429: ['rate_limited', 'Rate limit exceeded.'],
};

/** Compares through SHA-256 digests so the check takes the same time whatever the input length. */
function sameSecret(given, expected) {
	const digest = (value) => crypto.createHash('sha256').update(String(value)).digest();
	return crypto.timingSafeEqual(digest(given), digest(expected));
}

function authFailure({ 'x-api-key': key, 'x-api-secret': secret }, { apiKey, apiSecret }) {
	if (!key || !secret)
		return new ApiError(401, 'unauthorized', `Missing API key or secret. ${AUTH_HINT}`);
	if (!sameSecret(key, apiKey) || !sameSecret(secret, apiSecret))
		return new ApiError(401, 'unauthorized', `Invalid API key or secret. ${AUTH_HINT}`);
	return null;
}

async function startQHubMock(options = {}) {
	const config = withDefaults(DEFAULTS, options);
	const { now, apiKey, limit } = config;
	const state = {
		users: new Map(),
		locations: new Map(),
		dataSets: new Map(),
		formEntries: [],
		processEntries: [],
	};
	seedState(state);
	const handlers = createHandlers(state, config);
	const router = createRouter(qhubRoutes(handlers), { prefix: PREFIX });
	const limiter = fixedWindow(config);
	let requestCounter = 0;
	let outage = { remaining: 0 };

	/** Every answer carries its own request id; errors have the `{ error, message, details? }` body. */
	const withId = (outcome) => ({
		...outcome,
		headers: { [QHUB.requestIdHeader]: `qh_req_${++requestCounter}`, ...outcome.headers },
	});
	const errorAnswer = ({ status, code, message, details }, headers = {}) =>
		withId({
			status,
			body: {
				[QHUB.error.codeField]: code,
				[QHUB.error.messageField]: message,
				...(details && { [QHUB.error.detailsField]: details }),
			},
			headers,
		});
	const rateHeaders = (window, remaining = Math.max(0, limit - window.count)) => ({
		'RateLimit-Limit': String(limit),
		'RateLimit-Remaining': String(remaining),
		'RateLimit-Reset': String(Math.ceil(limiter.resetMs(window) / 1000)),
	});

	function rateLimited(window) {
		const resetMs = limiter.resetMs(window);
		const headers = rateHeaders(window, 0);
		if (config.retryAfterOn429)
			headers['Retry-After'] = String(Math.max(1, Math.ceil((resetMs - now()) / 1000)));
		const minutes = Number((config.windowMs / 60000).toFixed(2));
		const message = `Rate limit exceeded: ${limit} requests per ${minutes} minutes. The window resets at ${new Date(resetMs).toISOString()}.`;
		return errorAnswer(new ApiError(429, 'rate_limited', message), headers);
	}

	/** The gate order matters: 401, 503 and 429 are not counted; everything after them is. */
	function handle(ctx) {
		const denied = authFailure(ctx.headers, config);
		if (denied) return errorAnswer(denied);
		if (outage.remaining > 0) {
			outage.remaining -= 1;
			return errorAnswer(
				statusError(503, FAULT_ERRORS),
				outage.retryAfterSeconds === undefined
					? {}
					: { 'Retry-After': String(outage.retryAfterSeconds) },
			);
		}
		const window = limiter.exhausted(apiKey);
		if (window) return rateLimited(window);
		let outcome;
		try {
			if (ctx.badJson) throw invalid([problem('body', 'must be valid JSON')]);
			const matched = router.match(ctx.method, ctx.pathname);
			if (!matched)
				throw new ApiError(
					404,
					'not_found',
					`No route ${ctx.method} ${ctx.pathname} (every route starts with ${PREFIX})`,
				);
			outcome = withId(invoke(ctx, matched, { query: ctx.query, body: ctx.body }));
		} catch (error) {
			if (!(error instanceof ApiError)) throw error;
			outcome = errorAnswer(error);
		}
		return { ...outcome, headers: { ...outcome.headers, ...rateHeaders(limiter.count(apiKey)) } };
	}

	const kernel = await startMock({
		...config,
		handle,
		errorAnswer: (error) => errorAnswer(error),
		faultError: (status) => statusError(status, FAULT_ERRORS),
		// The log shows the path below the base URL's prefix, as QHUB.paths in nodes/QHub/api.ts writes it.
		logPath: (ctx) => router.pathOf(ctx.pathname) ?? ctx.pathname,
		emptyBody: null,
		spendWindow: () => limiter.spend(apiKey),
		reset() {
			seedState(state);
			limiter.clear();
			outage = { remaining: 0 };
		},
		counters: () => ({ counted: limiter.counted(apiKey) }),
		sandboxRoutes: [
			route('POST', '/form-entries', ({ body }) => ({
				status: 201,
				body: handlers.addFormEntry(body),
			})),
			route('POST', '/process-entries', ({ body }) => ({
				status: 201,
				body: handlers.addProcessEntry(body),
			})),
		],
	});

	return {
		url: `${kernel.origin}${PREFIX}`,
		requests: kernel.requests,
		state,
		faults: kernel.faults,
		counted: () => limiter.counted(apiKey),
		/** The next `n` authenticated requests answer 503 (a later call replaces an earlier one). */
		fail503(n, { retryAfterSeconds } = {}) {
			outage = { remaining: n, retryAfterSeconds };
		},
		/** `{ formId, answers?, submittedAt? }`: a new form entry, as if just submitted in Q-Hub. */
		addFormEntry: handlers.addFormEntry,
		/** `{ processId, fields?, status?, createdAt? }`: a new process entry. */
		addProcessEntry: handlers.addProcessEntry,
		reset: kernel.reset,
		close: kernel.close,
	};
}

/** The n8n credential (type and data) that signs in to a running mock: shared by tests and the start script. */
function qhubCredential(mock) {
	return {
		type: 'qHubApi',
		data: { apiKey: QHUB_SANDBOX.apiKey, apiSecret: QHUB_SANDBOX.apiSecret, baseUrl: mock.url },
	};
}

module.exports = { startQHubMock, QHUB_SANDBOX, qhubCredential };

if (require.main === module) {
	startQHubMock({
		host: process.env.QHUB_HOST || '127.0.0.1',
		port: Number(process.env.QHUB_PORT || 4010),
	}).then((mock) => {
		console.log(`Q-Hub mock listening: base URL ${mock.url}`);
		console.log(`API key ${QHUB_SANDBOX.apiKey}, API secret ${QHUB_SANDBOX.apiSecret}`);
		process.once('SIGINT', () => mock.close().then(() => process.exit(0)));
	});
}
