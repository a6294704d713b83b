'use strict';
/**
 * The Qflow identity server (IdentityServer at `<identity host>/core/connect/token`): password and
 * refresh grants, form-urlencoded, OAuth 2.0 error bodies. Access tokens live `tokenTtlSeconds`;
 * refresh tokens rotate (each works once).
 */
const crypto = require('node:crypto');

const ISSUED_SCOPE = 'qflowapi openid offline_access';
const REQUIRED_SCOPE = 'qflowapi';
const GRANT_FIELDS = {
	password: ['client_id', 'client_secret', 'scope', 'username', 'password'],
	refresh_token: ['client_id', 'client_secret', 'refresh_token'],
};

const randomToken = () => crypto.randomBytes(32).toString('base64url');

/** IdentityServer also accepts client credentials in a Basic header (client_secret_basic). */
function basicClient(headers) {
	const match = /^Basic\s+(.+)$/i.exec(headers.authorization ?? '');
	if (!match) return {};
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return {};
	return {
		client_id: decodeURIComponent(decoded.slice(0, colon)),
		client_secret: decodeURIComponent(decoded.slice(colon + 1)),
	};
}

/** `findLogin(username)`: the user a username signs in (`<pin>/<email>` or the bare email). */
function createIdentity({ state, counters, now, tokenTtlSeconds, client, findLogin }) {
	const accessTokens = new Map(); // token -> { userId, trusted, expiresAt }
	const refreshTokens = new Map(); // token -> userId
	// Every token handed out since clear(), revoked or not: a test looks for them where none may appear.
	const issued = { accessTokens: [], refreshTokens: [] };

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
		issued.accessTokens.push(accessToken);
		issued.refreshTokens.push(refreshToken);
		return {
			access_token: accessToken,
			expires_in: tokenTtlSeconds,
			token_type: 'Bearer',
			refresh_token: refreshToken,
			scope: ISSUED_SCOPE,
		};
	}

	const oauthError = (status, error, description) => ({
		status,
		body: description === undefined ? { error } : { error, error_description: description },
	});

	/** The answer to a token request. */
	function grant(ctx) {
		counters.tokenRequests += 1;
		if (!/^application\/x-www-form-urlencoded\b/i.test(ctx.headers['content-type'] ?? '')) {
			return oauthError(
				400,
				'invalid_request',
				'Content-Type must be application/x-www-form-urlencoded',
			);
		}
		const form = { ...basicClient(ctx.headers), ...ctx.body };
		const type = form.grant_type;
		if (!type) return oauthError(400, 'invalid_request', 'Missing required parameter: grant_type');
		if (!GRANT_FIELDS[type]) return oauthError(400, 'unsupported_grant_type');
		const missing = GRANT_FIELDS[type].find(
			(name) => typeof form[name] !== 'string' || form[name] === '',
		);
		if (missing)
			return oauthError(400, 'invalid_request', `Missing required parameter: ${missing}`);
		if (form.client_id !== client.clientId || form.client_secret !== client.clientSecret)
			return oauthError(401, 'invalid_client');

		if (type === 'password') {
			counters.passwordGrants += 1;
			// No error is documented for a bad scope; invalid_scope is the RFC 6749 §5.2 code.
			if (!form.scope.split(/\s+/).includes(REQUIRED_SCOPE)) {
				return oauthError(400, 'invalid_scope', `Scope must include ${REQUIRED_SCOPE}`);
			}
			const user = findLogin(form.username);
			if (!user || state.passwords.get(user.id) !== form.password) {
				return oauthError(400, 'invalid_grant', 'invalid_username_or_password');
			}
			return { status: 200, body: issueTokens(user.id) };
		}
		counters.refreshGrants += 1;
		const userId = refreshTokens.get(form.refresh_token);
		if (!userId || !state.users.has(userId))
			return oauthError(400, 'invalid_grant', 'invalid_refresh_token');
		refreshTokens.delete(form.refresh_token);
		return { status: 200, body: issueTokens(userId) };
	}

	/** The session behind a valid bearer token, or undefined (missing, unknown, expired, user gone). */
	function session(headers) {
		const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
		const found = match && accessTokens.get(match[1]);
		if (!found) return undefined;
		if (now() >= found.expiresAt) {
			accessTokens.delete(match[1]);
			return undefined;
		}
		return state.users.has(found.userId) ? found : undefined;
	}

	function revokeSessions(userId) {
		for (const [token, found] of accessTokens)
			if (found.userId === userId) accessTokens.delete(token);
		for (const [token, owner] of refreshTokens) if (owner === userId) refreshTokens.delete(token);
	}

	return {
		grant,
		session,
		revokeSessions,
		/** Every access token issued so far stops working; refresh tokens keep working. */
		expireAccessTokens: () => accessTokens.clear(),
		/** Copies of every access and refresh token issued since clear(). */
		issuedTokens: () => ({
			accessTokens: [...issued.accessTokens],
			refreshTokens: [...issued.refreshTokens],
		}),
		clear() {
			accessTokens.clear();
			refreshTokens.clear();
			issued.accessTokens.length = 0;
			issued.refreshTokens.length = 0;
		},
	};
}

module.exports = { createIdentity };
