import type { IHttpRequestOptions } from 'n8n-workflow';

import type { ApiResponse } from './profile';

/**
 * Token credentials sign in inside n8n (`preAuthentication`) whenever a request finds no token or
 * answers 401. Requests side by side would each sign in, so per credential: until one request has
 * gone through with the stored token, requests go one at a time; and a 401 renews the token once,
 * the other requests that met it waiting for that renewal and resending with the new token.
 */
interface TokenState {
	confirmed: boolean;
	/** The tail of the one-at-a-time queue while the token is not confirmed. */
	queue: Promise<unknown>;
	renewal?: Promise<unknown>;
}
const tokens = new Map<string, TokenState>();

function tokenState(key: string): TokenState {
	let state = tokens.get(key);
	if (!state) {
		state = { confirmed: false, queue: Promise.resolve() };
		tokens.set(key, state);
	}
	return state;
}

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
			await token.renewal;
			response = await answering({ ...request, ignoreHttpStatusErrors: true });
			if (response.statusCode !== 401) return response;
		}
		// n8n renews a preAuthentication token only on its throwing path, then sends once more.
		const renewal = answering(request);
		token.renewal = renewal.catch(() => undefined);
		try {
			return await renewal;
		} finally {
			token.renewal = undefined;
		}
	};
	let response: ApiResponse;
	if (!tokenState(key).confirmed) {
		const token = tokenState(key);
		const turn = token.queue.then(exchange);
		token.queue = turn.catch(() => undefined);
		response = await turn;
		// Any answer past the gateway's sign-in check proves the stored token works.
		if (response.statusCode !== 401 && response.statusCode !== 429 && response.statusCode < 500)
			token.confirmed = true;
	} else {
		response = await exchange();
	}
	if (response.statusCode === 401) tokenState(key).confirmed = false;
	return response;
}
