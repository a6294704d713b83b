'use strict';
/**
 * The three rate limiters the vendors document, per key on an injectable clock. Each has
 * `spend(key)`: another client uses up the key's window (the `spendWindow` fault).
 */

/** Q-Hub: `limit` requests per window per key, the window opening with the first counted request. */
function fixedWindow({ limit, windowMs, now }) {
	const windows = new Map(); // key -> { startedAt, count }
	const current = (key) => {
		const window = windows.get(key);
		if (window && now() >= window.startedAt + windowMs) windows.delete(key);
		return windows.get(key);
	};
	const open = (key) => current(key) ?? windows.set(key, { startedAt: now(), count: 0 }).get(key);
	return {
		/** The open window when it is used up, else undefined. */
		exhausted: (key) => (current(key)?.count >= limit ? current(key) : undefined),
		/** Counts one request; returns the window after it. */
		count(key) {
			const window = open(key);
			window.count += 1;
			return window;
		},
		spend(key) {
			const window = open(key);
			window.count = Math.max(window.count, limit);
		},
		counted: (key) => current(key)?.count ?? 0,
		resetMs: (window) => window.startedAt + windowMs,
		clear: () => windows.clear(),
	};
}

/**
 * Qflow's edge: `limit` requests per fixed window per key (the source IP); the request that crosses
 * the limit opens a block of `blockMs` in which every request is refused (and not counted).
 */
function mitigatedWindow({ limit, windowMs, blockMs, now }) {
	const windows = new Map(); // key -> { startedAt, count, blockedUntil }
	const current = (key, at) => {
		const window = windows.get(key);
		if (window && at - window.startedAt < windowMs) return window;
		return windows
			.set(key, { startedAt: at, count: 0, blockedUntil: window?.blockedUntil ?? 0 })
			.get(key);
	};
	return {
		/** Counts one request; true when it is refused. */
		limited(key) {
			const at = now();
			if (at < (windows.get(key)?.blockedUntil ?? 0)) return true;
			const window = current(key, at);
			window.count += 1;
			if (window.count > limit) window.blockedUntil = at + blockMs;
			return window.count > limit;
		},
		spend(key) {
			const window = current(key, now());
			window.count = Math.max(window.count, limit);
		},
		clear: () => windows.clear(),
	};
}

/**
 * Humanly: sliding windows per key (`[{ limit, ms }]`, e.g. 100 a minute and 1000 an hour). A request
 * is admitted only when every window has room; refused requests are not recorded, so they cost nothing.
 */
function slidingWindows({ windows, now }) {
	const longest = Math.max(...windows.map((w) => w.ms));
	const hits = new Map(); // key -> ascending times of admitted requests within the longest window
	const recent = (key, at) => (hits.get(key) ?? []).filter((stamp) => at - stamp < longest);
	const states = (stamps, at) =>
		windows.map(({ limit, ms }) => {
			const inWindow = stamps.filter((stamp) => at - stamp < ms);
			// A slot frees when the oldest request in the window slides out of it.
			return {
				limit,
				remaining: Math.max(0, limit - inWindow.length),
				resetMs: (inWindow[0] ?? at) + ms,
			};
		});
	/** The window a client must respect: fewest remaining; on a tie the one that frees later. */
	const tighter = (a, b) =>
		a.remaining !== b.remaining
			? a.remaining < b.remaining
				? a
				: b
			: a.resetMs >= b.resetMs
				? a
				: b;
	return {
		/** Admits or refuses one request: `{ admitted, limit, remaining, resetMs }` of the tighter window. */
		take(key) {
			const at = now();
			const stamps = recent(key, at);
			const admitted = states(stamps, at).every((s) => s.remaining > 0);
			if (admitted) stamps.push(at);
			hits.set(key, stamps);
			return { admitted, ...states(stamps, at).reduce(tighter) };
		},
		spend(key) {
			const at = now();
			const stamps = recent(key, at);
			hits.set(key, [
				...stamps,
				...Array(Math.min(...states(stamps, at).map((s) => s.remaining))).fill(at),
			]);
		},
		clear: () => hits.clear(),
	};
}

module.exports = { fixedWindow, mitigatedWindow, slidingWindows };
