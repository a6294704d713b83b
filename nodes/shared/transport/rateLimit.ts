/**
 * What a vendor's rate-limit headers say, and the per-key memory of it that paces requests before
 * they are sent. Header names come from the profile a vendor passes in, never a vendor by name.
 */

export interface RateLimitHeaderNames {
	/** Lower-case header names, e.g. `ratelimit-remaining` (Q-Hub) or `x-ratelimit-remaining` (Humanly). */
	limit: string;
	remaining: string;
	reset: string;
}

/** A limit the vendor documents but does not announce in headers (e.g. 1000 requests a minute). */
export interface DocumentedLimit {
	requests: number;
	windowMs: number;
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
export function retryAfterMs(
	headers: ResponseHeaders | undefined,
	nowMs: number,
): number | undefined {
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
	return seconds >= EPOCH_SECONDS_THRESHOLD
		? Math.ceil(seconds * 1000)
		: nowMs + Math.round(seconds * 1000);
}

function wholeNumber(
	headers: ResponseHeaders | undefined,
	name: string | undefined,
): number | undefined {
	const value = name === undefined ? undefined : header(headers, name)?.trim();
	return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** What one answer's headers say about the window, or undefined when they say nothing usable. */
export interface WindowReport {
	limit?: number;
	remaining: number;
	resetAt?: number;
}

export function windowReport(
	headers: ResponseHeaders | undefined,
	names: RateLimitHeaderNames | undefined,
	nowMs: number,
): WindowReport | undefined {
	const remaining = wholeNumber(headers, names?.remaining);
	if (remaining === undefined) return undefined;
	return {
		remaining,
		limit: wholeNumber(headers, names?.limit),
		resetAt: resetAtMs(headers, names, nowMs),
	};
}

interface KeyState {
	limit?: number;
	/** Requests left in the window the last answer described, and when that window resets. */
	remaining?: number;
	resetAt?: number;
	/** Requests sent under this key that have not been answered yet. */
	inFlight: number;
	/**
	 * Under a documented limit (vendors without headers): requests reserved and not yet answered, and
	 * the answer times of those answered within the window, oldest first. A request counts from its
	 * answer, not from when it was reserved: the vendor counts it on arrival, which may be much later
	 * (after a sign-in, say), and never after the answer.
	 */
	unanswered: number;
	answered: number[];
}

/** The window the last answer described says nothing any more; requests in flight stay counted. */
function forgetWindow(state: KeyState): void {
	state.remaining = undefined;
	state.resetAt = undefined;
}

/**
 * The per-key window memory of one n8n process. It outlives an execution on purpose (the vendor's
 * window is per key, not per run), and a request is reserved before it is sent, so executions and
 * items running side by side never spend more than a window they know about.
 */
export class RateLimitMemory {
	private readonly keys = new Map<string, KeyState>();

	private state(key: string): KeyState {
		let state = this.keys.get(key);
		if (!state) {
			state = { inFlight: 0, unanswered: 0, answered: [] };
			this.keys.set(key, state);
		}
		return state;
	}

	/**
	 * How long to wait before one more request may go out; 0 means go now, and the request is then
	 * reserved until settle() is called for it.
	 */
	reserve(key: string, nowMs: number, documented?: DocumentedLimit): number {
		const state = this.state(key);
		if (state.resetAt !== undefined && state.resetAt <= nowMs) forgetWindow(state);
		if (
			state.remaining !== undefined &&
			state.remaining - state.inFlight <= 0 &&
			state.resetAt !== undefined
		) {
			return state.resetAt - nowMs;
		}
		if (documented) {
			while (state.answered.length > 0 && state.answered[0] <= nowMs - documented.windowMs)
				state.answered.shift();
			if (state.unanswered + state.answered.length >= documented.requests)
				// All in flight: one of them frees a place a window after its answer at the earliest.
				return (state.answered[0] ?? nowMs) + documented.windowMs - nowMs;
			state.unanswered += 1;
		}
		state.inFlight += 1;
		return 0;
	}

	/** Gives back the request reserve() just granted, unsent (another window made it wait). */
	release(key: string): void {
		const state = this.state(key);
		state.inFlight = Math.max(0, state.inFlight - 1);
		state.unanswered = Math.max(0, state.unanswered - 1);
	}

	/** Frees a reserved request answered at `nowMs`, and keeps what its answer said about the window. */
	settle(key: string, report: WindowReport | undefined, nowMs: number): void {
		const state = this.state(key);
		state.inFlight = Math.max(0, state.inFlight - 1);
		if (state.unanswered > 0) {
			state.unanswered -= 1;
			state.answered.push(nowMs);
		}
		if (!report) return;
		if (report.limit !== undefined) state.limit = report.limit;
		// Answers of requests in flight together may arrive out of order: within one window the
		// lowest remaining count is the true one.
		const sameWindow =
			state.remaining !== undefined &&
			state.resetAt !== undefined &&
			report.resetAt !== undefined &&
			Math.abs(state.resetAt - report.resetAt) < 1000;
		state.remaining = sameWindow
			? Math.min(state.remaining ?? report.remaining, report.remaining)
			: report.remaining;
		state.resetAt = report.resetAt;
	}

	/**
	 * After waiting out a refusal, the window it described says nothing any more. A newer window that
	 * other requests of this process learned about meanwhile (one that resets later and is still
	 * open) is kept: forgetting it would send into a window known to be spent. Requests in flight
	 * stay counted.
	 */
	reopen(key: string, refusedResetAt: number | undefined, nowMs: number): void {
		const state = this.state(key);
		const newer =
			state.resetAt !== undefined &&
			state.resetAt > nowMs &&
			(refusedResetAt === undefined || state.resetAt - refusedResetAt >= 1000);
		if (!newer) forgetWindow(state);
	}

	limitOf(key: string): number | undefined {
		return this.keys.get(key)?.limit;
	}

	forget(): void {
		this.keys.clear();
	}
}
