/**
 * Executions side by side in one n8n process share the window memory of a key
 * (nodes/shared/rateLimit.ts). Here they meet a vendor with a fixed window per key that answers the
 * way the Q-Hub sandbox does (sandbox/qhub.js: `RateLimit-Reset` in whole epoch seconds, rounded up,
 * and on a 429 `Retry-After` in whole seconds from now, rounded up), on a virtual clock.
 */
import type { IExecuteFunctions, INode } from 'n8n-workflow';

import {
	apiRequest,
	clock,
	rateLimits,
	type ApiCall,
	type VendorProfile,
} from '../../../nodes/shared/transport';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const LIMIT = 2;
const WINDOW_MS = 10_000;
const CREATE: ApiCall = { method: 'POST', path: '/things', body: { name: 'a' } };

const profile: VendorProfile = {
	displayName: 'Vendor',
	credentialType: 'vendorApi',
	secretFields: ['apiKey'],
	url: (credentials, path) => `${String(credentials.baseUrl)}${path}`,
	rateLimitHeaders: {
		limit: 'ratelimit-limit',
		remaining: 'ratelimit-remaining',
		reset: 'ratelimit-reset',
	},
	defaultMaxWaitSeconds: 900,
	parseError: () => ({}),
	hint: () => undefined,
};

/** Sleeps resolve only when the test moves time past them, in order: calls really run side by side. */
function virtualClock() {
	let now = T0;
	const timers: Array<{ at: number; wake: () => void }> = [];
	jest.spyOn(clock, 'now').mockImplementation(() => now);
	jest.spyOn(clock, 'random').mockImplementation(() => 0.5);
	jest
		.spyOn(clock, 'sleep')
		.mockImplementation(
			async (ms: number) => await new Promise<void>((wake) => timers.push({ at: now + ms, wake })),
		);
	rateLimits.forget();
	// Lets every call run until it sleeps or ends (no timers: the lint forbids them in .ts files).
	const settle = async () => {
		for (let turn = 0; turn < 200; turn++) await Promise.resolve();
	};
	return {
		now: () => now,
		/** Runs until `at`: every sleep due before it ends, in time order. */
		async runUntil(at: number) {
			for (;;) {
				await settle();
				timers.sort((a, b) => a.at - b.at);
				if (!timers.length || timers[0].at > at) break;
				const timer = timers.shift()!;
				now = timer.at;
				timer.wake();
			}
			now = Math.max(now, at);
		},
	};
}

/** A fixed window per key that opens with its first counted request; 429s are not counted. */
function fixedWindowVendor(now: () => number, spent: { openedAt: number; count: number }) {
	let window = { ...spent };
	const log: Array<{ who: string; at: number; status: number }> = [];
	const headers = () => ({
		'ratelimit-limit': String(LIMIT),
		'ratelimit-remaining': String(Math.max(0, LIMIT - window.count)),
		'ratelimit-reset': String(Math.ceil((window.openedAt + WINDOW_MS) / 1000)),
	});
	function answer(who: string) {
		if (now() >= window.openedAt + WINDOW_MS) window = { openedAt: now(), count: 0 };
		if (window.count >= LIMIT) {
			log.push({ who, at: now() - T0, status: 429 });
			const retryAfter = String(
				Math.max(1, Math.ceil((window.openedAt + WINDOW_MS - now()) / 1000)),
			);
			return { statusCode: 429, body: {}, headers: { ...headers(), 'retry-after': retryAfter } };
		}
		window.count += 1;
		log.push({ who, at: now() - T0, status: 201 });
		return { statusCode: 201, body: { id: log.length }, headers: headers() };
	}
	return { answer, log };
}

/** One execution's node: same credential, same key. */
function execution(who: string, vendor: ReturnType<typeof fixedWindowVendor>): IExecuteFunctions {
	const node: INode = {
		id: who,
		name: 'Create',
		type: 'test',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { vendorApi: { id: 'cred-1', name: 'Shared key' } },
	};
	return {
		getNode: () => node,
		getCredentials: async () => ({ apiKey: 'key', baseUrl: 'http://vendor.test' }),
		helpers: { httpRequestWithAuthentication: async () => vendor.answer(who) },
	} as unknown as IExecuteFunctions;
}

const create = (context: IExecuteFunctions) =>
	apiRequest.call(context, profile, CREATE, { maxWaitMs: 60_000 });

afterEach(() => jest.restoreAllMocks());

test('an execution that meets a window it knows is spent waits for the reset', async () => {
	const time = virtualClock();
	const vendor = fixedWindowVendor(time.now, { openedAt: T0, count: 0 });
	const [a, b] = [execution('A', vendor), execution('B', vendor)];
	await create(a);
	await create(a);
	// A spent the window; B, in the same process, waits for its reset instead of spending a 429.
	const second = create(b);
	await time.runUntil(T0 + 30_000);
	await second;
	expect(vendor.log).toEqual([
		{ who: 'A', at: 0, status: 201 },
		{ who: 'A', at: 0, status: 201 },
		{ who: 'B', at: WINDOW_MS, status: 201 },
	]);
});

/*
 * After waiting out a 429, the window memory forgets only the window that refusal described: a newer
 * one that another execution learned is spent in the meantime still paces the waiter
 * (nodes/shared/rateLimit.ts, reopen). Retry-After (whole seconds from the 429) wakes it up to a
 * second after the reset header (whole epoch seconds) wakes the others.
 */
test('an execution that waited out a 429 does not send into a newer window its process knows is spent', async () => {
	const time = virtualClock();
	// Another client opened the window 0.7 s ago and spent it: it resets at T0 + 9.3 s, which the
	// reset header rounds up to T0 + 10 s.
	const vendor = fixedWindowVendor(time.now, { openedAt: T0 - 700, count: LIMIT });
	const [a, b] = [execution('A', vendor), execution('B', vendor)];

	await time.runUntil(T0 + 200);
	const first = create(a); // refused, Retry-After: 10 (s from now): A wakes at T0 + 10.2 s
	await time.runUntil(T0 + 300);
	// B learned from A's refusal that the window is spent: it waits for the reset header, T0 + 10 s,
	// then spends the new window (LIMIT requests) before A wakes.
	const second = (async () => {
		for (let i = 0; i < LIMIT; i++) await create(b);
	})();
	await time.runUntil(T0 + 60_000);
	await Promise.all([first, second]);

	expect(vendor.log).toEqual([
		{ who: 'A', at: 200, status: 429 },
		{ who: 'B', at: 10_000, status: 201 },
		{ who: 'B', at: 10_000, status: 201 },
		// The process knows the window that opened at 10 s is spent until 20 s: A waits for that.
		{ who: 'A', at: 20_000, status: 201 },
	]);
});
