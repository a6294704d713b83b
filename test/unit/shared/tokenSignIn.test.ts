/**
 * One sign-in in flight per credential, whatever the concurrency: requests that waited for it get its
 * answer. A wrong secret with five lookups in flight costs one password grant, not five (identity
 * servers lock accounts after repeated failed grants).
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { CredentialAnswerError } from '../../../nodes/shared/errors';
import type { ApiResponse } from '../../../nodes/shared/transport';
import { exchangeWithToken, forgetTokens } from '../../../nodes/shared/transport/tokenSignIn';

/**
 * n8n's helper for a token credential: with no token stored it signs in first (preAuthentication),
 * and a failed sign-in throws; with a token, it answers.
 */
function identityServer({ refuses }: { refuses: boolean }) {
	let token: string | undefined;
	const counts = { grants: 0, requests: 0 };
	const answering = async (): Promise<ApiResponse> => {
		if (!token) {
			counts.grants += 1;
			if (refuses)
				throw new CredentialAnswerError('Sign-in refused', {
					status: 400,
					body: { error: 'invalid_client' },
				});
			token = `token-${counts.grants}`;
		}
		counts.requests += 1;
		return { statusCode: 200, headers: {}, body: { ok: true } };
	};
	return { answering, counts };
}

const request: IHttpRequestOptions = { method: 'GET', url: 'http://api.test/user/1' };

beforeEach(() => forgetTokens());

test('five requests at once with a refused sign-in: one grant, and all five get its answer', async () => {
	const { answering, counts } = identityServer({ refuses: true });
	const results = await Promise.allSettled(
		Array.from({ length: 5 }, () => exchangeWithToken('cred|host', answering, request)),
	);
	expect(counts.grants).toBe(1);
	expect(results.map((result) => result.status)).toEqual(Array(5).fill('rejected'));
	expect(results.map((result) => (result as PromiseRejectedResult).reason.message)).toEqual(
		Array(5).fill('Sign-in refused'),
	);
});

test('five requests at once with a good sign-in: one grant, five answers', async () => {
	const { answering, counts } = identityServer({ refuses: false });
	await Promise.all(
		Array.from({ length: 5 }, () => exchangeWithToken('cred|host', answering, request)),
	);
	expect(counts).toEqual({ grants: 1, requests: 5 });
});

test('a request after the refused ones have their answer signs in afresh (the credential may be fixed)', async () => {
	const { answering, counts } = identityServer({ refuses: true });
	await Promise.allSettled(
		Array.from({ length: 3 }, () => exchangeWithToken('cred|host', answering, request)),
	);
	await expect(exchangeWithToken('cred|host', answering, request)).rejects.toThrow(
		'Sign-in refused',
	);
	expect(counts.grants).toBe(2);
});

test('two credentials do not wait for, or share, each other’s sign-in', async () => {
	const refused = identityServer({ refuses: true });
	const accepted = identityServer({ refuses: false });
	const [first, second] = await Promise.allSettled([
		exchangeWithToken('cred-a|host', refused.answering, request),
		exchangeWithToken('cred-b|host', accepted.answering, request),
	]);
	expect([first.status, second.status]).toEqual(['rejected', 'fulfilled']);
	expect([refused.counts.grants, accepted.counts.grants]).toEqual([1, 1]);
});

test('once the first request went through with the token, the requests that waited go together, not one by one', async () => {
	const { answering, counts } = identityServer({ refuses: false });
	let inFlight = 0;
	let most = 0;
	const slow = async () => {
		inFlight += 1;
		most = Math.max(most, inFlight);
		await Promise.resolve();
		inFlight -= 1;
		return await answering();
	};
	await Promise.all(
		Array.from({ length: 20 }, () => exchangeWithToken('cred|host', slow, request)),
	);
	expect(counts).toEqual({ grants: 1, requests: 20 });
	expect(most).toBe(19);
});
