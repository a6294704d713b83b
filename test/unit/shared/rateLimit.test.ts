import { RateLimitMemory, windowReport } from '../../../nodes/shared/transport/rateLimit';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const names = {
	limit: 'ratelimit-limit',
	remaining: 'ratelimit-remaining',
	reset: 'ratelimit-reset',
};
const reset = String((NOW + 60_000) / 1000);

test('reads the window from the headers, or nothing without a remaining count', () => {
	expect(
		windowReport(
			{ 'ratelimit-limit': '25', 'ratelimit-remaining': '3', 'ratelimit-reset': reset },
			names,
			NOW,
		),
	).toEqual({
		limit: 25,
		remaining: 3,
		resetAt: NOW + 60_000,
	});
	expect(windowReport({ 'ratelimit-limit': '25' }, names, NOW)).toBeUndefined();
});

test('requests in flight count against the window: side by side they never spend more than is left', () => {
	const memory = new RateLimitMemory();
	memory.reserve('k', NOW);
	memory.settle('k', { limit: 25, remaining: 2, resetAt: NOW + 60_000 }, NOW);
	expect(memory.reserve('k', NOW)).toBe(0);
	expect(memory.reserve('k', NOW)).toBe(0);
	// Two are out and two were left: the third waits for the reset.
	expect(memory.reserve('k', NOW)).toBe(60_000);
});

test('answers arriving out of order keep the lowest count of the same window', () => {
	const memory = new RateLimitMemory();
	memory.reserve('k', NOW);
	memory.reserve('k', NOW);
	memory.settle('k', { remaining: 0, resetAt: NOW + 60_000 }, NOW);
	memory.settle('k', { remaining: 1, resetAt: NOW + 60_000 }, NOW);
	expect(memory.reserve('k', NOW)).toBe(60_000);
	expect(memory.reserve('k', NOW + 60_000)).toBe(0);
});

test('a documented limit without headers is kept by a sliding window of send times', () => {
	const memory = new RateLimitMemory();
	const limit = { requests: 3, windowMs: 60_000 };
	for (let i = 0; i < 3; i++) {
		expect(memory.reserve('k', NOW + i * 1000, limit)).toBe(0);
		memory.settle('k', undefined, NOW);
	}
	expect(memory.reserve('k', NOW + 10_000, limit)).toBe(50_000);
	expect(memory.reserve('k', NOW + 60_000, limit)).toBe(0);
});

test('keys are apart, and forget() clears them', () => {
	const memory = new RateLimitMemory();
	memory.reserve('a', NOW);
	memory.settle('a', { remaining: 0, resetAt: NOW + 60_000 }, NOW);
	expect(memory.reserve('b', NOW)).toBe(0);
	expect(memory.reserve('a', NOW)).toBe(60_000);
	memory.forget();
	expect(memory.reserve('a', NOW)).toBe(0);
});

test('under a documented limit a request counts from its answer, not from its reservation', () => {
	const memory = new RateLimitMemory();
	const limit = { requests: 2, windowMs: 60_000 };
	// Both reserved at NOW; the first answered 5 s later (it waited for a sign-in), the second 6 s later.
	expect(memory.reserve('k', NOW, limit)).toBe(0);
	expect(memory.reserve('k', NOW, limit)).toBe(0);
	// While both are unanswered, a third waits at least a whole window.
	expect(memory.reserve('k', NOW + 1_000, limit)).toBe(60_000);
	memory.settle('k', undefined, NOW + 5_000);
	memory.settle('k', undefined, NOW + 6_000);
	// The vendor may have counted the first one as late as its answer: a window after that.
	expect(memory.reserve('k', NOW + 60_000, limit)).toBe(5_000);
	expect(memory.reserve('k', NOW + 65_000, limit)).toBe(0);
});
