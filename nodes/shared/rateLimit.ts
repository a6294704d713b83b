/**
 * Pure functions that turn a vendor's rate-limit answer into "how long to wait". They know header
 * names only through the profile a vendor passes in, never a vendor by name.
 */

export interface RateLimitHeaderNames {
	/** Lower-case header names, e.g. `ratelimit-remaining` (Q-Hub) or `x-ratelimit-remaining` (Humanly). */
	limit: string;
	remaining: string;
	reset: string;
}

export type ResponseHeaders = Record<string, unknown>;

/** Epoch seconds are ~1.7e9 today; a smaller reset value is a delta in seconds (IETF draft style). */
const EPOCH_SECONDS_THRESHOLD = 1e9;

function header(headers: ResponseHeaders | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const value = headers[name] ?? headers[name.toLowerCase()];
	if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
	return value === undefined || value === null ? undefined : String(value);
}

/** `Retry-After` as seconds or an HTTP-date, in milliseconds from `nowMs`; undefined when absent or unreadable. */
export function retryAfterMs(headers: ResponseHeaders | undefined, nowMs: number): number | undefined {
	const value = header(headers, 'retry-after')?.trim();
	if (!value) return undefined;
	if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
	const date = Date.parse(value);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - nowMs);
}

/** The moment (epoch ms) a reset header points to: epoch seconds, or seconds from now when small. */
export function resetAtMs(
	headers: ResponseHeaders | undefined,
	names: RateLimitHeaderNames | undefined,
	nowMs: number,
): number | undefined {
	if (!names) return undefined;
	const value = header(headers, names.reset)?.trim();
	if (!value || !/^\d+(\.\d+)?$/.test(value)) return undefined;
	const seconds = Number(value);
	return seconds >= EPOCH_SECONDS_THRESHOLD ? Math.ceil(seconds * 1000) : nowMs + Math.round(seconds * 1000);
}

export function remainingRequests(
	headers: ResponseHeaders | undefined,
	names: RateLimitHeaderNames | undefined,
): number | undefined {
	if (!names) return undefined;
	const value = header(headers, names.remaining);
	if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
	return Number(value);
}

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so retries of many
 * clients spread out while each still waits at least half the step.
 */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random: () => number): number {
	const step = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(step / 2 + (random() * step) / 2);
}

/**
 * How long to wait after a 429/503, in order of trust: the server's Retry-After, then the
 * rate-limit reset header, then the vendor's documented window, then backoff.
 */
export function waitAfterRefusalMs(
	headers: ResponseHeaders | undefined,
	names: RateLimitHeaderNames | undefined,
	nowMs: number,
	fallbackMs: number,
): number {
	const retryAfter = retryAfterMs(headers, nowMs);
	if (retryAfter !== undefined) return retryAfter;
	const reset = resetAtMs(headers, names, nowMs);
	if (reset !== undefined) return Math.max(0, reset - nowMs);
	return fallbackMs;
}
