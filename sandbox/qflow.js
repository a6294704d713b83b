'use strict';
/**
 * Local mock of the Qflow Enterprise API: identity server, Azure APIM gateway and users API on ONE
 * server, so `mock.url` serves as both the identity host and the API host.
 *
 * Contract: /work/shared/vendor-apis.md §2 and nodes/Qflow/api.ts. Facts marked [assumed] there
 * (query `email`, delete by query `id`, `page`/`pageSize` paging, bare-number count, flat translations,
 * `{ code, message }` error bodies, password rules) are mirrored here exactly; anything the mock has to
 * invent beyond them is called out in a comment.
 *
 * Only node built-ins. Run `node sandbox/qflow.js` to start it by hand (QFLOW_SANDBOX_PORT, QFLOW_SANDBOX_HOST).
 */
const http = require('node:http');
const crypto = require('node:crypto');
const { URL } = require('node:url');
const querystring = require('node:querystring');

const QFLOW_SANDBOX = Object.freeze({
	clientId: 'qflow_sandbox_client',
	clientSecret: 'qflow_sandbox_secret',
	enterprisePin: '123',
	username: '123/owner@example.com',
	password: 'Sandbox-Pass-1',
	subscriptionKey: 'qflow_sandbox_apim_key',
	untrustedUsername: '123/untrusted@example.com',
	untrustedPassword: 'Sandbox-Pass-1',
});

const TOKEN_PATH = '/core/connect/token';
const API_PREFIX = '/users/v1/api/';
const ISSUED_SCOPE = 'qflowapi openid offline_access';
const REQUIRED_SCOPE = 'qflowapi';
const RATE_WINDOW_MS = 60_000;
const MAX_BODY_BYTES = 1024 * 1024;
const PAGING = { maxPageSize: 100 };
const PASSWORD = { minLength: 8, maxLength: 128 };
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Log entries must never hold credentials: any body/query field whose name matches is masked. */
const SECRET_FIELD_RE = /password|secret|token|key/i;
const USER_FIELDS = ['firstName', 'lastName', 'email', 'timeZoneId', 'companyName', 'customData'];

const APIM_MISSING_KEY =
	'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.';
const APIM_INVALID_KEY =
	'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.';

const TRANSLATIONS = Object.freeze({
	'dashboard.title': 'Dashboard',
	'events.title': 'Events',
	'events.create': 'Create event',
	'guests.title': 'Guests',
	'guests.checkIn': 'Check in',
	'stats.title': 'Statistics',
	'users.title': 'Users',
	'users.invite': 'Invite user',
	'settings.title': 'Settings',
	'auth.signOut': 'Sign out',
});

/** Deterministic seed: ids 1 (owner, trusted) and 2 (untrusted, KYC incomplete), then 5 colleagues. */
const SEED_USERS = [
	['Olivia', 'Owner', 'owner@example.com'],
	['Uma', 'Untrusted', 'untrusted@example.com'],
	['Alice', 'Anderson', 'alice.anderson@example.com'],
	['Bob', 'Brown', 'bob.brown@example.com'],
	['Carla', 'Chen', 'carla.chen@example.com'],
	['David', 'Diaz', 'david.diaz@example.com'],
	['Emma', 'Evans', 'emma.evans@example.com'],
];
const UNTRUSTED_EMAIL = 'untrusted@example.com';

/** A route handler's way to stop with an error response; caught by the request dispatcher. */
class HttpError extends Error {
	constructor(status, code, message) {
		super(message);
		this.status = status;
		this.body = { code, message };
	}
}
const validation = (message) => new HttpError(400, 'validation', message);
const notFound = (message) => new HttpError(404, 'not_found', message);
const conflict = (message) => new HttpError(409, 'conflict', message);

const randomToken = () => crypto.randomBytes(32).toString('base64url');
const sameText = (a, b) => String(a).toLowerCase() === String(b).toLowerCase();

function sendJson(res, status, body, headers = {}) {
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
	res.end(JSON.stringify(body));
}

function sendEmpty(res, status, headers = {}) {
	res.writeHead(status, headers);
	res.end();
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new HttpError(413, 'payload_too_large', 'Request body is too large'));
				req.destroy();
			} else chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function safeDecode(segment) {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment; // a malformed escape is then rejected by the id validation
	}
}

function redact(fields) {
	if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return fields;
	return Object.fromEntries(
		Object.entries(fields).map(([name, value]) => [name, SECRET_FIELD_RE.test(name) ? '[redacted]' : value]),
	);
}

function parseJsonBody(raw, method) {
	if (method === 'GET' || method === 'DELETE' || raw === '') return {};
	let body;
	try {
		body = JSON.parse(raw);
	} catch {
		throw validation('Request body is not valid JSON');
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw validation('Request body must be a JSON object');
	return body;
}

/** The log keeps what was sent (even on rejected calls) minus credentials; unparsable text is not kept. */
function loggableBody(raw) {
	if (raw === '') return undefined;
	try {
		return redact(JSON.parse(raw));
	} catch {
		return undefined;
	}
}

/** Validates a password against the [assumed] rules of api.ts; returns an error text or undefined. */
function passwordProblem(password) {
	if (typeof password !== 'string') return 'Password must be a string';
	if (password.length < PASSWORD.minLength || password.length > PASSWORD.maxLength)
		return `Password must be ${PASSWORD.minLength}-${PASSWORD.maxLength} characters long`;
	if (!/[A-Z]/.test(password) || !/[a-z]/.test(password) || !/[0-9]/.test(password))
		return 'Password must contain an upper-case letter, a lower-case letter and a digit';
	return undefined;
}

function requireUuid(value, name = 'id') {
	if (typeof value !== 'string' || value === '') throw validation(`${name} is required`);
	if (!UUID_RE.test(value)) throw validation(`${name} '${value}' is not a valid GUID`);
	return value;
}

function requireString(body, name) {
	const value = body[name];
	if (typeof value !== 'string' || value.trim() === '') throw validation(`${name} is required`);
	return value;
}

/** Every user field is a string on the wire; reject anything else instead of storing it. */
function optionalStrings(body, names) {
	const picked = {};
	for (const name of names) {
		if (body[name] === undefined || body[name] === null) continue;
		if (typeof body[name] !== 'string') throw validation(`${name} must be a string`);
		picked[name] = body[name];
	}
	return picked;
}

function requireEmail(value) {
	if (!/^[^\s@/]+@[^\s@/]+$/.test(value)) throw validation(`email '${value}' is not a valid email address`);
	return value;
}

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
	const tokenTtlSeconds = options.tokenTtlSeconds ?? 3600;
	const limitPerMinute = options.limitPerMinute ?? 1000;
	const now = options.now ?? (() => Date.now());

	// These objects are handed out once and mutated in place by reset(), so a test holding
	// `mock.state.users` or `mock.counters` never looks at a stale copy.
	// `trusted` is an addition to the brief's state: it lets a test flip a user's KYC status.
	const state = { users: new Map(), passwords: new Map(), trusted: new Set() };
	const counters = {};
	const requests = [];
	const accessTokens = new Map(); // token -> { userId, trusted, expiresAt }
	const refreshTokens = new Map(); // token -> userId
	const rateWindows = new Map(); // ip -> { windowStart, count, blockedUntil }
	let pending503 = 0;
	let requestSeq = 0;
	// expireTokensAfter(n): after n more API requests, every access token that exists at that moment
	// stops working (one shot), like an hour-old token running out in the middle of a workflow.
	let expireAfterRequests;

	function seed() {
		state.users.clear();
		state.passwords.clear();
		state.trusted.clear();
		SEED_USERS.forEach(([firstName, lastName, email], index) => {
			const id = `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`;
			state.users.set(id, {
				id,
				firstName,
				lastName,
				userName: `${QFLOW_SANDBOX.enterprisePin}/${email}`,
				email,
				timeZoneId: 'Europe/London',
				companyName: 'Sandbox Enterprise Ltd',
				customData: '',
			});
			state.passwords.set(id, QFLOW_SANDBOX.password);
			if (email !== UNTRUSTED_EMAIL) state.trusted.add(id);
		});
	}

	function reset() {
		seed();
		Object.assign(counters, {
			tokenRequests: 0,
			passwordGrants: 0,
			refreshGrants: 0,
			apiRequests: 0,
			rejected401: 0,
			rejected429: 0,
		});
		requests.length = 0;
		accessTokens.clear();
		refreshTokens.clear();
		rateWindows.clear();
		pending503 = 0;
		requestSeq = 0;
		expireAfterRequests = undefined;
	}

	const findUser = (predicate) => [...state.users.values()].find(predicate);
	const findByEmail = (email) => findUser((user) => sameText(user.email, email));
	const findByUserName = (userName) => findUser((user) => sameText(user.userName, userName));

	function getUser(id) {
		const user = state.users.get(id);
		if (!user) throw notFound(`User ${id} not found`);
		return user;
	}

	function revokeSessions(userId) {
		for (const [token, session] of accessTokens) if (session.userId === userId) accessTokens.delete(token);
		for (const [token, owner] of refreshTokens) if (owner === userId) refreshTokens.delete(token);
	}

	// ---------------------------------------------------------------- identity server

	function issueTokens(userId) {
		const accessToken = randomToken();
		const refreshToken = randomToken();
		// Trust is captured when the token is issued, like a claim inside a real JWT.
		accessTokens.set(accessToken, {
			userId,
			trusted: state.trusted.has(userId),
			expiresAt: now() + tokenTtlSeconds * 1000,
		});
		refreshTokens.set(refreshToken, userId);
		return {
			access_token: accessToken,
			expires_in: tokenTtlSeconds,
			token_type: 'Bearer',
			refresh_token: refreshToken,
			scope: ISSUED_SCOPE,
		};
	}

	/** IdentityServer also accepts client credentials in a Basic header (client_secret_basic). */
	function basicClient(req) {
		const match = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
		if (!match) return {};
		const decoded = Buffer.from(match[1], 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		if (colon < 0) return {};
		return {
			client_id: decodeURIComponent(decoded.slice(0, colon)),
			client_secret: decodeURIComponent(decoded.slice(colon + 1)),
		};
	}

	const GRANT_FIELDS = {
		password: ['client_id', 'client_secret', 'scope', 'username', 'password'],
		refresh_token: ['client_id', 'client_secret', 'refresh_token'],
	};

	/** Returns [status, body] for a token request, following OAuth 2.0 error conventions. */
	function tokenResponse(req, rawBody) {
		counters.tokenRequests += 1;
		const oauthError = (status, error, description) => [
			status,
			description === undefined ? { error } : { error, error_description: description },
		];

		if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? ''))
			return oauthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
		const form = { ...basicClient(req), ...querystring.parse(rawBody) };
		const grant = form.grant_type;
		if (!grant) return oauthError(400, 'invalid_request', 'Missing required parameter: grant_type');
		if (!GRANT_FIELDS[grant]) return oauthError(400, 'unsupported_grant_type');

		const missing = GRANT_FIELDS[grant].find((name) => typeof form[name] !== 'string' || form[name] === '');
		if (missing) return oauthError(400, 'invalid_request', `Missing required parameter: ${missing}`);
		if (form.client_id !== QFLOW_SANDBOX.clientId || form.client_secret !== QFLOW_SANDBOX.clientSecret)
			return oauthError(401, 'invalid_client');

		if (grant === 'password') {
			counters.passwordGrants += 1;
			// The brief names no error for a bad scope; invalid_scope is the RFC 6749 §5.2 code.
			if (!form.scope.split(/\s+/).includes(REQUIRED_SCOPE))
				return oauthError(400, 'invalid_scope', `Scope must include ${REQUIRED_SCOPE}`);
			// `<pin>/<email>` matches userName; enterprise users may also sign in with the bare email.
			const user = findByUserName(form.username) ?? findByEmail(form.username);
			if (!user || state.passwords.get(user.id) !== form.password)
				return oauthError(400, 'invalid_grant', 'invalid_username_or_password');
			return [200, issueTokens(user.id)];
		}

		counters.refreshGrants += 1;
		const userId = refreshTokens.get(form.refresh_token);
		if (!userId || !state.users.has(userId)) return oauthError(400, 'invalid_grant', 'invalid_refresh_token');
		refreshTokens.delete(form.refresh_token); // rotation: each refresh token works once
		return [200, issueTokens(userId)];
	}

	// ---------------------------------------------------------------- APIM gateway

	/** Fixed 60 s window per IP; the request that crosses the limit opens a 60 s mitigation window. */
	function isRateLimited(ip) {
		const at = now();
		let window = rateWindows.get(ip);
		if (window && at < window.blockedUntil) return true;
		if (!window || at - window.windowStart >= RATE_WINDOW_MS) {
			window = { windowStart: at, count: 0, blockedUntil: 0 };
			rateWindows.set(ip, window);
		}
		window.count += 1;
		if (window.count <= limitPerMinute) return false;
		window.blockedUntil = at + RATE_WINDOW_MS;
		return true;
	}

	/** Returns the session behind a valid bearer token, or undefined (missing, unknown, expired, user gone). */
	function bearerSession(req) {
		const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
		if (!match) return undefined;
		const session = accessTokens.get(match[1]);
		if (!session) return undefined;
		if (now() >= session.expiresAt) {
			accessTokens.delete(match[1]);
			return undefined;
		}
		return state.users.has(session.userId) ? session : undefined;
	}

	// ---------------------------------------------------------------- users API

	function pageNumber(query, name, fallback, max) {
		if (query[name] === undefined) return fallback;
		const value = Number(query[name]);
		if (!Number.isInteger(value) || value < 1 || (max !== undefined && value > max))
			throw validation(`${name} must be an integer from 1${max === undefined ? '' : ` to ${max}`}`);
		return value;
	}

	function assertEmailFree(email, exceptId) {
		const holder = findByEmail(email);
		if (holder && holder.id !== exceptId) throw conflict(`A user with email ${email} already exists`);
	}

	/**
	 * Route table: `path` is relative to API_PREFIX; `:id` captures one segment. Literal routes come
	 * before `user/:id` so `user/translations` is not read as an id. `trust` marks operations that
	 * need a KYC-verified caller. Handlers return [status, body?].
	 */
	const routes = [
		{ method: 'GET', path: 'user/translations', handle: () => [200, TRANSLATIONS] },
		{ method: 'GET', path: 'users/total', handle: () => [200, state.users.size] },
		{
			method: 'GET',
			path: 'users/email',
			handle: ({ query }) => {
				if (typeof query.email !== 'string' || query.email === '') throw validation('email is required');
				const user = findByEmail(query.email);
				if (!user) throw notFound(`User with email ${query.email} not found`);
				return [200, user];
			},
		},
		{
			method: 'GET',
			path: 'users',
			handle: ({ query }) => {
				const page = pageNumber(query, 'page', 1);
				// [assumed] default page size when the caller sends none: the maximum.
				const pageSize = pageNumber(query, 'pageSize', PAGING.maxPageSize, PAGING.maxPageSize);
				const sorted = [...state.users.values()].sort((a, b) => a.email.localeCompare(b.email));
				return [200, sorted.slice((page - 1) * pageSize, page * pageSize)];
			},
		},
		{
			method: 'POST',
			path: 'user',
			handle: ({ body }) => {
				const firstName = requireString(body, 'firstName');
				const lastName = requireString(body, 'lastName');
				const email = requireEmail(requireString(body, 'email'));
				const extra = optionalStrings(body, ['timeZoneId', 'companyName', 'customData']);
				if (body.password !== undefined) {
					const problem = passwordProblem(body.password);
					if (problem) throw validation(problem);
				}
				assertEmailFree(email);
				const id = crypto.randomUUID();
				const user = {
					id,
					firstName,
					lastName,
					userName: `${QFLOW_SANDBOX.enterprisePin}/${email}`,
					email,
					timeZoneId: extra.timeZoneId ?? 'UTC',
					companyName: extra.companyName ?? '',
					customData: extra.customData ?? '',
				};
				state.users.set(id, user);
				// Without a password the user exists but cannot sign in, as after an invitation.
				if (body.password !== undefined) state.passwords.set(id, body.password);
				return [200, user];
			},
		},
		{
			method: 'PUT',
			path: 'user',
			handle: ({ body }) => {
				const user = getUser(requireUuid(body.id));
				const changes = optionalStrings(body, USER_FIELDS);
				for (const name of ['firstName', 'lastName', 'email'])
					if (changes[name] !== undefined && changes[name].trim() === '') throw validation(`${name} must not be empty`);
				if (changes.email !== undefined) {
					requireEmail(changes.email);
					assertEmailFree(changes.email, user.id);
				}
				// userName is deliberately not derived again: it changes only through user/changeusername.
				Object.assign(user, changes);
				return [200, user];
			},
		},
		{
			method: 'DELETE',
			path: 'user',
			trust: true,
			handle: ({ query }) => {
				const user = getUser(requireUuid(query.id));
				state.users.delete(user.id);
				state.passwords.delete(user.id);
				state.trusted.delete(user.id);
				revokeSessions(user.id);
				return [204];
			},
		},
		{
			method: 'PUT',
			path: 'user/changepassword',
			trust: true,
			handle: ({ body }) => {
				const user = getUser(requireUuid(body.id));
				const oldPassword = requireString(body, 'oldPassword');
				const newPassword = requireString(body, 'newPassword');
				if (body.signOutAllSessions !== undefined && typeof body.signOutAllSessions !== 'boolean')
					throw validation('signOutAllSessions must be a boolean');
				if (state.passwords.get(user.id) !== oldPassword) throw validation('oldPassword is incorrect');
				const problem = passwordProblem(newPassword);
				if (problem) throw validation(problem);
				state.passwords.set(user.id, newPassword);
				if (body.signOutAllSessions) revokeSessions(user.id);
				return [204];
			},
		},
		{
			method: 'PUT',
			path: 'user/changeusername',
			handle: ({ body }) => {
				const oldUserName = requireString(body, 'oldUserName');
				const newUserName = requireString(body, 'newUserName');
				if (body.id !== undefined) requireUuid(body.id);
				const user = findByUserName(oldUserName);
				if (!user || (body.id !== undefined && body.id !== user.id))
					throw notFound(`User ${oldUserName} not found`);
				const holder = findByUserName(newUserName);
				if (holder && holder.id !== user.id) throw conflict(`A user with username ${newUserName} already exists`);
				user.userName = newUserName;
				return [204];
			},
		},
		{ method: 'GET', path: 'user/:id', handle: ({ params }) => [200, getUser(requireUuid(params.id))] },
	];

	function matchRoute(method, apiPath) {
		for (const route of routes) {
			if (route.method !== method) continue;
			const want = route.path.split('/');
			const got = apiPath.split('/');
			if (want.length !== got.length) continue;
			const params = {};
			const ok = want.every((part, i) => {
				if (part.startsWith(':')) {
					params[part.slice(1)] = safeDecode(got[i]);
					return got[i] !== '';
				}
				return part === got[i];
			});
			if (ok) return { route, params };
		}
		return undefined;
	}

	/** Edge (rate limit, injected 503), then APIM (key, bearer), then the users API. */
	async function handleApi(req, res, url) {
		if (expireAfterRequests !== undefined) {
			if (expireAfterRequests === 0) {
				accessTokens.clear();
				expireAfterRequests = undefined;
			} else expireAfterRequests -= 1;
		}
		counters.apiRequests += 1;
		requestSeq += 1;
		const query = Object.fromEntries(url.searchParams);
		const entry = { method: req.method, path: url.pathname, query: redact(query), body: undefined, status: 0, at: now() };
		requests.push(entry);
		const headers = { 'x-request-id': `qf_${requestSeq}` };
		const reply = (status, body, extra = {}) => {
			entry.status = status;
			if (status === 401) counters.rejected401 += 1;
			if (status === 429) counters.rejected429 += 1;
			if (body === undefined) sendEmpty(res, status, { ...headers, ...extra });
			else sendJson(res, status, body, { ...headers, ...extra });
		};

		let raw;
		try {
			raw = await readBody(req);
		} catch (error) {
			return reply(error.status ?? 400, error.body ?? { code: 'validation', message: 'Unreadable body' });
		}
		entry.body = loggableBody(raw);

		// The limit is enforced at the edge, so even requests APIM later rejects use up the budget.
		if (isRateLimited(req.socket.remoteAddress))
			return reply(429, { code: 'rate_limit', message: 'Rate limit exceeded. Try again in 60 seconds.' });
		// Injected outages hit the next n requests whatever their credentials, which keeps tests predictable.
		if (pending503 > 0) {
			pending503 -= 1;
			return reply(503, { code: 'service_unavailable', message: 'The service is temporarily unavailable. Try again later.' });
		}

		const key = req.headers['ocp-apim-subscription-key'];
		if (!key) return reply(401, { statusCode: 401, message: APIM_MISSING_KEY });
		if (key !== QFLOW_SANDBOX.subscriptionKey) return reply(401, { statusCode: 401, message: APIM_INVALID_KEY });
		const session = bearerSession(req);
		if (!session) return reply(401, undefined, { 'www-authenticate': 'Bearer error="invalid_token"' });

		try {
			const body = parseJsonBody(raw, req.method);
			const matched = matchRoute(req.method, url.pathname.slice(API_PREFIX.length));
			if (!matched) throw notFound(`No route for ${req.method} ${url.pathname}`);
			if (matched.route.trust && !session.trusted)
				throw new HttpError(403, 'trust_required', 'This operation requires a trusted (KYC-verified) account.');
			const [status, result] = matched.route.handle({ query, body, params: matched.params });
			return reply(status, result);
		} catch (error) {
			if (error instanceof HttpError) return reply(error.status, error.body);
			return reply(500, { code: 'internal', message: 'Internal sandbox error' });
		}
	}

	async function handle(req, res) {
		const url = new URL(req.url, 'http://sandbox.invalid');
		if (url.pathname.startsWith(API_PREFIX)) return handleApi(req, res, url);
		if (url.pathname === TOKEN_PATH) {
			if (req.method !== 'POST') return sendJson(res, 405, { error: 'invalid_request' }, { allow: 'POST' });
			let raw;
			try {
				raw = await readBody(req);
			} catch {
				return sendJson(res, 400, { error: 'invalid_request' });
			}
			const [status, body] = tokenResponse(req, raw);
			// Token responses must not be cached (RFC 6749 §5.1).
			return sendJson(res, status, body, { 'cache-control': 'no-store', pragma: 'no-cache' });
		}
		return sendJson(res, 404, { statusCode: 404, message: 'Resource not found' });
	}

	reset();
	const server = http.createServer((req, res) => {
		handle(req, res).catch(() => {
			if (!res.headersSent) sendJson(res, 500, { code: 'internal', message: 'Internal sandbox error' });
			else res.end();
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, resolve);
	});
	const { port } = server.address();
	// A wildcard bind address is not something a client can connect to; point at loopback instead.
	const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

	return {
		url: `http://${urlHost}:${port}`,
		counters,
		requests,
		state,
		expireTokens: () => accessTokens.clear(),
		/** The next n API requests keep today's tokens; request n + 1 finds every existing token expired (once). */
		expireTokensAfter: (n) => {
			expireAfterRequests = n;
		},
		fail503: (n = 1) => {
			pending503 = n;
		},
		reset,
		close: () =>
			new Promise((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				// fetch keeps connections alive; without this close() would wait for them to time out.
				server.closeAllConnections();
			}),
	};
}

/** The documented example enterprise key of the iFrame SSO page (it yields the contract's test vector). */
const SSO_EXAMPLE_KEY = 'hfdg8AZgkKCQcNCgwOBAYIBa';

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
