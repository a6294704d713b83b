import type { ICredentialsDecrypted, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { apiError, type VendorError } from '../errors';
import { noteWait } from '../hints';
import { clock } from './clock';
import { failureOf, foreignBody, type HttpFailure } from './failure';
import { credentialsOf, rateLimits, refusedSignIns, storedCredential } from './memory';
import {
	isIdempotent,
	type ApiCall,
	type ApiResponse,
	type CallOptions,
	type TransportContext,
	type VendorProfile,
} from './profile';
import { windowReport } from './rateLimit';
import { callOptions } from './requestOptions';
import { afterFailure, beforeSending, type Pacing } from './retryPolicy';
import { exchangeWithToken } from './tokenSignIn';

const DEFAULT_TIMEOUT_MS = 60_000;

/** One credential on one host: the key of its token. */
function credentialKey(context: TransportContext, profile: VendorProfile, baseUrl: string): string {
	const credentialId = context.getNode().credentials?.[profile.credentialType]?.id ?? '';
	return `${profile.credentialType}|${credentialId}|${baseUrl}`;
}

/** The window memory's key: one window per credential and host, or per host where limits are per source IP. */
function windowKey(profile: VendorProfile, credential: string, baseUrl: string): string {
	return profile.limitsPerSourceIp ? `${profile.credentialType}|*|${baseUrl}` : credential;
}

/**
 * How long to wait before the call may go out (0: it is reserved in every window it counts in). An
 * endpoint's own window is reserved first and given back when the vendor's window makes it wait.
 */
function reserve(key: string, profile: VendorProfile, call: ApiCall): number {
	const endpoint = call.endpointLimit;
	const endpointKey = endpoint && `${key}|${endpoint.name}`;
	if (endpoint && endpointKey) {
		const waitMs = rateLimits.reserve(endpointKey, clock.now(), endpoint.limit);
		if (waitMs > 0) return waitMs;
	}
	const waitMs = rateLimits.reserve(key, clock.now(), profile.documentedLimit);
	if (waitMs > 0 && endpointKey) rateLimits.release(endpointKey);
	return waitMs;
}

/**
 * The one way every operation and trigger of every vendor talks HTTP: auth through the credential's
 * `authenticate` (n8n's httpRequestWithAuthentication), pacing before sending, the retry policy
 * (retryPolicy.ts) after a failure, and vendor errors mapped to NodeApiError without secrets.
 */
export async function apiRequest<T = unknown>(
	this: TransportContext,
	profile: VendorProfile,
	call: ApiCall,
	options: CallOptions,
): Promise<ApiResponse<T>> {
	const credentials = await credentialsOf(this, profile.credentialType);
	const stored = storedCredential(this, profile.credentialType, credentials);
	const secrets = profile.secretFields
		.map((field) => credentials[field])
		.filter((value): value is string => typeof value === 'string' && value !== '');
	const baseUrl = profile.url(credentials, '');
	const credential = credentialKey(this, profile, baseUrl);
	const key = windowKey(profile, credential, baseUrl);
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
		for (let waitMs = reserve(key, profile, call); waitMs > 0; ) {
			const verdict = beforeSending(
				pacing,
				waitMs,
				clock.now(),
				options.maxWaitMs,
				rateLimits.limitOf(key),
			);
			if (!verdict.retry) throw fail(429, {}, verdict.message ?? '', verdict.hint);
			await clock.sleep(waitMs);
			noteWait(this, profile.displayName, waitMs);
			waitedMs += waitMs;
			waitMs = reserve(key, profile, call);
		}

		const outcome = await send(this, profile, request, credential, stored);
		const report = windowReport(
			'response' in outcome ? outcome.response.headers : outcome.failure.headers,
			profile.rateLimitHeaders,
			clock.now(),
		);
		rateLimits.settle(key, report, clock.now());
		if (call.endpointLimit)
			rateLimits.settle(`${key}|${call.endpointLimit.name}`, undefined, clock.now());
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
			if (failure.status === 429) noteWait(this, profile.displayName, verdict.waitMs);
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
		const vendorError: VendorError = foreign
			? {}
			: { ...profile.parseError(failure.body, failure.headers), signIn: failure.signIn };
		const requestId = profile.parseError(undefined, failure.headers).requestId;
		if (verdict.message) throw fail(failure.status, vendorError, verdict.message, verdict.hint);
		if (foreign) throw fail(failure.status, { requestId }, foreign.message, foreign.hint);
		if (profile.signInRefused?.(failure.status, vendorError))
			refusedSignIns.set(this, { status: failure.status, vendorError });
		throw vendorAnswer(failure.status, vendorError);
	}
}

/** One HTTP exchange. Status errors come back as answers (with their headers, which n8n's error object would drop). */
async function send(
	context: TransportContext,
	profile: VendorProfile,
	request: IHttpRequestOptions,
	credential: string,
	stored: ICredentialsDecrypted | undefined,
): Promise<{ response: ApiResponse } | { failure: HttpFailure }> {
	const http = context.helpers.httpRequestWithAuthentication;
	const given = stored && { credentialsDecrypted: stored };
	const answering = async (options: IHttpRequestOptions) =>
		(await http.call(context, profile.credentialType, options, given)) as ApiResponse;
	try {
		const response = profile.renewsTokenOn401
			? await exchangeWithToken(credential, answering, request)
			: await answering({ ...request, ignoreHttpStatusErrors: true });
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

/** One call bounded by the node's Request Options; answers the response body. */
export async function requestBody<T = IDataObject>(
	this: TransportContext,
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
