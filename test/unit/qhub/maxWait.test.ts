/**
 * Q-Hub's API page: 25 requests per 60 minutes per API key, in a fixed window. A user who runs 30
 * Location creates on a fresh key wants 30 locations. With the default Max Wait the node creates 25,
 * waits once for the window to reset (no request spent on a 429) and creates the other 5; a Max Wait
 * shorter than the window (the old 900 s) fails those 5 with the reset time instead.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { resources } from '../../../nodes/QHub/actions';
import { QHub } from '../../../nodes/QHub/QHub.node';
import { fakeClock, fakeContext } from '../helpers/context';

const LIMIT = 25;
const WINDOW_MS = 60 * 60_000;
const CREATES = 30;
const credentials = {
	apiKey: 'key-123456',
	apiSecret: 'secret-123456',
	baseUrl: 'http://qhub.test/v1',
};

/** A fresh key's fixed window as Q-Hub describes it: it opens with the first request. */
function sixtyMinuteWindow(now: () => number) {
	let window: { openedAt: number; count: number } | undefined;
	const answered: number[] = [];
	function answer(request: IHttpRequestOptions) {
		if (!window || now() >= window.openedAt + WINDOW_MS) window = { openedAt: now(), count: 0 };
		const headers = (count: number) => ({
			'ratelimit-limit': String(LIMIT),
			'ratelimit-remaining': String(Math.max(0, LIMIT - count)),
			'ratelimit-reset': String(Math.ceil((window!.openedAt + WINDOW_MS) / 1000)),
		});
		if (window.count >= LIMIT) {
			answered.push(429);
			return { statusCode: 429, headers: headers(window.count), body: { error: 'rate_limited' } };
		}
		window.count += 1;
		answered.push(201);
		const body = request.body as { name: string };
		return {
			statusCode: 201,
			headers: headers(window.count),
			body: { id: `loc_${answered.length}`, ...body },
		};
	}
	return { answer, answered };
}

function createLocations(requestOptions: { maxWaitSeconds?: number } = {}) {
	const clock = fakeClock();
	const vendor = sixtyMinuteWindow(clock.now);
	const fake = fakeContext({
		parameters: { additionalFields: {}, requestOptions },
		perItem: Array.from({ length: CREATES }, (_, index) => ({ name: `Site ${index + 1}` })),
		credentials,
		credentialType: 'qHubApi',
		continueOnFail: true,
	});
	fake.httpRequestWithAuthentication.mockImplementation(
		async (_type: string, request: IHttpRequestOptions) => vendor.answer(request),
	);
	const result = resources.location.operations.create.execute.call(fake.context, fake.items);
	return { clock, vendor, result };
}

const maxWaitDefault = () =>
	new QHub().description.properties
		.find((property) => property.name === 'requestOptions')
		?.options?.find((option) => 'name' in option && option.name === 'maxWaitSeconds');

test('the default Max Wait is one whole 60-minute window', () => {
	expect(maxWaitDefault()).toMatchObject({ default: 3600 });
});

test('30 creates on a fresh key with the default Max Wait: all 30 created, one wait for the reset, no 429', async () => {
	const { clock, vendor, result } = createLocations();
	const items = await result;
	expect(items.map((item) => item.json.name)).toEqual(
		Array.from({ length: CREATES }, (_, index) => `Site ${index + 1}`),
	);
	expect(items.every((item) => typeof item.json.id === 'string')).toBe(true);
	expect(vendor.answered).toEqual(Array(CREATES).fill(201));
	// The 26th create waited until the window reset (whole seconds, as RateLimit-Reset gives them).
	expect(clock.sleeps).toHaveLength(1);
	expect(clock.sleeps[0]).toBeGreaterThan(WINDOW_MS - 60_000);
	expect(clock.sleeps[0]).toBeLessThanOrEqual(WINDOW_MS);
});

test('with Max Wait 900 s (shorter than the window) the last 5 fail at once with the reset time', async () => {
	const { clock, vendor, result } = createLocations({ maxWaitSeconds: 900 });
	const items = await result;
	expect(items.filter((item) => item.json.id)).toHaveLength(LIMIT);
	const failed = items.filter((item) => item.json.error);
	expect(failed).toHaveLength(CREATES - LIMIT);
	expect(failed[0].json.error).toMatch(/Q-Hub rate limit reached: .*the window resets at /);
	expect(failed[0].json.description).toMatch(/Raise Max Wait to at least 3\d{3} s/);
	expect(clock.sleeps).toEqual([]);
	expect(vendor.answered).toEqual(Array(LIMIT).fill(201));
});
