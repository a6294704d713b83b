'use strict';
/**
 * Local mock of the Qflow Enterprise API: identity server, Azure APIM gateway and users API on ONE
 * server, so `mock.url` serves as both the identity host and the API host. Documented: the password
 * and refresh grants, both `Authorization: Bearer` and `Ocp-Apim-Subscription-Key` on every call
 * (the gateway rejects a call missing either), 1000 requests a minute per source IP with a 60 s
 * mitigation window and no rate-limit headers, 403 `trust_required` for callers without KYC. The
 * [assumed] facts are those of nodes/Qflow/api.ts (see handlers.js).
 *
 *   node sandbox/qflow            (QFLOW_SANDBOX_HOST, QFLOW_SANDBOX_PORT)
 */
const { startMock, invoke, createRouter, mitigatedWindow, ApiError, statusError } = require('../lib');
const { QFLOW_SANDBOX, SSO_EXAMPLE_KEY, seedState } = require('./seed');
const { createIdentity } = require('./identity');
const { createHandlers } = require('./handlers');
const { API_PREFIX, TOKEN_PATH, TRUST_REQUIRED, qflowRoutes } = require('./routes');

const RATE_WINDOW_MS = 60_000;
const APIM_MISSING_KEY =
	'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.';
const APIM_INVALID_KEY =
	'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.';
const FAULT_ERRORS = {
	429: ['rate_limit', 'Rate limit exceeded. Try again in 60 seconds.'],
	500: ['internal', 'Internal sandbox error'],
	503: ['service_unavailable', 'The service is temporarily unavailable. Try again later.'],
};

const errorBody = (error) => ({ status: error.status, body: { code: error.code, message: error.message } });

/**
 * @param {object} [options]
 * @param {string} [options.host='127.0.0.1']
 * @param {number} [options.port=0]
 * @param {number} [options.tokenTtlSeconds=3600] expires_in of issued access tokens
 * @param {number} [options.limitPerMinute=1000] API requests per source IP per 60 s window
 * @param {() => number} [options.now=Date.now] clock for token expiry, rate windows and the log
 */
async function startQflowMock(options = {}) {
	const host = options.host ?? '127.0.0.1';
	const now = options.now ?? (() => Date.now());
	// Handed out once and refilled in place by reset(). `trusted` lets a test flip a user's KYC status.
	const state = { users: new Map(), passwords: new Map(), trusted: new Set() };
	const counters = {};
	const identity = createIdentity({
		state,
		counters,
		now,
		tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
		client: QFLOW_SANDBOX,
		findLogin: (username) => handlers.findLogin(username),
	});
	const handlers = createHandlers({ state, enterprisePin: QFLOW_SANDBOX.enterprisePin, revokeSessions: identity.revokeSessions });
	const router = createRouter(qflowRoutes(handlers), { prefix: API_PREFIX });
	const limiter = mitigatedWindow({ limit: options.limitPerMinute ?? 1000, windowMs: RATE_WINDOW_MS, blockMs: RATE_WINDOW_MS, now });
	let pending503 = 0;
	let requestSeq = 0;
	// expireTokensAfter(n): after n more API requests every access token existing at that moment
	// stops working (once), like an hour-old token running out in the middle of a workflow.
	let expireAfterRequests;

	const withId = (outcome) => ({ ...outcome, headers: { 'x-request-id': `qf_${++requestSeq}`, ...outcome.headers } });

	/** Edge (rate limit, injected 503), then APIM (key, bearer), then the users API. */
	function apiOutcome(ctx) {
		if (ctx.tooLarge) throw new ApiError(413, 'payload_too_large', 'Request body is too large');
		// The limit is enforced at the edge, so even requests APIM later rejects use up the budget.
		if (limiter.limited(ctx.ip)) return errorBody(statusError(429, FAULT_ERRORS));
		// Injected outages hit the next n requests whatever their credentials, which keeps tests predictable.
		if (pending503 > 0) {
			pending503 -= 1;
			return errorBody(statusError(503, FAULT_ERRORS));
		}
		const key = ctx.headers['ocp-apim-subscription-key'];
		if (!key) return { status: 401, body: { statusCode: 401, message: APIM_MISSING_KEY } };
		if (key !== QFLOW_SANDBOX.subscriptionKey) return { status: 401, body: { statusCode: 401, message: APIM_INVALID_KEY } };
		const session = identity.session(ctx.headers);
		if (!session) return { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } };

		let body = {};
		if (ctx.method !== 'GET' && ctx.method !== 'DELETE') {
			if (ctx.badJson) throw new ApiError(400, 'validation', 'Request body is not valid JSON');
			body = ctx.body ?? {};
			if (typeof body !== 'object' || body === null || Array.isArray(body)) {
				throw new ApiError(400, 'validation', 'Request body must be a JSON object');
			}
		}
		const matched = router.match(ctx.method, ctx.pathname);
		if (!matched) throw new ApiError(404, 'not_found', `No route for ${ctx.method} ${ctx.pathname}`);
		if (TRUST_REQUIRED.has(`${ctx.method} ${matched.route.pattern}`) && !session.trusted) {
			throw new ApiError(403, 'trust_required', 'This operation requires a trusted (KYC-verified) account.');
		}
		return invoke(ctx, matched, { query: ctx.query, body });
	}

	function handleApi(ctx) {
		if (expireAfterRequests !== undefined) {
			if (expireAfterRequests === 0) {
				identity.expireAccessTokens();
				expireAfterRequests = undefined;
			} else expireAfterRequests -= 1;
		}
		counters.apiRequests += 1;
		let outcome;
		try {
			outcome = apiOutcome(ctx);
		} catch (error) {
			if (!(error instanceof ApiError)) throw error;
			outcome = errorBody(error);
		}
		if (outcome.status === 401) counters.rejected401 += 1;
		if (outcome.status === 429) counters.rejected429 += 1;
		return withId(outcome);
	}

	function handle(ctx) {
		if (ctx.pathname.startsWith(`${API_PREFIX}/`)) return handleApi(ctx);
		if (ctx.pathname !== TOKEN_PATH) return { status: 404, body: { statusCode: 404, message: 'Resource not found' } };
		if (ctx.method !== 'POST') return { status: 405, body: { error: 'invalid_request' }, headers: { allow: 'POST' } };
		ctx.processed = true;
		// Token responses must not be cached (RFC 6749 §5.1).
		return { ...identity.grant(ctx), headers: { 'cache-control': 'no-store', pragma: 'no-cache' } };
	}

	function reset() {
		seedState(state);
		Object.assign(counters, { tokenRequests: 0, passwordGrants: 0, refreshGrants: 0, apiRequests: 0, rejected401: 0, rejected429: 0 });
		identity.clear();
		limiter.clear();
		pending503 = 0;
		requestSeq = 0;
		expireAfterRequests = undefined;
	}

	reset();
	const kernel = await startMock({
		host,
		port: options.port ?? 0,
		now,
		maxBodyBytes: 1024 * 1024,
		contentType: 'application/json; charset=utf-8',
		handle,
		errorAnswer: (error, ctx) => (ctx.pathname.startsWith(`${API_PREFIX}/`) ? withId(errorBody(error)) : errorBody(error)),
		faultError: (status) => statusError(status, FAULT_ERRORS),
		// Only users API calls are logged: token requests carry nothing a test asserts on but secrets.
		logged: (ctx) => ctx.pathname.startsWith(`${API_PREFIX}/`),
		spendWindow: (ctx) => limiter.spend(ctx.ip),
		revokeTokens: () => identity.expireAccessTokens(),
		reset,
		counters: () => counters,
	});

	return {
		url: kernel.origin,
		counters,
		requests: kernel.requests,
		state,
		faults: kernel.faults,
		expireTokens: () => identity.expireAccessTokens(),
		/** The next n API requests keep today's tokens; request n + 1 finds every existing token expired (once). */
		expireTokensAfter: (n) => {
			expireAfterRequests = n;
		},
		fail503: (n = 1) => {
			pending503 = n;
		},
		reset: kernel.reset,
		close: kernel.close,
	};
}

/** The n8n credential (type and data) that signs in to a running mock: shared by tests and the start script. */
function qflowCredential(mock, overrides = {}) {
	return {
		type: 'qflowApi',
		data: {
			clientId: QFLOW_SANDBOX.clientId,
			clientSecret: QFLOW_SANDBOX.clientSecret,
			username: QFLOW_SANDBOX.username,
			password: QFLOW_SANDBOX.password,
			subscriptionApiKey: QFLOW_SANDBOX.subscriptionKey,
			identityHost: mock.url,
			apiHost: mock.url,
			ssoSecretKey: SSO_EXAMPLE_KEY,
			...overrides,
		},
	};
}

module.exports = { startQflowMock, QFLOW_SANDBOX, SSO_EXAMPLE_KEY, qflowCredential };

if (require.main === module) {
	startQflowMock({
		host: process.env.QFLOW_SANDBOX_HOST ?? '127.0.0.1',
		port: Number(process.env.QFLOW_SANDBOX_PORT ?? 0),
	}).then((mock) => {
		const { clientId, clientSecret, username, password, subscriptionKey } = QFLOW_SANDBOX;
		console.log(`Qflow sandbox listening on ${mock.url} (identity host and API host)`);
		console.log({ clientId, clientSecret, username, password, subscriptionKey });
		const stop = () => mock.close().then(() => process.exit(0));
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	});
}
