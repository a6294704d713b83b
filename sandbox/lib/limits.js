'use strict';
/**
 * The three rate limiters the vendors document. Each takes an injectable clock, keeps its windows
 * per key, and has `spend(key)`: another client uses up the key's window (the `spendWindow` fault).
 */

/** Q-Hub: N requests per window per key, the window opening with the first counted request. */
function fixedWindow({ limit, windowMs, now }) {
	const windows = new Map(); // key -> { startedAt, count }

	function current(key) {
		const window = windows.get(key);
		if (window && now() >= window.startedAt + windowMs) windows.delete(key);
		return windows.get(key);
	}

	function open(key) {
		if (!current(key)) windows.set(key, { startedAt: now(), count: 0 });
		return windows.get(key);
	}

	return {
		/** The open window when it is used up, else undefined. */
		exhausted(key) {
			const window = current(key);
			return window && window.count >= limit ? window : undefined;
		},
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
 * Qflow's edge: N requests per fixed window per key (the source IP); the request that crosses the
 * limit opens a block of `blockMs` in which every request is refused (and not counted).
 */
function mitigatedWindow({ limit, windowMs, blockMs, now }) {
	const windows = new Map(); // key -> { startedAt, count, blockedUntil }

	function current(key, at) {
		const window = windows.get(key);
		if (window && at - window.startedAt < windowMs) return window;
		const fresh = { startedAt: at, count: 0, blockedUntil: window?.blockedUntil ?? 0 };
		windows.set(key, fresh);
		return fresh;
	}

	return {
		/** Counts one request; true when it is refused. */
		limited(key) {
			const at = now();
			if (at < (windows.get(key)?.blockedUntil ?? 0)) return true;
			const window = current(key, at);
			window.count += 1;
			if (window.count <= limit) return false;
			window.blockedUntil = at + blockMs;
			return true;
		},
		spend(key) {
			const window = current(key, now());
			window.count = Math.max(window.count, limit);
		},
		clear: () => windows.clear(),
	};
}

/**
 * Humanly: several sliding windows per key (100 a minute and 1000 an hour). A request is admitted
 * only when every window has room; refused requests are not recorded, so they cost nothing.
 */
function slidingWindows({ windows, now }) {
	const longest = Math.max(...windows.map((w) => w.ms));
	const hits = new Map(); // key -> ascending timestamps of admitted requests within the longest window

	function windowState(stamps, at, { limit, ms }) {
		const inWindow = stamps.filter((stamp) => at - stamp < ms);
		// A slot frees when the oldest request in the window slides out of it.
		const resetMs = inWindow.length ? inWindow[0] + ms : at + ms;
		return { limit, remaining: Math.max(0, limit - inWindow.length), resetMs };
	}

	/** The window a client must respect: fewest remaining; on a tie the one that frees later. */
	const tighter = (a, b) => {
		if (a.remaining !== b.remaining) return a.remaining < b.remaining ? a : b;
		return a.resetMs >= b.resetMs ? a : b;
	};

	const recent = (key, at) => (hits.get(key) ?? []).filter((stamp) => at - stamp < longest);

	return {
		/** Admits or refuses one request: `{ admitted, limit, remaining, resetMs }` of the tighter window. */
		take(key) {
			const at = now();
			const stamps = recent(key, at);
			const admitted = windows.every((w) => windowState(stamps, at, w).remaining > 0);
			if (admitted) stamps.push(at);
			hits.set(key, stamps);
			return { admitted, ...windows.map((w) => windowState(stamps, at, w)).reduce(tighter) };
		},
		spend(key) {
			const at = now();
			const stamps = recent(key, at);
			const free = Math.min(...windows.map((w) => windowState(stamps, at, w).remaining));
			hits.set(key, [...stamps, ...Array(free).fill(at)]);
		},
		clear: () => hits.clear(),
	};
}

module.exports = { fixedWindow, mitigatedWindow, slidingWindows };
