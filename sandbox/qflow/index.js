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
const {
	startMock,
	withDefaults,
	invoke,
	createRouter,
	mitigatedWindow,
	ApiError,
	statusError,
} = require('../lib');
const { QFLOW_SANDBOX, SSO_EXAMPLE_KEY, seedState } = require('./seed');
const { createIdentity } = require('./identity');
const { createHandlers } = require('./handlers');
const { API_PREFIX, TOKEN_PATH, TRUST_REQUIRED, qflowRoutes } = require('./routes');

/** `tokenTtlSeconds`: expires_in of issued tokens; `limitPerMinute`: API requests per source IP per 60 s window. */
const DEFAULTS = {
	host: '127.0.0.1',
	port: 0,
	tokenTtlSeconds: 3600,
	limitPerMinute: 1000,
	now: () => Date.now(),
};
const MINUTE_MS = 60_000;
const APIM_MESSAGES = {
	missing:
		'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
	invalid:
		'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
};
const FAULT_ERRORS = {
	429: ['rate_limit', 'Rate limit exceeded. Try again in 60 seconds.'],
	500: ['internal', 'Internal sandbox error'],
	503: ['service_unavailable', 'The service is temporarily unavailable. Try again later.'],
};
const ZEROED_COUNTERS = {
	tokenRequests: 0,
	passwordGrants: 0,
	refreshGrants: 0,
	apiRequests: 0,
	rejected401: 0,
	rejected429: 0,
};

const errorBody = ({ status, code, message }) => ({ status, body: { code, message } });
const isApi = (ctx) => ctx.pathname.startsWith(`${API_PREFIX}/`);

async function startQflowMock(options = {}) {
	const config = withDefaults(DEFAULTS, options);
	const { now } = config;
	// Handed out once and refilled in place by reset(). `trusted` lets a test flip a user's KYC status.
	const state = { users: new Map(), passwords: new Map(), trusted: new Set() };
	const counters = {};
	const findLogin = (username) => handlers.findLogin(username);
	const identity = createIdentity({
		state,
		counters,
		now,
		tokenTtlSeconds: config.tokenTtlSeconds,
		client: QFLOW_SANDBOX,
		findLogin,
	});
	const handlers = createHandlers({
		state,
		enterprisePin: QFLOW_SANDBOX.enterprisePin,
		revokeSessions: identity.revokeSessions,
	});
	const router = createRouter(qflowRoutes(handlers), { prefix: API_PREFIX });
	const limiter = mitigatedWindow({
		limit: config.limitPerMinute,
		windowMs: MINUTE_MS,
		blockMs: MINUTE_MS,
		now,
	});
	let pending503 = 0;
	let requestSeq = 0;
	// expireTokensAfter(n): after n more API requests every access token existing at that moment
	// stops working (once), like an hour-old token running out in the middle of a workflow.
	let expireAfterRequests;

	const withId = (outcome) => ({
		...outcome,
		headers: { 'x-request-id': `qf_${++requestSeq}`, ...outcome.headers },
	});

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
		if (key !== QFLOW_SANDBOX.subscriptionKey)
			return {
				status: 401,
				body: { statusCode: 401, message: APIM_MESSAGES[key ? 'invalid' : 'missing'] },
			};
		const session = identity.session(ctx.headers);
		if (!session)
			return { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } };

		const readsBody = ctx.method !== 'GET' && ctx.method !== 'DELETE';
		if (readsBody && ctx.badJson)
			throw new ApiError(400, 'validation', 'Request body is not valid JSON');
		const body = readsBody ? (ctx.body ?? {}) : {};
		if (typeof body !== 'object' || body === null || Array.isArray(body))
			throw new ApiError(400, 'validation', 'Request body must be a JSON object');
		const matched = router.match(ctx.method, ctx.pathname);
		if (!matched)
			throw new ApiError(404, 'not_found', `No route for ${ctx.method} ${ctx.pathname}`);
		if (TRUST_REQUIRED.has(`${ctx.method} ${matched.route.pattern}`) && !session.trusted) {
			throw new ApiError(
				403,
				'trust_required',
				'This operation requires a trusted (KYC-verified) account.',
			);
		}
		return invoke(ctx, matched, { query: ctx.query, body });
	}

	function handleApi(ctx) {
		if (expireAfterRequests === 0) identity.expireAccessTokens();
		if (expireAfterRequests !== undefined)
			expireAfterRequests = expireAfterRequests === 0 ? undefined : expireAfterRequests - 1;
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
		if (isApi(ctx)) return handleApi(ctx);
		if (ctx.pathname !== TOKEN_PATH)
			return { status: 404, body: { statusCode: 404, message: 'Resource not found' } };
		if (ctx.method !== 'POST')
			return { status: 405, body: { error: 'invalid_request' }, headers: { allow: 'POST' } };
		ctx.processed = true;
		// Token responses must not be cached (RFC 6749 §5.1).
		return { ...identity.grant(ctx), headers: { 'cache-control': 'no-store', pragma: 'no-cache' } };
	}

	function reset() {
		seedState(state);
		Object.assign(counters, ZEROED_COUNTERS);
		identity.clear();
		limiter.clear();
		pending503 = 0;
		requestSeq = 0;
		expireAfterRequests = undefined;
	}

	reset();
	const kernel = await startMock({
		...config,
		maxBodyBytes: 1024 * 1024,
		contentType: 'application/json; charset=utf-8',
		handle,
		errorAnswer: (error, ctx) => (isApi(ctx) ? withId(errorBody(error)) : errorBody(error)),
		faultError: (status) => statusError(status, FAULT_ERRORS),
		// Only users API calls are logged: token requests carry nothing a test asserts on but secrets.
		logged: isApi,
		spendWindow: (ctx) => limiter.spend(ctx.ip),
		revokeTokens: identity.expireAccessTokens,
		reset,
		counters: () => counters,
	});

	return {
		url: kernel.origin,
		counters,
		requests: kernel.requests,
		state,
		faults: kernel.faults,
		/** Every access token issued so far stops working; refresh tokens keep working. */
		expireTokens: identity.expireAccessTokens,
		/** `{ accessTokens, refreshTokens }`: every token issued since the last reset, still valid or not. */
		issuedTokens: identity.issuedTokens,
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
	const { clientId, clientSecret, username, password, subscriptionKey } = QFLOW_SANDBOX;
	const hosts = { identityHost: mock.url, apiHost: mock.url };
	const data = {
		clientId,
		clientSecret,
		username,
		password,
		subscriptionApiKey: subscriptionKey,
		...hosts,
		ssoSecretKey: SSO_EXAMPLE_KEY,
	};
	return { type: 'qflowApi', data: { ...data, ...overrides } };
}

module.exports = { startQflowMock, QFLOW_SANDBOX, SSO_EXAMPLE_KEY, qflowCredential };

if (require.main === module) {
	startQflowMock({
		host: process.env.QFLOW_SANDBOX_HOST,
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
