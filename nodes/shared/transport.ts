import {
	sleep,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
} from 'n8n-workflow';

import { maxWaitMs } from './descriptions';
import { apiError, credentialAnswerOf, type VendorError } from './errors';
import {
	backoffMs,
	remainingRequests,
	resetAtMs,
	waitAfterRefusalMs,
	type RateLimitHeaderNames,
	type ResponseHeaders,
} from './rateLimit';

/** What a vendor hands the transport: the transport never names a vendor itself. */
export interface VendorProfile {
	displayName: string;
	credentialType: string;
	/** Credential fields whose values must never appear in a message. */
	secretFields: string[];
	/** Absolute URL of a path, from the stored credential (hosts are configurable). */
	url(credentials: ICredentialDataDecryptedObject, path: string): string;
	rateLimitHeaders?: RateLimitHeaderNames;
	/** Default of the node's "Max Wait" option (Request Options), in seconds. */
	defaultMaxWaitSeconds: number;
	/** Whether the credential renews a token in `preAuthentication` (n8n does so on a thrown 401). */
	renewsTokenOn401?: boolean;
	/** Wait after a 429 that carries no usable header: the vendor's documented window; else backoff. */
	refusalFallbackMs?: number;
	parseError(body: unknown, headers: ResponseHeaders): VendorError;
	/** What the user should do about an error, by status and vendor code. */
	hint(status: number, error: VendorError): string | undefined;
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
}

export interface ApiResponse<T = unknown> {
	body: T;
	headers: ResponseHeaders;
	statusCode: number;
}

type Context = IExecuteFunctions | ILoadOptionsFunctions;

/** The clock of every wait, replaceable in tests so that no test really waits. */
export const clock = {
	now: (): number => Date.now(),
	sleep: async (ms: number): Promise<void> => await sleep(ms),
	random: (): number => Math.random(),
};

export const MAX_RETRIES = 5;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_CAP_MS = 60_000;
const REQUEST_TIMEOUT_MS = 60_000;

/** Network failures after which the request cannot have been processed: safe to resend anything. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const NETWORK_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
	ECONNRESET: 'the connection was reset before an answer',
	ETIMEDOUT: 'no answer in time',
	ECONNABORTED: 'no answer in time',
	EPIPE: 'the connection was closed while sending',
};
/** Statuses that say "not processed, come back later". */
const REFUSED_STATUSES = new Set([429, 503]);
/** Server errors an idempotent call may be retried on. */
const TRANSIENT_STATUSES = new Set([500, 502, 504]);

/**
 * What the rate-limit headers last said per credential. It outlives one execution on purpose: the
 * vendor's window is per key, not per run.
 */
const windows = new Map<string, { remaining?: number; resetAt?: number; limit?: string }>();

export function forgetRateLimitWindows(): void {
	windows.clear();
}

interface HttpFailure {
	status?: number;
	headers?: ResponseHeaders;
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
	const thrown = error as { httpCode?: unknown; code?: unknown; cause?: { code?: unknown }; context?: { data?: unknown } };
	if (typeof thrown?.httpCode === 'string' && /^\d{3}$/.test(thrown.httpCode)) {
		return { status: Number(thrown.httpCode), headers: {}, body: thrown.context?.data };
	}
	const networkCode = [thrown?.httpCode, thrown?.cause?.code, thrown?.code].find(
		(code): code is string => typeof code === 'string' && /^E[A-Z_]+$/.test(code),
	);
	return { networkCode };
}

/**
 * The stored credential, read once per node run: n8n decrypts it on every read, and the transport
 * needs only its hosts and secrets, which do not change mid-run (a renewed token is n8n's concern).
 */
const credentialsByRun = new WeakMap<Context, Promise<ICredentialDataDecryptedObject>>();

async function credentialsOf(context: Context, type: string): Promise<ICredentialDataDecryptedObject> {
	let credentials = credentialsByRun.get(context);
	if (!credentials) {
		credentials = context.getCredentials(type);
		credentialsByRun.set(context, credentials);
	}
	return await credentials;
}

function isIdempotent(call: ApiCall): boolean {
	return call.idempotent ?? !['POST', 'PATCH'].includes(call.method);
}

function windowKey(context: Context, profile: VendorProfile, baseUrl: string): string {
	const credentialId = context.getNode().credentials?.[profile.credentialType]?.id ?? '';
	return `${profile.credentialType}|${credentialId}|${baseUrl}`;
}

function describeReset(resetAt: number): string {
	const inSeconds = Math.max(1, Math.ceil((resetAt - clock.now()) / 1000));
	return `${new Date(resetAt).toISOString().replace('.000Z', 'Z')} (in ${inSeconds} s)`;
}

/**
 * The one way every operation of every vendor talks HTTP: auth through the credential's
 * `authenticate` (n8n's httpRequestWithAuthentication), rate-limit pacing, safe retries, and vendor
 * errors mapped to NodeApiError without secrets.
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
	const url = profile.url(credentials, call.path);
	const key = windowKey(this, profile, profile.url(credentials, ''));
	const node = this.getNode();
	const fail = (status: number | null, vendorError: VendorError, message: string, hint?: string) =>
		apiError(node, { vendor: profile.displayName, status, vendorError, message, hint, itemIndex: options.itemIndex, secrets });

	/** Waits for a window or a recovery, or fails the item when that is longer than Max Wait allows. */
	const waitOrFail = async (waitMs: number, status: 429 | 503, why: string, vendorError: VendorError = {}) => {
		if (waitMs > options.maxWaitMs) {
			const resetAt = describeReset(clock.now() + waitMs);
			const limit = windows.get(key)?.limit;
			const pace =
				status === 429
					? `pace the workflow: Loop Over Items with a Wait node so that fewer than ${limit ?? 'the allowed number of'} requests go out per window.`
					: 'run the workflow again later.';
			throw fail(
				status,
				vendorError,
				status === 429
					? `${profile.displayName} rate limit reached: ${why}; the window resets at ${resetAt}`
					: `${profile.displayName} is temporarily unavailable (503); it can be retried at ${resetAt}`,
				`This node waits at most ${Math.round(options.maxWaitMs / 1000)} s ("Max Wait" under Request Options). ` +
					`Raise Max Wait to at least ${Math.ceil(waitMs / 1000)} s, or ${pace}`,
			);
		}
		await clock.sleep(waitMs);
	};

	const request: IHttpRequestOptions = {
		method: call.method,
		url,
		qs: call.qs,
		body: call.body,
		json: true,
		returnFullResponse: true,
		timeout: REQUEST_TIMEOUT_MS,
	};

	for (let attempt = 0; ; attempt++) {
		// Proactive pacing: when the last answer said the window is spent, wait for the reset instead of
		// spending a request on a 429.
		const known = windows.get(key);
		if (known?.remaining === 0 && known.resetAt !== undefined && known.resetAt > clock.now()) {
			await waitOrFail(known.resetAt - clock.now(), 429, 'no requests left in this window');
			windows.delete(key);
		}

		const outcome = await send(this, profile, request);
		if ('response' in outcome) {
			remember(key, profile, outcome.response.headers);
			return outcome.response as ApiResponse<T>;
		}
		const failure = outcome.failure;

		const retriesLeft = attempt < MAX_RETRIES;
		if (failure.status !== undefined) {
			const { status, headers } = failure;
			remember(key, profile, headers);
			if (REFUSED_STATUSES.has(status) && retriesLeft) {
				// The server answered "not processed": resending is safe for any method.
				const fallbackMs =
					status === 429 && profile.refusalFallbackMs !== undefined
						? profile.refusalFallbackMs
						: backoffMs(attempt + 1, BACKOFF_BASE_MS, BACKOFF_CAP_MS, clock.random);
				const waitMs = waitAfterRefusalMs(headers, profile.rateLimitHeaders, clock.now(), fallbackMs);
				// Past Max Wait the item still carries the vendor's own code, details and request id.
				const vendorError = profile.parseError(failure.body, headers ?? {});
				await waitOrFail(waitMs, status as 429 | 503, 'the server answered 429 Too Many Requests', vendorError);
				windows.delete(key);
				continue;
			}
			if (TRANSIENT_STATUSES.has(status) && isIdempotent(call) && retriesLeft) {
				await clock.sleep(backoffMs(attempt + 1, BACKOFF_BASE_MS, BACKOFF_CAP_MS, clock.random));
				continue;
			}
			const vendorError = profile.parseError(failure.body, headers ?? {});
			const message = vendorError.message
				? `${profile.displayName}: ${vendorError.message}`
				: `${profile.displayName} answered ${status} to ${call.method} ${call.path}`;
			throw fail(status, vendorError, message, profile.hint(status, vendorError));
		}

		const code = failure.networkCode;
		const notSent = code !== undefined && NOT_SENT_CODES.has(code);
		if ((notSent || isIdempotent(call)) && retriesLeft) {
			await clock.sleep(backoffMs(attempt + 1, BACKOFF_BASE_MS, BACKOFF_CAP_MS, clock.random));
			continue;
		}
		// The code goes into the details, not the message: n8n would swap a message holding a
		// network code for its own generic text and lose the advice below.
		throw fail(
			null,
			{ code },
			`${profile.displayName} could not be reached: ${NETWORK_FAILURES[code ?? ''] ?? 'the connection failed'} on ${call.method} ${call.path}`,
			notSent || isIdempotent(call)
				? 'Check the host in the credential and your network, then run the workflow again.'
				: `The request may have reached ${profile.displayName} before the connection failed, so it was not sent again ` +
						'(that could create a duplicate). Check in the app whether it took effect before running this item again.',
		);
	}
}

/**
 * One HTTP exchange. Status errors come back as answers (with their headers, which n8n's error
 * object would drop). A 401 on a token credential is sent once more through n8n's throwing path,
 * the only one on which n8n renews a `preAuthentication` token and retries.
 */
async function send(
	context: Context,
	profile: VendorProfile,
	request: IHttpRequestOptions,
): Promise<{ response: ApiResponse } | { failure: HttpFailure }> {
	const http = context.helpers.httpRequestWithAuthentication;
	try {
		let response = (await http.call(context, profile.credentialType, {
			...request,
			ignoreHttpStatusErrors: true,
		})) as ApiResponse;
		if (response.statusCode === 401 && profile.renewsTokenOn401) {
			response = (await http.call(context, profile.credentialType, request)) as ApiResponse;
		}
		if (response.statusCode < 400) return { response };
		return { failure: { status: response.statusCode, headers: response.headers, body: response.body } };
	} catch (error) {
		return { failure: failureOf(error) };
	}
}

/** One call bounded by the node's Max Wait (Request Options); answers the response body. */
export async function requestBody<T = IDataObject>(
	this: Context,
	profile: VendorProfile,
	call: ApiCall,
	itemIndex = 0,
): Promise<T> {
	const response = await apiRequest.call(this, profile, call, {
		maxWaitMs: maxWaitMs(this, itemIndex, profile.defaultMaxWaitSeconds),
		itemIndex,
	});
	return response.body as T;
}

function remember(key: string, profile: VendorProfile, headers: ResponseHeaders | undefined): void {
	const names = profile.rateLimitHeaders;
	const remaining = remainingRequests(headers, names);
	if (remaining === undefined) return;
	const limitHeader = names && headers?.[names.limit];
	windows.set(key, {
		remaining,
		resetAt: resetAtMs(headers, names, clock.now()),
		limit: limitHeader === undefined ? undefined : String(limitHeader),
	});
}
