import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

/** What a vendor's error body says, reduced to the parts a user needs. */
export interface VendorError {
	message?: string;
	code?: string;
	requestId?: string;
	details?: unknown;
	/**
	 * Set by the transport, never read from a body: the credential's sign-in failed (the answer came
	 * from the identity server through `preAuthentication`, not from the API).
	 */
	signIn?: boolean;
}

/** The vendor facts attached to every error the transport throws; the router copies them into error items. */
export interface VendorErrorContext extends JsonObject {
	vendor: string;
	httpCode: string | null;
	code: string | null;
	requestId: string | null;
	details: JsonObject | JsonObject[] | string | null;
}

export function vendorContextOf(error: unknown): VendorErrorContext | undefined {
	const context = (error as { context?: { vendorError?: VendorErrorContext } } | undefined)
		?.context;
	return context?.vendorError;
}

/** The answer a credential's failed `preAuthentication` stands for: a status and a vendor error body. */
export interface CredentialAnswer {
	status: number;
	body: JsonObject;
}

/**
 * For a credential's `preAuthentication` to throw. n8n wraps what it throws in a NodeApiError that
 * keeps `response.data` (as `context.data`) and no HTTP status: the answer rides there, so the
 * transport handles a failed sign-in like any vendor answer. As nothing in it looks like a status,
 * n8n keeps this message (the credential test shows it) and does not sign in again as on a 401.
 * Built from parsed facts only: the HTTP client's own error holds the form with the secrets.
 */
export class CredentialAnswerError extends Error {
	readonly response: { data: { credentialAnswer: CredentialAnswer } };

	constructor(message: string, answer: CredentialAnswer) {
		super(message);
		this.name = 'CredentialAnswerError';
		this.response = { data: { credentialAnswer: answer } };
	}
}

/** The answer behind an error: a CredentialAnswerError as thrown, or as n8n wrapped it. */
export function credentialAnswerOf(error: unknown): CredentialAnswer | undefined {
	type Carrier = { data?: { credentialAnswer?: Partial<CredentialAnswer> } };
	const thrown = error as { response?: Carrier; context?: Carrier } | undefined;
	const answer =
		thrown?.response?.data?.credentialAnswer ?? thrown?.context?.data?.credentialAnswer;
	if (typeof answer?.status !== 'number' || !answer.body || typeof answer.body !== 'object')
		return undefined;
	return { status: answer.status, body: answer.body };
}

/** Replaces every secret value of the credential that a text might echo. */
export function redact(text: string, secrets: string[]): string {
	return secrets.reduce(
		(result, secret) => (secret.length >= 4 ? result.split(secret).join('[redacted]') : result),
		text,
	);
}

export interface ApiErrorInput {
	vendor: string;
	status: number | null;
	vendorError: VendorError;
	/** One short sentence; the vendor's own words where it gave any. */
	message: string;
	/** What to do about it. */
	hint?: string;
	itemIndex?: number;
	secrets: string[];
}

/**
 * Builds the NodeApiError shown to the user from plain, already-parsed facts, never from the HTTP
 * client's error object: that object carries the request headers, and so the credential.
 */
export function apiError(node: INode, input: ApiErrorInput): NodeApiError {
	const { vendorError } = input;
	const clean = (text: string) => redact(text, input.secrets);
	const descriptionParts = [
		input.hint,
		vendorError.code ? `${input.vendor} error code: ${vendorError.code}.` : undefined,
		vendorError.requestId
			? `Request id: ${vendorError.requestId} (quote it to ${input.vendor} support).`
			: undefined,
	].filter(Boolean);
	const message = clean(input.message);
	const description = clean(descriptionParts.join(' '));
	const details =
		vendorError.details === undefined
			? null
			: (JSON.parse(clean(JSON.stringify(vendorError.details))) as VendorErrorContext['details']);
	const error = new NodeApiError(node, { message, description } as JsonObject, {
		message,
		description: description || undefined,
		httpCode: input.status === null ? undefined : String(input.status),
		itemIndex: input.itemIndex,
	});
	error.context.vendorError = {
		vendor: input.vendor,
		httpCode: input.status === null ? null : String(input.status),
		code: vendorError.code ?? null,
		requestId: vendorError.requestId ?? null,
		details,
	};
	return error;
}
