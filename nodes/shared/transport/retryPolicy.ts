/**
 * The transport's one decision, as a pure function: given what went wrong with one request (the
 * status the server answered or the network failure), its headers, whether the call may be sent
 * twice, how many tries and how much waiting came before, and the time now: wait so long and try
 * again, or give up with this message. No I/O, no clock: test/unit/shared/retryPolicy.test.ts reads
 * it as a table.
 */
import {
	retryAfterMs,
	resetAtMs,
	type RateLimitHeaderNames,
	type ResponseHeaders,
} from './rateLimit';

export const MAX_RETRIES = 5;
export const BACKOFF_BASE_MS = 1_000;
/** Longest single backoff step when the vendor documents no window of its own. */
export const BACKOFF_CAP_MS = 60_000;

/** Network failures after which the request cannot have reached the server: safe to resend anything. */
const NOT_SENT: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
	EHOSTUNREACH: 'the host could not be reached',
	ENETUNREACH: 'the network could not be reached',
};
/** Failures after the request may have been sent: the server may have processed it. */
const AFTER_SENDING: Record<string, string> = {
	ECONNRESET: 'the connection was reset after the request was sent',
	ETIMEDOUT: 'no answer came in time',
	ECONNABORTED: 'no answer came in time',
	EPIPE: 'the connection was closed while the request was sent',
};
/** Server errors an idempotent call may be retried on. */
const TRANSIENT_STATUSES = new Set([500, 502, 504]);

export interface Pacing {
	/** The vendor's name in messages. */
	vendor: string;
	rateLimitHeaders?: RateLimitHeaderNames;
	/** The vendor's documented refusal window: the wait after a 429 without headers, and the backoff cap. */
	refusalWindowMs?: number;
}

export interface FailedTry {
	/** The HTTP status the server answered, or undefined for a network failure. */
	status?: number;
	networkCode?: string;
	headers: ResponseHeaders;
	method: string;
	path: string;
	idempotent: boolean;
	/** Retries already made for this call (0 after the first try). */
	attempt: number;
	/** Time this call has spent waiting so far. */
	waitedMs: number;
	/** 429s in a row without a usable header, this one included. */
	bareRefusals: number;
	nowMs: number;
	maxWaitMs: number;
	/** The window's limit, when the headers ever said it: it makes the pacing advice concrete. */
	knownLimit?: number;
	random: () => number;
}

export type Verdict =
	/** Wait so long, then send again. */
	| { retry: true; waitMs: number; bare?: boolean }
	/** Give up with the message the vendor's own answer gives (its error body), or with these words. */
	| { retry: false; message?: string; hint?: string };

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so retries of many
 * clients spread out while each still waits at least half the step.
 */
export function backoffMs(attempt: number, capMs: number, random: () => number): number {
	const step = Math.min(capMs, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
	return Math.round(step / 2 + (random() * step) / 2);
}

function describeReset(resetAt: number, nowMs: number): string {
	const inSeconds = Math.max(1, Math.ceil((resetAt - nowMs) / 1000));
	return `${new Date(resetAt).toISOString().replace('.000Z', 'Z')} (in ${inSeconds} s)`;
}

const seconds = (ms: number) => Math.round(ms / 1000);

function paceAdvice(knownLimit: number | undefined): string {
	return `pace the workflow: Loop Over Items with a Wait node so that fewer than ${knownLimit ?? 'the allowed number of'} requests go out per window.`;
}

/** A wait the server asked for (or a spent window) that Max Wait does not allow. */
function tooLong(
	pacing: Pacing,
	status: 429 | 503,
	why: string,
	waitMs: number,
	nowMs: number,
	maxWaitMs: number,
	knownLimit?: number,
) {
	const resetAt = describeReset(nowMs + waitMs, nowMs);
	return {
		retry: false as const,
		message:
			status === 429
				? `${pacing.vendor} rate limit reached: ${why}; the window resets at ${resetAt}`
				: `${pacing.vendor} is temporarily unavailable (503); it can be retried at ${resetAt}`,
		hint:
			`This node waits at most ${seconds(maxWaitMs)} s ("Max Wait" under Request Options). ` +
			`Raise Max Wait to at least ${Math.ceil(waitMs / 1000)} s, or ${status === 429 ? paceAdvice(knownLimit) : 'run the workflow again later.'}`,
	};
}

/** Before sending: the window the headers described is spent until `waitMs` from now. */
export function beforeSending(
	pacing: Pacing,
	waitMs: number,
	nowMs: number,
	maxWaitMs: number,
	knownLimit?: number,
): Verdict {
	if (waitMs <= maxWaitMs) return { retry: true, waitMs };
	return tooLong(
		pacing,
		429,
		'no requests left in this window',
		waitMs,
		nowMs,
		maxWaitMs,
		knownLimit,
	);
}

/** After a try that failed: wait and try again, or give up. */
export function afterFailure(pacing: Pacing, failed: FailedTry): Verdict {
	const { status, attempt, nowMs, maxWaitMs } = failed;
	const retriesLeft = attempt < MAX_RETRIES;
	const capMs = pacing.refusalWindowMs ?? BACKOFF_CAP_MS;

	if (status === 429 || status === 503) {
		// The server answered "not processed, come back later": resending is safe for any method.
		const told =
			retryAfterMs(failed.headers, nowMs) ??
			subtractNow(resetAtMs(failed.headers, pacing.rateLimitHeaders, nowMs), nowMs);
		if (told !== undefined) {
			if (!retriesLeft) return { retry: false };
			if (told > maxWaitMs) {
				return tooLong(
					pacing,
					status,
					'the server answered 429 Too Many Requests',
					told,
					nowMs,
					maxWaitMs,
					failed.knownLimit,
				);
			}
			return { retry: true, waitMs: told };
		}
		if (status === 503) return backoff(failed);
		// A bare 429: back off (the vendor's documented window when it has one), for as long as Max Wait
		// allows in all, then say how long was waited and why.
		const waitMs = pacing.refusalWindowMs ?? backoffMs(failed.bareRefusals, capMs, failed.random);
		if (failed.waitedMs + waitMs <= maxWaitMs) return { retry: true, waitMs, bare: true };
		if (failed.bareRefusals === 1 && waitMs > maxWaitMs) {
			return tooLong(
				pacing,
				429,
				'the server answered 429 Too Many Requests',
				waitMs,
				nowMs,
				maxWaitMs,
				failed.knownLimit,
			);
		}
		return {
			retry: false,
			message:
				`${pacing.vendor} rate limit reached: the server answered 429 Too Many Requests ${failed.bareRefusals} times ` +
				`without saying when to retry (no Retry-After or rate-limit headers); gave up after waiting ${seconds(failed.waitedMs)} s in all`,
			hint:
				`This node keeps backing off for at most ${seconds(maxWaitMs)} s ("Max Wait" under Request Options). ` +
				`Raise Max Wait, or ${paceAdvice(failed.knownLimit)}`,
		};
	}

	if (status !== undefined)
		return TRANSIENT_STATUSES.has(status) && failed.idempotent ? backoff(failed) : { retry: false };

	const code = failed.networkCode ?? '';
	const notSent = code in NOT_SENT;
	if (notSent || failed.idempotent) {
		const verdict = backoff(failed);
		if (verdict.retry) return verdict;
	}
	const call = `${failed.method} ${failed.path}`;
	if (notSent) {
		return {
			retry: false,
			message: `${pacing.vendor} could not be reached: ${NOT_SENT[code]} on ${call}`,
			hint: 'Check the host in the credential and your network, then run the workflow again.',
		};
	}
	const what = AFTER_SENDING[code] ?? 'the connection failed after the request was sent';
	if (failed.idempotent) {
		return {
			retry: false,
			message: `${pacing.vendor} did not answer ${call}: ${what} (${attempt + 1} tries)`,
			hint: 'Check the host in the credential and your network, then run the workflow again.',
		};
	}
	return {
		retry: false,
		message: `${pacing.vendor} may have processed ${call}: ${what}, so the outcome is unknown`,
		hint:
			`The record may exist now. The request was not sent again (that could create a duplicate): ` +
			`check in ${pacing.vendor} whether it took effect before running this item again.`,
	};
}

/** Another try after an exponential backoff, while tries are left and the wait fits in Max Wait. */
function backoff(failed: FailedTry): Verdict {
	const waitMs = backoffMs(failed.attempt + 1, BACKOFF_CAP_MS, failed.random);
	return failed.attempt < MAX_RETRIES && waitMs <= failed.maxWaitMs
		? { retry: true, waitMs }
		: { retry: false };
}

function subtractNow(at: number | undefined, nowMs: number): number | undefined {
	return at === undefined ? undefined : Math.max(0, at - nowMs);
}
