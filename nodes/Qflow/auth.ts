import type {
	ICredentialDataDecryptedObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { CredentialAnswerError, redact } from '../shared/errors';
import { QFLOW } from './api';

/** `<enterprisePin>/<email>`: the pin is a short prefix without spaces or slashes. */
export const ENTERPRISE_USERNAME = /^([^/\s]+)\/([^\s@/]+@[^\s@/]+\.[^\s@/]+)$/;
/** What signs in: `<enterprisePin>/<email>`, or the bare email of an account without an enterprise (authentication). */
const SIGN_IN_USERNAME = /^(?:([^/\s]+)\/)?([^\s@/]+@[^\s@/]+\.[^\s@/]+)$/;

/** The enterprise pin of a `<pin>/<email>` username, or undefined when it has no pin. */
export function enterprisePinOf(username: unknown): string | undefined {
	return typeof username === 'string' ? SIGN_IN_USERNAME.exec(username.trim())?.[1] : undefined;
}

/** Whether the credential is for a host that takes a client key (QFLOW.clientKeyGateway). */
const usesClientKey = (credentials: ICredentialDataDecryptedObject) =>
	credentials.gateway === 'clientKey';

/** The key header of every API call: the subscription key, or a client-key host's client key. */
export function gatewayKeyHeader(
	credentials: ICredentialDataDecryptedObject,
): Record<string, string> {
	return usesClientKey(credentials)
		? { [QFLOW.clientKeyGateway.keyHeader]: String(credentials.clientApiKey ?? '') }
		: { [QFLOW.subscriptionKeyHeader]: String(credentials.subscriptionApiKey ?? '') };
}

/** A documented `/<surface>/v1/api/…` path as the credential's host serves it. */
export function gatewayPath(credentials: ICredentialDataDecryptedObject, path: string): string {
	return usesClientKey(credentials)
		? path.replace(QFLOW.clientKeyGateway.surfaceSegment, '')
		: path;
}

/**
 * Every sign-in failure message starts so and says which credential field to fix. Wording only: the
 * transport knows a failed sign-in by its type (QflowSignInError, a CredentialAnswerError).
 */
const SIGN_IN = 'Sign-in';

export function hostOf(value: unknown, fallback: string): string {
	const host = typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
	return host.replace(/\/+$/, '');
}

/**
 * A failed sign-in, as the Qflow answer it stands for (`{ code, message }` with a status). Nothing
 * in it is an HTTP status n8n could read: a 401 would make n8n sign in again with the same wrong secret.
 */
export class QflowSignInError extends CredentialAnswerError {
	constructor(status: number, code: string, message: string) {
		super(message, {
			status,
			body: { [QFLOW.error.codeField]: code, [QFLOW.error.messageField]: message },
		});
		this.name = 'QflowSignInError';
	}
}

/** What each OAuth error of the identity server means, and which credential fields to fix. */
const OAUTH_ERRORS: Record<string, { what: string; fix: string }> = {
	invalid_client: {
		what: 'the Client ID or Client Secret is wrong',
		fix: 'Check both in the Qflow credential; they come with your Qflow API client.',
	},
	invalid_grant: {
		what: 'the Username or Password is wrong',
		fix: 'Check both in the Qflow credential; the username is <enterprisePin>/<email>, e.g. 123/jane@example.com, or the email alone for an account without an enterprise.',
	},
	invalid_scope: {
		what: `the API client may not ask for the scope "${QFLOW.scope}"`,
		fix: 'Ask Qflow support to enable it for your API client.',
	},
	unauthorized_client: {
		what: 'the API client may not use the password grant',
		fix: 'Ask Qflow support to enable it for your API client.',
	},
	unsupported_grant_type: {
		what: 'the identity server does not accept the password grant',
		fix: 'Check the Identity Host in the Qflow credential.',
	},
};
const OTHER_REFUSAL = {
	what: 'the identity server refused the request',
	fix: 'Check the Identity Host and every field of the Qflow credential.',
};

const NETWORK_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
	ECONNRESET: 'the connection was reset',
	ETIMEDOUT: 'no answer in time',
	ECONNABORTED: 'no answer in time',
};

const SIGN_IN_TIMEOUT_MS = 30_000;

/** A credential field that must not be empty; secrets are sent exactly as typed, names trimmed. */
function required(
	credentials: ICredentialDataDecryptedObject,
	field: string,
	label: string,
	secret = false,
): string {
	const value = credentials[field];
	if (typeof value !== 'string' || value.trim() === '') {
		throw new QflowSignInError(
			400,
			'incomplete_credential',
			`${SIGN_IN} not attempted: ${label} is empty in the Qflow credential`,
		);
	}
	return secret ? value : value.trim();
}

/**
 * The documented password grant: POST `<identityHost>/core/connect/token`, form-urlencoded. Returns
 * the access token, or throws a QflowSignInError that names the credential field to fix and holds no
 * secret.
 */
export async function requestAccessToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const clientId = required(credentials, 'clientId', 'Client ID');
	const clientSecret = required(credentials, 'clientSecret', 'Client Secret', true);
	const username = required(credentials, 'username', 'Username');
	const password = required(credentials, 'password', 'Password', true);
	if (!SIGN_IN_USERNAME.test(username)) {
		throw new QflowSignInError(
			400,
			'invalid_username_format',
			`${SIGN_IN} not attempted: the Username in the Qflow credential must be <enterprisePin>/<email>, e.g. 123/jane@example.com, or the email alone for an account without an enterprise`,
		);
	}
	const secrets = [clientSecret, password].filter((secret) => secret.length >= 4);
	const clean = (text: string) => redact(text, secrets);
	const identityHost = hostOf(credentials.identityHost, QFLOW.defaultIdentityHost);

	const form = new URLSearchParams({
		grant_type: 'password',
		client_id: clientId,
		client_secret: clientSecret,
		scope: QFLOW.scope,
		username,
		password,
	});
	const request: IHttpRequestOptions = {
		method: 'POST',
		url: `${identityHost}${QFLOW.grantEndpoint}`,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		body: form.toString(),
		returnFullResponse: true,
		// Every answer comes back as a response: the HTTP client's error object would carry the form.
		ignoreHttpStatusErrors: true,
		timeout: SIGN_IN_TIMEOUT_MS,
	};

	let response: { statusCode: number; body: unknown } | undefined;
	let networkCode: string | undefined;
	try {
		response = (await helper.helpers.httpRequest(request)) as { statusCode: number; body: unknown };
	} catch (error) {
		const code = (error as { code?: unknown }).code;
		networkCode = typeof code === 'string' ? code : 'the connection failed';
	}
	if (!response) {
		// 503: "not processed, come back later", which lets the node's transport retry it for any method.
		throw new QflowSignInError(
			503,
			'identity_unreachable',
			`${SIGN_IN} failed: the identity host ${identityHost} could not be reached (${NETWORK_FAILURES[networkCode ?? ''] ?? networkCode}). Check the Identity Host in the Qflow credential and your network.`,
		);
	}

	const body = parseBody(response.body);
	if (response.statusCode >= 200 && response.statusCode < 300) {
		if (typeof body.access_token === 'string' && body.access_token !== '') return body.access_token;
		throw new QflowSignInError(
			502,
			'invalid_token_response',
			`${SIGN_IN} failed: ${identityHost}${QFLOW.grantEndpoint} answered without an access token. Check the Identity Host in the Qflow credential.`,
		);
	}
	if (response.statusCode === 429 || response.statusCode >= 500) {
		throw new QflowSignInError(
			response.statusCode,
			'identity_unavailable',
			`${SIGN_IN} failed: the identity server answered ${response.statusCode}. Qflow may be busy or down; try again later.`,
		);
	}
	const oauthError = typeof body.error === 'string' && body.error !== '' ? body.error : undefined;
	const description =
		typeof body.error_description === 'string' && body.error_description !== ''
			? `: ${body.error_description.slice(0, 200)}`
			: '';
	const known =
		oauthError !== undefined && Object.prototype.hasOwnProperty.call(OAUTH_ERRORS, oauthError);
	const { what, fix } = known ? OAUTH_ERRORS[oauthError] : OTHER_REFUSAL;
	const code = oauthError ?? `HTTP ${response.statusCode}`;
	throw new QflowSignInError(
		400,
		oauthError ?? 'sign_in_refused',
		clean(`${SIGN_IN} refused: ${what} (${code}${description}). ${fix}`),
	);
}

function parseBody(body: unknown): Record<string, unknown> {
	if (typeof body === 'string') {
		try {
			const parsed: unknown = JSON.parse(body);
			return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
		} catch {
			return {};
		}
	}
	return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}
