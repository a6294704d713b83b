import { credentialAnswerOf } from '../errors';
import type { ApiCall, VendorProfile } from './profile';
import type { ResponseHeaders } from './rateLimit';

/** A request that did not succeed: the status and body the server answered, or the network failure. */
export interface HttpFailure {
	status?: number;
	headers: ResponseHeaders;
	body?: unknown;
	networkCode?: string;
	/** The credential's sign-in failed (a CredentialAnswerError), not the request itself. */
	signIn?: boolean;
}

/**
 * What n8n's helper threw, read from the NodeApiError it builds: its `httpCode` holds the HTTP
 * status or the network code (ECONNRESET...), `context.data` the body. The HTTP client's own error
 * (with the headers) is not kept by NodeApiError, which is why requests ignore status errors. A
 * failed sign-in of a token credential arrives as the answer it stands for (CredentialAnswerError).
 */
export function failureOf(error: unknown): HttpFailure {
	const answer = credentialAnswerOf(error);
	if (answer) return { status: answer.status, headers: {}, body: answer.body, signIn: true };
	const thrown = error as {
		httpCode?: unknown;
		code?: unknown;
		cause?: { code?: unknown };
		context?: { data?: unknown };
	};
	if (typeof thrown?.httpCode === 'string' && /^\d{3}$/.test(thrown.httpCode)) {
		return { status: Number(thrown.httpCode), headers: {}, body: thrown.context?.data };
	}
	const networkCode = [thrown?.httpCode, thrown?.cause?.code, thrown?.code].find(
		(code): code is string => typeof code === 'string' && /^E[A-Z_]+$/.test(code),
	);
	return { headers: {}, networkCode };
}

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	408: 'Request Timeout',
	413: 'Payload Too Large',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

/**
 * An error answer that is not the API's JSON (an HTML page of a proxy, plain text, nothing): a short
 * message instead of the page, or undefined when the body is the vendor's JSON.
 */
export function foreignBody(
	profile: VendorProfile,
	status: number,
	call: ApiCall,
	body: unknown,
): { message: string; hint: string } | undefined {
	const text = typeof body === 'string' ? body.trim() : undefined;
	if (text === undefined || (text !== '' && /^[[{]/.test(text))) return undefined;
	if (text === '' && profile.bareErrorStatuses?.includes(status)) return undefined;
	const answered = `${profile.displayName} answered ${status}${STATUS_TEXT[status] ? ` ${STATUS_TEXT[status]}` : ''} to ${call.method} ${call.path}`;
	const fromGateway = status >= 500;
	const hint = fromGateway
		? `The answer came from a proxy, gateway or load balancer between n8n and ${profile.displayName}, not from the API itself. Run the workflow again later; if it persists, check the host in the credential.`
		: `Check the host in the credential: the address may not be ${profile.displayName}'s API.`;
	if (text === '') return { message: `${answered} with an empty body`, hint };
	const kind =
		/^<(!doctype|html|head|body|\?xml)/i.test(text) || /<\/html>/i.test(text)
			? 'an HTML page'
			: 'plain text';
	const why = fromGateway
		? 'a proxy or gateway in front of the API failed'
		: 'something other than the API answered';
	return { message: `${answered} (${kind}, not the API's JSON): ${why}`, hint };
}
