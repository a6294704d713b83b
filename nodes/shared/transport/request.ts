import {
	sleep,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
} from 'n8n-workflow';

import { apiError, credentialAnswerOf, type VendorError } from './errors';
import {
	RateLimitMemory,
	windowReport,
	type DocumentedLimit,
	type RateLimitHeaderNames,
	type ResponseHeaders,
} from './rateLimit';
import { afterFailure, beforeSending, type Pacing } from './retryPolicy';

/** What a vendor hands the transport: the transport never names a vendor itself. */
export interface VendorProfile {
	displayName: string;
	credentialType: string;
	/** Credential fields whose values must never appear in a message. */
	secretFields: string[];
	/** Absolute URL of a path, from the stored credential (hosts are configurable). */
	url(credentials: ICredentialDataDecryptedObject, path: string): string;
	rateLimitHeaders?: RateLimitHeaderNames;
	/** A limit the vendor documents but does not announce in headers: the node stays under it. */
	documentedLimit?: DocumentedLimit;
	/** Default of the node's "Max Wait" option (Request Options), in seconds. */
	defaultMaxWaitSeconds: number;
	/** Whether the credential renews a token in `preAuthentication` (n8n does so on a thrown 401). */
	renewsTokenOn401?: boolean;
	/** The vendor's documented refusal window: the wait after a 429 without headers; else backoff. */
	refusalWindowMs?: number;
	parseError(body: unknown, headers: ResponseHeaders): VendorError;
	/** What the user should do about an error, by status and vendor code. */
	hint(status: number, error: VendorError): string | undefined;
	/**
	 * Whether a failed sign-in is final for the run (a wrong secret): the rest of the run then fails
	 * with the same message and never signs in again, as identity servers lock accounts after
	 * repeated failed grants.
	 */
	signInRefused?(status: number, error: VendorError): boolean;
}

export interface ApiCall {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/**
	 * Whether sending the call twice does no harm. Defaults to true for GET/PUT/DELETE/HEAD and false
	 * for POST/PATCH: those are never resent once they may have reached the server.
	 */
	idempotent?: boolean;
}

export interface CallOptions {
	/** Longest single wait for a rate-limit window or a retry; past it the call fails with advice. */
	maxWaitMs: number;
	itemIndex?: number;
	/** How long one try may wait for its answer. */
	timeoutMs?: number;
}

export interface ApiResponse<T = unknown> {
	body: T;
	headers: ResponseHeaders;
	statusCode: number;
}

type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** The clock of every wait, replaceable in tests so that no test really waits. */
export const clock = {
	now: (): number => Date.now(),
	sleep: async (ms: number): Promise<void> => await sleep(ms),
	random: (): number => Math.random(),
};

const DEFAULT_TIMEOUT_MS = 60_000;
/** Longest wait a dropdown in the editor may spend on a rate limit: the user is watching. */
const EDITOR_MAX_WAIT_MS = 10_000;

/** What the rate-limit headers said per credential and host, shared by every execution of this process. */
export const rateLimits = new RateLimitMemory();

interface HttpFailure {
	status?: number;
	headers: ResponseHeaders;
	body?: unknown;
	networkCode?: string;
}

/**
 * What n8n's helper threw, read from the NodeApiError it builds: its `httpCode` holds the HTTP
 * status or the network code (ECONNRESET...), `context.data` the body. The HTTP client's own error
 * (with the headers) is not kept by NodeApiError, which is why requests ignore status errors. A
 * failed sign-in of a token credential arrives as the answer it stands for (CredentialAnswerError).
 */
function failureOf(error: unknown): HttpFailure {
	const answer = credentialAnswerOf(error);
	if (answer) return { status: answer.status, headers: {}, body: answer.body };
	const thrown = error as {
		httpCode?: unknown;
		code?: unknown;
		cause?: { code?: unknown };
		context?: { data?: unknown };
	};
	if (typeof thrown?.httpCode === 'string' && /^\d{3}$/.test(thrown.httpCode)) {
		return { status: Number(thrown.httpCode), headers: {}, body: thrown.context?.data };
	}
	const networkCode = [thrown?.httpCode, thrown?.cause?.code, thrown?.code].find(
		(code): code is string => typeof code === 'string' && /^E[A-Z_]+$/.test(code),
	);
	return { headers: {}, networkCode };
}

/**
 * The stored credential, read once per node run: n8n decrypts it on every read, and the transport
 * needs only its hosts and secrets, which do not change mid-run (a renewed token is n8n's concern).
 */
const credentialsByRun = new WeakMap<Context, Promise<ICredentialDataDecryptedObject>>();

async function credentialsOf(
	context: Context,
	type: string,
): Promise<ICredentialDataDecryptedObject> {
	let credentials = credentialsByRun.get(context);
	if (!credentials) {
		credentials = context.getCredentials(type);
		credentialsByRun.set(context, credentials);
	}
	return await credentials;
}

/** A sign-in refused for good in this node run: later items fail with it and sign in no more. */
const refusedSignIns = new WeakMap<Context, { status: number; vendorError: VendorError }>();

function isIdempotent(call: ApiCall): boolean {
	return call.idempotent ?? !['POST', 'PATCH'].includes(call.method);
}

function windowKey(context: Context, profile: VendorProfile, baseUrl: string): string {
	const credentialId = context.getNode().credentials?.[profile.credentialType]?.id ?? '';
	return `${profile.credentialType}|${credentialId}|${baseUrl}`;
}

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	408: 'Request Timeout',
	413: 'Payload Too Large',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

/**
 * An error answer that is not the API's JSON (an HTML page of a proxy, plain text, nothing): a short
 * message instead of the page, or undefined when the body is the vendor's JSON.
 */
function foreignBody(
	profile: VendorProfile,
	status: number,
	call: ApiCall,
	body: unknown,
): { message: string; hint: string } | undefined {
	const text = typeof body === 'string' ? body.trim() : undefined;
	if (text === undefined || (text !== '' && /^[[{]/.test(text))) return undefined;
	const answered = `${profile.displayName} answered ${status}${STATUS_TEXT[status] ? ` ${STATUS_TEXT[status]}` : ''} to ${call.method} ${call.path}`;
	const fromGateway = status >= 500;
	const hint = fromGateway
		? `The answer came from a proxy, gateway or load balancer between n8n and ${profile.displayName}, not from the API itself. Run the workflow again later; if it persists, check the host in the credential.`
		: `Check the host in the credential: the address may not be ${profile.displayName}'s API.`;
	if (text === '') return { message: `${answered} with an empty body`, hint };
	const kind =
		/^<(!doctype|html|head|body|\?xml)/i.test(text) || /<\/html>/i.test(text)
			? 'an HTML page'
			: 'plain text';
	const why = fromGateway
		? 'a proxy or gateway in front of the API failed'
		: 'something other than the API answered';
	return { message: `${answered} (${kind}, not the API's JSON): ${why}`, hint };
}

/**
 * The one way every operation and trigger of every vendor talks HTTP: auth through the credential's
 * `authenticate` (n8n's httpRequestWithAuthentication), pacing before sending, the retry policy
 * (retryPolicy.ts) after a failure, and vendor errors mapped to NodeApiError without secrets.
 */
export async function apiRequest<T = unknown>(
	this: Context,
	profile: VendorProfile,
	call: ApiCall,
	options: CallOptions,
): Promise<ApiResponse<T>> {
	const credentials = await credentialsOf(this, profile.credentialType);
	const secrets = profile.secretFields
		.map((field) => credentials[field])
		.filter((value): value is string => typeof value === 'string' && value !== '');
	const key = windowKey(this, profile, profile.url(credentials, ''));
	const node = this.getNode();
	const fail = (status: number | null, vendorError: VendorError, message: string, hint?: string) =>
		apiError(node, {
			vendor: profile.displayName,
			status,
			vendorError,
			message,
			hint,
			itemIndex: options.itemIndex,
			secrets,
		});
	const vendorAnswer = (status: number, vendorError: VendorError) =>
		fail(
			status,
			vendorError,
			vendorError.message
				? `${profile.displayName}: ${vendorError.message}`
				: `${profile.displayName} answered ${status} to ${call.method} ${call.path}`,
			profile.hint(status, vendorError),
		);

	const refused = refusedSignIns.get(this);
	if (refused) throw vendorAnswer(refused.status, refused.vendorError);

	const pacing: Pacing = {
		vendor: profile.displayName,
		rateLimitHeaders: profile.rateLimitHeaders,
		refusalWindowMs: profile.refusalWindowMs,
	};
	const request: IHttpRequestOptions = {
		method: call.method,
		url: profile.url(credentials, call.path),
		qs: call.qs,
		body: call.body,
		json: true,
		returnFullResponse: true,
		timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
	};

	let waitedMs = 0;
	let bareRefusals = 0;
	for (let attempt = 0; ; attempt++) {
		// Pacing: a request is reserved before it goes out, and waits for the reset when the window
		// the headers described is spent, instead of spending a request on a 429.
		for (let waitMs = rateLimits.reserve(key, clock.now(), profile.documentedLimit); waitMs > 0; ) {
			const verdict = beforeSending(
				pacing,
				waitMs,
				clock.now(),
				options.maxWaitMs,
				rateLimits.limitOf(key),
			);
			if (!verdict.retry) throw fail(429, {}, verdict.message ?? '', verdict.hint);
			await clock.sleep(waitMs);
			waitedMs += waitMs;
			waitMs = rateLimits.reserve(key, clock.now(), profile.documentedLimit);
		}

		const outcome = await send(this, profile, request, key);
		const report = windowReport(
			'response' in outcome ? outcome.response.headers : outcome.failure.headers,
			profile.rateLimitHeaders,
			clock.now(),
		);
		rateLimits.settle(key, report);
		if ('response' in outcome) return outcome.response as ApiResponse<T>;
		const { failure } = outcome;

		const verdict = afterFailure(pacing, {
			status: failure.status,
			networkCode: failure.networkCode,
			headers: failure.headers,
			method: call.method,
			path: call.path,
			idempotent: isIdempotent(call),
			attempt,
			waitedMs,
			bareRefusals: failure.status === 429 ? bareRefusals + 1 : bareRefusals,
			nowMs: clock.now(),
			maxWaitMs: options.maxWaitMs,
			knownLimit: rateLimits.limitOf(key),
			random: clock.random,
		});
		if (verdict.retry) {
			if (verdict.bare) bareRefusals += 1;
			await clock.sleep(verdict.waitMs);
			waitedMs += verdict.waitMs;
			if (failure.status === 429 || failure.status === 503)
				rateLimits.reopen(key, report?.resetAt, clock.now());
			continue;
		}
		if (failure.status === undefined) {
			// The code goes into the details, not the message: n8n would swap a message holding a
			// network code for its own generic text and lose the advice.
			throw fail(null, { code: failure.networkCode }, verdict.message ?? '', verdict.hint);
		}
		const foreign = foreignBody(profile, failure.status, call, failure.body);
		const vendorError = foreign ? {} : profile.parseError(failure.body, failure.headers);
		const requestId = profile.parseError(undefined, failure.headers).requestId;
		if (verdict.message) throw fail(failure.status, vendorError, verdict.message, verdict.hint);
		if (foreign) throw fail(failure.status, { requestId }, foreign.message, foreign.hint);
		if (profile.signInRefused?.(failure.status, vendorError))
			refusedSignIns.set(this, { status: failure.status, vendorError });
		throw vendorAnswer(failure.status, vendorError);
	}
}

/**
 * Token credentials sign in inside n8n (`preAuthentication`) whenever a request finds no token or
 * answers 401. Requests side by side would each sign in, so per credential: until one request has
 * gone through with the stored token, requests go one at a time; and a 401 renews the token once,
 * the other requests that met it waiting for that renewal and resending with the new token.
 */
interface TokenState {
	confirmed: boolean;
	/** The tail of the one-at-a-time queue while the token is not confirmed. */
	queue: Promise<unknown>;
	renewal?: Promise<unknown>;
}
const tokens = new Map<string, TokenState>();

/** One HTTP exchange. Status errors come back as answers (with their headers, which n8n's error object would drop). */
async function send(
	context: Context,
	profile: VendorProfile,
	request: IHttpRequestOptions,
	key: string,
): Promise<{ response: ApiResponse } | { failure: HttpFailure }> {
	const http = context.helpers.httpRequestWithAuthentication;
	const answering = (options: IHttpRequestOptions) =>
		http.call(context, profile.credentialType, options) as Promise<ApiResponse>;
	const exchange = async (): Promise<ApiResponse> => {
		let response = await answering({ ...request, ignoreHttpStatusErrors: true });
		if (response.statusCode !== 401 || !profile.renewsTokenOn401) return response;
		const token = tokenState(key);
		if (token.renewal) {
			await token.renewal;
			response = await answering({ ...request, ignoreHttpStatusErrors: true });
			if (response.statusCode !== 401) return response;
		}
		// n8n renews a preAuthentication token only on its throwing path, then sends once more.
		const renewal = answering(request);
		token.renewal = renewal.catch(() => undefined);
		try {
			return await renewal;
		} finally {
			token.renewal = undefined;
		}
	};
	try {
		let response: ApiResponse;
		if (profile.renewsTokenOn401 && !tokenState(key).confirmed) {
			const token = tokenState(key);
			const turn = token.queue.then(exchange);
			token.queue = turn.catch(() => undefined);
			response = await turn;
			// Any answer past the gateway's sign-in check proves the stored token works.
			if (response.statusCode !== 401 && response.statusCode !== 429 && response.statusCode < 500)
				token.confirmed = true;
		} else {
			response = await exchange();
		}
		if (response.statusCode === 401 && profile.renewsTokenOn401) tokenState(key).confirmed = false;
		if (response.statusCode < 400) return { response };
		return {
			failure: {
				status: response.statusCode,
				headers: response.headers ?? {},
				body: response.body,
			},
		};
	} catch (error) {
		return { failure: failureOf(error) };
	}
}

/** Forgets what this process learnt about windows and tokens (tests start from nothing). */
export function forgetTransportMemory(): void {
	rateLimits.forget();
	tokens.clear();
}

function tokenState(key: string): TokenState {
	let state = tokens.get(key);
	if (!state) {
		state = { confirmed: false, queue: Promise.resolve() };
		tokens.set(key, state);
	}
	return state;
}

/** The Request Options of the node (Max Wait, Timeout) for one item; the editor's lists wait less. */
export function callOptions(context: Context, profile: VendorProfile, itemIndex = 0): CallOptions {
	let options: { maxWaitSeconds?: number; timeoutSeconds?: number };
	if ('getInputData' in context)
		options = context.getNodeParameter('requestOptions', itemIndex, {}) as typeof options;
	else if ('__emit' in context)
		options = context.getNodeParameter('requestOptions', {}) as typeof options;
	else
		return {
			maxWaitMs: Math.min(EDITOR_MAX_WAIT_MS, profile.defaultMaxWaitSeconds * 1000),
			itemIndex,
		};
	const maxWaitSeconds =
		typeof options.maxWaitSeconds === 'number'
			? options.maxWaitSeconds
			: profile.defaultMaxWaitSeconds;
	const timeoutMs =
		typeof options.timeoutSeconds === 'number' && options.timeoutSeconds > 0
			? options.timeoutSeconds * 1000
			: undefined;
	return { maxWaitMs: Math.max(0, maxWaitSeconds) * 1000, itemIndex, timeoutMs };
}

/** One call bounded by the node's Request Options; answers the response body. */
export async function requestBody<T = IDataObject>(
	this: Context,
	profile: VendorProfile,
	call: ApiCall,
	itemIndex = 0,
): Promise<T> {
	const response = await apiRequest.call(
		this,
		profile,
		call,
		callOptions(this, profile, itemIndex),
	);
	return response.body as T;
}
