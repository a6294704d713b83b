'use strict';
/**
 * Local mock of Qflow: identity server, Azure APIM gateway and the users, check-in, profiles and
 * comms APIs on ONE server, so `mock.url` serves as both the identity host and the API host. Documented: the
 * password and refresh grants, both `Authorization: Bearer` and `Ocp-Apim-Subscription-Key` on every
 * call (the gateway rejects a call missing either), 1000 requests a minute per source IP over every
 * surface with a 60 s mitigation window and no rate-limit headers, plus 300 a minute on comms send,
 * 403 `trust_required` for callers without KYC, 401 and 404 without a body on the check-in and comms
 * surfaces, the check-in webhook (unsigned), the signed comms webhooks, and the comms sending domain
 * (domain.js: its DNS records pass verification once `POST /__sandbox/domain-dns {"domain"}` has
 * "published" them; SendGrid refuses any domain under `.invalid`). It is also the client-key
 * host of one customer's integration guide: every surface at `/api/…` without its `/<surface>/v1`
 * segment, with `X-Qflow-Client-Key` instead of the subscription key. The paths and [assumed]
 * facts are those of nodes/Qflow/api.ts (routes.js, handlers.js, checkin.js, comms.js).
 *
 *   node sandbox/qflow            (QFLOW_SANDBOX_HOST, QFLOW_SANDBOX_PORT)
 */
const {
	startMock,
	withDefaults,
	invoke,
	createRouter,
	mitigatedWindow,
	route,
	ApiError,
	statusError,
	vendorFacts,
} = require('../lib');
const { QFLOW_SANDBOX, SSO_EXAMPLE_KEY, SEED_IDS, seedState } = require('./seed');
const { createIdentity } = require('./identity');
const { createHandlers } = require('./handlers');
const { createCheckin } = require('./checkin');
const { createComms } = require('./comms');
const { createSendingDomains } = require('./domain');
const { createProfiles } = require('./profiles');
const { createWebhooks } = require('./webhooks');
const { SURFACES, SEND_PATH, TOKEN_PATH, TRUST_REQUIRED } = require('./routes');

const { QFLOW } = vendorFacts('Qflow');

/**
 * `tokenTtlSeconds`: expires_in of issued tokens; `limitPerMinute`: API requests per source IP per
 * 60 s window; `sendLimitPerMinute`: comms sends per source IP on top of it; `plan`: the account's
 * plan, whose cap on guests added via the API applies (`guestCap` overrides the number).
 */
const DEFAULTS = {
	host: '127.0.0.1',
	port: 0,
	tokenTtlSeconds: 3600,
	limitPerMinute: QFLOW.rateLimit.requests,
	sendLimitPerMinute: QFLOW.sendRateLimit.requests,
	plan: 'pro',
	guestCap: undefined,
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
	checkInWebhooksSent: 0,
	commsWebhooksSent: 0,
	webhookErrors: 0,
};

/** `{ code, message }` (and details a page documents, e.g. the reason of a 422); 401 and 404 bare off the users API. */
const errorBody = ({ status, code, message, details }, surface) =>
	surface && surface.name !== 'users' && (status === 401 || status === 404)
		? { status }
		: { status, body: { code, message, ...details } };

async function startQflowMock(options = {}) {
	const config = withDefaults(DEFAULTS, options);
	const { now } = config;
	// Handed out once and refilled in place by reset(). `trusted` lets a test flip a user's KYC status,
	// `commsEnabled` its place on the Comms allow-list.
	const state = {
		users: new Map(),
		passwords: new Map(),
		trusted: new Set(),
		commsEnabled: new Set(),
		events: new Map(),
		guests: new Map(),
		teamMembers: new Map(),
		assignments: new Set(),
		checkIns: new Map(),
		templates: new Map(),
		invitations: new Map(),
		commsWebhook: null,
		apiGuestsAdded: 0,
		profiles: new Map(),
		profileAssignments: new Map(),
		sendingDomains: new Map(),
		publishedDomains: new Set(),
		domainSeq: 0,
	};
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
	const webhooks = createWebhooks({ now, counters, commsConfig: () => state.commsWebhook });
	const planCap = () => config.guestCap ?? QFLOW.guestPlanCaps[config.plan];
	// The two surfaces call each other (an atomic guest create sends mail; a send reads guests).
	const comms = createComms({
		state,
		now,
		webhooks,
		getEvent: (id) => checkin.eventById(id),
		getGuest: (id) => checkin.getGuest(id),
	});
	const checkin = createCheckin({ state, now, webhooks, comms, planCap });
	const profiles = createProfiles({
		state,
		now,
		getEvent: (id) => checkin.eventById(id),
		getTeamMember: (id) => checkin.teamMemberById(id),
	});
	const sendingDomains = createSendingDomains({ state });
	const surfaceHandlers = {
		users: handlers,
		checkin,
		profiles,
		comms: { ...comms, ...sendingDomains },
	};
	const routers = new Map(
		SURFACES.map((surface) => [
			surface.name,
			createRouter(surface.routes(surfaceHandlers[surface.name]), { prefix: surface.prefix }),
		]),
	);
	/**
	 * The surface a request is for, and its path as the API gateway writes it. On a client-key host
	 * (`/api/…`, QFLOW.clientKeyGateway) the longest prefix whose routes know the path wins (comms
	 * before check-in and users); an unknown path falls to the check-in surface and its bare 404.
	 */
	function apiRequestOf(ctx) {
		if (ctx.api !== undefined) return ctx.api;
		const at = (surface, prefix) =>
			(ctx.pathname === prefix || ctx.pathname.startsWith(`${prefix}/`)) && {
				surface,
				path: `${surface.prefix}${ctx.pathname.slice(prefix.length)}`,
			};
		const gateway = SURFACES.map((surface) => at(surface, surface.prefix)).find(Boolean);
		const onClientKeyHost = [...SURFACES]
			.sort((a, b) => b.clientKeyPrefix.length - a.clientKeyPrefix.length)
			.map((surface) => at(surface, surface.clientKeyPrefix))
			.filter(Boolean);
		const known = onClientKeyHost.find(({ surface, path }) =>
			routers.get(surface.name).match(ctx.method, path),
		);
		const clientKey = known ?? onClientKeyHost.find(({ surface }) => surface.name === 'checkin');
		ctx.api = gateway
			? { ...gateway, clientKeyHost: false }
			: clientKey
				? { ...clientKey, clientKeyHost: true }
				: null;
		return ctx.api;
	}
	const surfaceOf = (ctx) => apiRequestOf(ctx)?.surface;
	const isApi = (ctx) => apiRequestOf(ctx) !== null;

	const limiter = mitigatedWindow({
		limit: config.limitPerMinute,
		windowMs: MINUTE_MS,
		blockMs: MINUTE_MS,
		now,
	});
	// [assumed] the send limit refuses for the same 60 s as the edge limit.
	const sendLimiter = mitigatedWindow({
		limit: config.sendLimitPerMinute,
		windowMs: QFLOW.sendRateLimit.windowMs,
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

	/** Edge (rate limits, injected 503), then APIM (key, bearer), then the surface's API. */
	async function apiOutcome(ctx, surface) {
		if (ctx.tooLarge) throw new ApiError(413, 'payload_too_large', 'Request body is too large');
		// The limits are enforced at the edge, so even requests APIM later rejects use up the budget.
		if (limiter.limited(ctx.ip)) return errorBody(statusError(429, FAULT_ERRORS));
		const { path, clientKeyHost } = apiRequestOf(ctx);
		const isSend = ctx.method === 'POST' && path.replace(/\/+$/, '') === SEND_PATH;
		if (isSend && sendLimiter.limited(ctx.ip)) return errorBody(statusError(429, FAULT_ERRORS));
		// Injected outages hit the next n requests whatever their credentials, which keeps tests predictable.
		if (pending503 > 0) {
			pending503 -= 1;
			return errorBody(statusError(503, FAULT_ERRORS));
		}
		if (clientKeyHost) {
			// [assumed] a bare 401: the integration guide says only that a call without both headers fails.
			const clientKey = ctx.headers[QFLOW.clientKeyGateway.keyHeader.toLowerCase()];
			if (clientKey !== QFLOW_SANDBOX.clientKey) return { status: 401 };
		} else {
			const key = ctx.headers[QFLOW.subscriptionKeyHeader.toLowerCase()];
			if (key !== QFLOW_SANDBOX.subscriptionKey)
				return {
					status: 401,
					body: { statusCode: 401, message: APIM_MESSAGES[key ? 'invalid' : 'missing'] },
				};
		}
		const session = identity.session(ctx.headers);
		if (!session)
			return { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } };

		const readsBody = ctx.method !== 'GET' && ctx.method !== 'DELETE';
		if (readsBody && ctx.badJson)
			throw new ApiError(400, 'validation', 'Request body is not valid JSON');
		const body = readsBody ? (ctx.body ?? {}) : {};
		const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
		if (surface.objectBody && !isObject)
			throw new ApiError(400, 'validation', 'Request body must be a JSON object');
		const matched = routers.get(surface.name).match(ctx.method, path);
		if (!matched) throw new ApiError(404, 'not_found', `No route for ${ctx.method} ${path}`);
		const user = state.users.get(session.userId);
		if (
			surface.name === 'users' &&
			TRUST_REQUIRED.has(`${ctx.method} ${matched.route.pattern}`) &&
			!session.trusted
		) {
			throw new ApiError(
				403,
				QFLOW.trustRequiredCode,
				'This operation requires a trusted (KYC-verified) account.',
			);
		}
		if (surface.name === 'comms') comms.assertEnabled(session);
		return await invoke(ctx, matched, {
			query: ctx.query,
			body,
			session: { ...session, email: user.email, userName: user.userName },
		});
	}

	async function handleApi(ctx) {
		const surface = surfaceOf(ctx);
		if (expireAfterRequests === 0) identity.expireAccessTokens();
		if (expireAfterRequests !== undefined)
			expireAfterRequests = expireAfterRequests === 0 ? undefined : expireAfterRequests - 1;
		counters.apiRequests += 1;
		let outcome;
		try {
			outcome = await apiOutcome(ctx, surface);
		} catch (error) {
			if (!(error instanceof ApiError)) throw error;
			outcome = errorBody(error, surface);
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
		sendLimiter.clear();
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
		errorAnswer: (error, ctx) =>
			isApi(ctx) ? withId(errorBody(error, surfaceOf(ctx))) : errorBody(error),
		faultError: (status) => statusError(status, FAULT_ERRORS),
		// Only API calls are logged: token requests carry nothing a test asserts on but secrets.
		logged: isApi,
		spendWindow: (ctx) => limiter.spend(ctx.ip),
		revokeTokens: identity.expireAccessTokens,
		reset,
		counters: () => counters,
		sandboxRoutes: [
			// What the account owner does in the dashboard (account settings, API): the check-in webhook URL.
			route('PUT', '/checkin-webhook-url', ({ body }) => {
				webhooks.setCheckInUrl(body?.url ?? null);
				return { status: 200, body: { url: webhooks.checkInUrl() } };
			}),
			// A door scan in the check-in app: `{ guestId, user }` (user: the team member's userName).
			route('POST', '/scan', ({ body }) => {
				try {
					return {
						status: 200,
						body: checkin.admit(checkin.getGuest(body?.guestId), body?.user ?? 'door.one'),
					};
				} catch (error) {
					if (error instanceof ApiError)
						return { status: error.status, body: { error: error.message } };
					throw error;
				}
			}),
			// The owner publishes the sending domain's CNAMEs at the registrar: `{ domain }`.
			route('POST', '/domain-dns', ({ body }) => {
				if (typeof body?.domain !== 'string' || body.domain.trim() === '')
					return { status: 400, body: { error: 'domain is required' } };
				sendingDomains.publishRecords(body.domain);
				return { status: 200, body: { published: body.domain.trim().toLowerCase() } };
			}),
			// A hand-made comms delivery (forged, stale, unsigned…): the options of sendCommsWebhook.
			route('POST', '/comms-webhooks', async ({ body }) => ({
				status: 200,
				body: { status: await webhooks.sendComms(body) },
			})),
		],
		close: webhooks.settle,
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
		/** The dashboard's check-in webhook URL (null removes it); reset() keeps it. */
		setCheckInWebhook: webhooks.setCheckInUrl,
		/** A door scan in the check-in app by team member `user` (a userName): admits and fires the webhook. */
		scan: (guestId, user = 'door.one') => checkin.admit(checkin.getGuest(guestId), user),
		/** The owner publishes `domain`'s CNAMEs at the registrar: its next verify passes. */
		publishDomainRecords: sendingDomains.publishRecords,
		/** `{ payload, url?, headers? }`: one check-in delivery; resolves with the receiver's status. */
		sendCheckInWebhook: webhooks.sendCheckIn,
		/** `{ event, data, url?, secret?, timestamp?, tamper?, unsigned?, reserialise? }`; resolves with the receiver's status. */
		sendCommsWebhook: webhooks.sendComms,
		/** Resolves once every fire-and-forget delivery (check-ins, comms lifecycle) has ended. */
		settleWebhooks: webhooks.settle,
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

module.exports = { startQflowMock, QFLOW_SANDBOX, SSO_EXAMPLE_KEY, SEED_IDS, qflowCredential };

if (require.main === module) {
	startQflowMock({
		host: process.env.QFLOW_SANDBOX_HOST,
		port: Number(process.env.QFLOW_SANDBOX_PORT ?? 0),
	}).then((mock) => {
		const { clientId, clientSecret, username, password, subscriptionKey, clientKey } =
			QFLOW_SANDBOX;
		console.log(`Qflow sandbox listening on ${mock.url} (identity host and API host)`);
		console.log({ clientId, clientSecret, username, password, subscriptionKey, clientKey });
		const stop = () => mock.close().then(() => process.exit(0));
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	});
}
