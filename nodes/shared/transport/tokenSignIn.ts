import type { IHttpRequestOptions } from 'n8n-workflow';

import { credentialAnswerOf } from '../errors';
import type { ApiResponse } from './profile';

/**
 * Token credentials sign in inside n8n (`preAuthentication`) whenever a request finds no token or
 * answers 401. Requests side by side would each sign in, so per credential: until one request has
 * gone through with the stored token, one request goes (the probe) and the others wait for its
 * outcome, then go together once it went through; and a 401 renews the token once, the other
 * requests that met it waiting for that renewal and resending with the new token. One sign-in is in
 * flight per credential, and the requests that waited for it get its answer: a refused sign-in is not
 * tried again by each of them (identity servers lock accounts after repeated failed grants). Once
 * nobody waits any more, the next request signs in afresh.
 */
interface TokenState {
	confirmed: boolean;
	/** The probe in flight: resolves with the refused sign-in it met, if any. */
	probe?: Promise<unknown>;
	/** A renewal in flight after a 401: resolves with its refused sign-in, if any. */
	renewal?: Promise<unknown>;
}
const tokens = new Map<string, TokenState>();

function tokenState(key: string): TokenState {
	let state = tokens.get(key);
	if (!state) {
		state = { confirmed: false };
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
	const token = tokenState(key);
	const exchange = async (): Promise<ApiResponse> => {
		let response = await answering({ ...request, ignoreHttpStatusErrors: true });
		if (response.statusCode !== 401) return response;
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
	// Wait for the probe; a probe that neither went through nor met a refused sign-in (a 503, a
	// network failure) leaves the next waiter to probe.
	while (!token.confirmed && token.probe) {
		const refused = await token.probe;
		if (refused) throw refused;
	}
	let response: ApiResponse;
	if (token.confirmed) {
		response = await exchange();
	} else {
		// Confirmed inside the probe's own chain, before the waiters it releases look.
		const probe = exchange().then((answer) => {
			// Any answer past the gateway's sign-in check proves the stored token works.
			if (answer.statusCode !== 401 && answer.statusCode !== 429 && answer.statusCode < 500)
				token.confirmed = true;
			return answer;
		});
		token.probe = probe.then(() => undefined, refusedSignIn);
		try {
			response = await probe;
		} finally {
			token.probe = undefined;
		}
	}
	if (response.statusCode === 401) token.confirmed = false;
	return response;
}
