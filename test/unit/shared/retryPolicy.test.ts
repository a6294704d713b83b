import {
	afterFailure,
	beforeSending,
	MAX_RETRIES,
	type FailedTry,
	type Pacing,
} from '../../../nodes/shared/transport/retryPolicy';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const MINUTE = 60_000;
const headersOnly: Pacing = {
	vendor: 'Vendor',
	rateLimitHeaders: {
		limit: 'ratelimit-limit',
		remaining: 'ratelimit-remaining',
		reset: 'ratelimit-reset',
	},
};
const withWindow: Pacing = { ...headersOnly, refusalWindowMs: MINUTE };

function attempt(overrides: Partial<FailedTry>): FailedTry {
	return {
		headers: {},
		method: 'GET',
		path: '/things',
		idempotent: true,
		attempt: 0,
		waitedMs: 0,
		bareRefusals: 0,
		nowMs: NOW,
		maxWaitMs: 15 * MINUTE,
		random: () => 0.5,
		...overrides,
	};
}

/** [case, pacing, the failed try, the verdict] */
const table: Array<[string, Pacing, Partial<FailedTry>, ReturnType<typeof afterFailure>]> = [
	[
		'429 with Retry-After seconds: wait that long',
		headersOnly,
		{ status: 429, headers: { 'retry-after': '30' } },
		{ retry: true, waitMs: 30_000 },
	],
	[
		'503 with Retry-After as an HTTP-date: wait until then',
		headersOnly,
		{ status: 503, headers: { 'retry-after': new Date(NOW + 90_000).toUTCString() } },
		{ retry: true, waitMs: 90_000 },
	],
	[
		'429 with only a reset header (epoch seconds)',
		headersOnly,
		{ status: 429, headers: { 'ratelimit-reset': String((NOW + 120_000) / 1000) } },
		{ retry: true, waitMs: 120_000 },
	],
	[
		'a create refused with 429 is resent: not processed',
		headersOnly,
		{ status: 429, method: 'POST', idempotent: false, headers: { 'retry-after': '1' } },
		{ retry: true, waitMs: 1000 },
	],
	[
		'503 without headers: backoff with jitter',
		headersOnly,
		{ status: 503, attempt: 2 },
		{ retry: true, waitMs: 3000 },
	],
	[
		`503 after ${MAX_RETRIES} retries: the vendor's answer`,
		headersOnly,
		{ status: 503, attempt: MAX_RETRIES },
		{ retry: false },
	],
	[
		'a bare 429 with a documented window waits the window',
		withWindow,
		{ status: 429, bareRefusals: 1 },
		{ retry: true, waitMs: MINUTE, bare: true },
	],
	[
		'a bare 429 without one backs off',
		headersOnly,
		{ status: 429, bareRefusals: 3 },
		{ retry: true, waitMs: 3000, bare: true },
	],
	[
		'a bare 429 keeps backing off past 5 tries while Max Wait allows in all',
		headersOnly,
		{ status: 429, bareRefusals: 9, attempt: 8, waitedMs: 5 * MINUTE },
		{ retry: true, waitMs: 45_000, bare: true },
	],
	['500 on a GET: backoff', headersOnly, { status: 500 }, { retry: true, waitMs: 750 }],
	[
		'500 on a create: the vendor answer, no resend',
		headersOnly,
		{ status: 500, method: 'POST', idempotent: false },
		{ retry: false },
	],
	['400: the vendor answer', headersOnly, { status: 400 }, { retry: false }],
	[
		'a refused connection: resent even for a create',
		headersOnly,
		{ networkCode: 'ECONNREFUSED', method: 'POST', idempotent: false },
		{ retry: true, waitMs: 750 },
	],
	[
		'a reset on a GET: resent',
		headersOnly,
		{ networkCode: 'ECONNRESET' },
		{ retry: true, waitMs: 750 },
	],
];

test.each(table)('%s', (_case, pacing, failed, verdict) => {
	expect(afterFailure(pacing, attempt(failed))).toEqual(verdict);
});

/** [case, the failed try, the message, words of the hint] */
const giveUps: Array<[string, Pacing, Partial<FailedTry>, string, string]> = [
	[
		'429 whose Retry-After passes Max Wait',
		headersOnly,
		{ status: 429, headers: { 'retry-after': '3600' }, maxWaitMs: MINUTE, knownLimit: 25 },
		'Vendor rate limit reached: the server answered 429 Too Many Requests; the window resets at 2026-11-23T11:00:00Z (in 3600 s)',
		'Raise Max Wait to at least 3600 s, or pace the workflow: Loop Over Items with a Wait node so that fewer than 25 requests go out per window.',
	],
	[
		'503 whose Retry-After passes Max Wait has its own wording',
		headersOnly,
		{ status: 503, headers: { 'retry-after': '600' }, maxWaitMs: MINUTE },
		'Vendor is temporarily unavailable (503); it can be retried at 2026-11-23T10:10:00Z (in 600 s)',
		'Raise Max Wait to at least 600 s, or run the workflow again later.',
	],
	[
		'bare 429s past Max Wait in all say what was waited and why',
		headersOnly,
		{ status: 429, bareRefusals: 12, attempt: 11, waitedMs: 14.5 * MINUTE },
		'Vendor rate limit reached: the server answered 429 Too Many Requests 12 times without saying when to retry (no Retry-After or rate-limit headers); gave up after waiting 870 s in all',
		'This node keeps backing off for at most 900 s',
	],
	[
		'a first bare 429 whose window passes Max Wait',
		withWindow,
		{ status: 429, bareRefusals: 1, maxWaitMs: 30_000 },
		'Vendor rate limit reached: the server answered 429 Too Many Requests; the window resets at 2026-11-23T10:01:00Z (in 60 s)',
		'Raise Max Wait to at least 60 s',
	],
	[
		'a refused connection after every retry: could not be reached',
		headersOnly,
		{
			networkCode: 'ECONNREFUSED',
			attempt: MAX_RETRIES,
			method: 'POST',
			path: '/users',
			idempotent: false,
		},
		'Vendor could not be reached: the connection was refused on POST /users',
		'Check the host in the credential',
	],
	[
		'a reset after sending a create: the outcome is unknown',
		headersOnly,
		{ networkCode: 'ECONNRESET', method: 'POST', path: '/users', idempotent: false },
		'Vendor may have processed POST /users: the connection was reset after the request was sent, so the outcome is unknown',
		'The record may exist now. The request was not sent again (that could create a duplicate): check in Vendor whether it took effect',
	],
	[
		'a timeout of a create: the outcome is unknown',
		headersOnly,
		{ networkCode: 'ETIMEDOUT', method: 'POST', path: '/users', idempotent: false },
		'Vendor may have processed POST /users: no answer came in time, so the outcome is unknown',
		'was not sent again',
	],
	[
		'a GET reset on every try',
		headersOnly,
		{ networkCode: 'ECONNRESET', attempt: MAX_RETRIES },
		`Vendor did not answer GET /things: the connection was reset after the request was sent (${MAX_RETRIES + 1} tries)`,
		'Check the host in the credential and your network',
	],
];

test.each(giveUps)('gives up: %s', (_case, pacing, failed, message, hint) => {
	const verdict = afterFailure(pacing, attempt(failed));
	expect(verdict).toMatchObject({ retry: false, message });
	expect(verdict.retry === false && verdict.hint).toContain(hint);
});

test('before sending: a spent window within Max Wait is waited, past it the item fails naming the limit', () => {
	expect(beforeSending(headersOnly, 5 * MINUTE, NOW, 15 * MINUTE)).toEqual({
		retry: true,
		waitMs: 5 * MINUTE,
	});
	expect(beforeSending(headersOnly, 30 * MINUTE, NOW, 10 * MINUTE, 25)).toMatchObject({
		retry: false,
		message:
			'Vendor rate limit reached: no requests left in this window; the window resets at 2026-11-23T10:30:00Z (in 1800 s)',
		hint: expect.stringContaining('fewer than 25 requests go out per window'),
	});
});
