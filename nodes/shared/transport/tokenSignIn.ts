import type { IHttpRequestOptions } from 'n8n-workflow';

import { credentialAnswerOf } from '../errors';
import type { ApiResponse } from './profile';

/**
 * Token credentials sign in inside n8n (`preAuthentication`) whenever a request finds no token or
 * answers 401. Requests side by side would each sign in, so per credential: until one request has
 * gone through with the stored token, requests go one at a time; and a 401 renews the token once,
 * the other requests that met it waiting for that renewal and resending with the new token. One
 * sign-in is in flight per credential, and the requests that waited for it get its answer: a refused
 * sign-in is not tried again by each of them (identity servers lock accounts after repeated failed
 * grants). Once nobody waits any more, the next request signs in afresh.
 */
interface TokenState {
	confirmed: boolean;
	/** The tail of the one-at-a-time queue: a refused sign-in its last request met, if any. */
	queue: Promise<unknown>;
	/** Requests in the queue (waiting or being answered). */
	queued: number;
	/** A renewal in flight after a 401: resolves with its refused sign-in, if any. */
	renewal?: Promise<unknown>;
}
const tokens = new Map<string, TokenState>();

function tokenState(key: string): TokenState {
	let state = tokens.get(key);
	if (!state) {
		state = { confirmed: false, queue: Promise.resolve(undefined), queued: 0 };
		tokens.set(key, state);
	}
	return state;
}

/** The error of a refused sign-in, for the requests that waited for it; undefined for other failures. */
const refusedSignIn = (error: unknown): unknown => (credentialAnswerOf(error) ? error : undefined);

/** Forgets every token's state (tests start from nothing). */
export function forgetTokens(): void {
	tokens.clear();
}

/**
 * One exchange of a token credential, keyed by credential and host: `answering` sends through n8n
 * (which signs in when it throws on a 401). Status errors come back as answers.
 */
export async function exchangeWithToken(
	key: string,
	answering: (options: IHttpRequestOptions) => Promise<ApiResponse>,
	request: IHttpRequestOptions,
): Promise<ApiResponse> {
	const exchange = async (): Promise<ApiResponse> => {
		let response = await answering({ ...request, ignoreHttpStatusErrors: true });
		if (response.statusCode !== 401) return response;
		const token = tokenState(key);
		if (token.renewal) {
			const refused = await token.renewal;
			if (refused) throw refused;
			response = await answering({ ...request, ignoreHttpStatusErrors: true });
			if (response.statusCode !== 401) return response;
		}
		// n8n renews a preAuthentication token only on its throwing path, then sends once more.
		const renewal = answering(request);
		token.renewal = renewal.then(() => undefined, refusedSignIn);
		try {
			return await renewal;
		} finally {
			token.renewal = undefined;
		}
	};
	let response: ApiResponse;
	if (!tokenState(key).confirmed) {
		const token = tokenState(key);
		const turn = token.queue.then((refused) => {
			if (refused) throw refused;
			return exchange();
		});
		token.queue = turn.then(() => undefined, refusedSignIn);
		token.queued += 1;
		try {
			response = await turn;
		} finally {
			token.queued -= 1;
			if (token.queued === 0) token.queue = Promise.resolve(undefined);
		}
		// Any answer past the gateway's sign-in check proves the stored token works.
		if (response.statusCode !== 401 && response.statusCode !== 429 && response.statusCode < 500)
			token.confirmed = true;
	} else {
		response = await exchange();
	}
	if (response.statusCode === 401) tokenState(key).confirmed = false;
	return response;
}
