import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import type { VendorError } from '../errors';
import type { DocumentedLimit, RateLimitHeaderNames, ResponseHeaders } from './rateLimit';

/** What a vendor hands the transport: the transport never names a vendor itself. */
export interface VendorProfile {
	displayName: string;
	credentialType: string;
	/** Credential fields whose values must never appear in a message. */
	secretFields: string[];
	/** Absolute URL of a path, from the stored credential (hosts are configurable). */
	url(credentials: ICredentialDataDecryptedObject, path: string): string;
	rateLimitHeaders?: RateLimitHeaderNames;
	/** A limit the vendor documents but does not announce in headers: the node stays under it. */
	documentedLimit?: DocumentedLimit;
	/**
	 * Whether the vendor counts its limits per source IP (at its edge) rather than per key: then every
	 * credential of this n8n shares one window per host.
	 */
	limitsPerSourceIp?: boolean;
	/** Default of the node's "Max Wait" option (Request Options), in seconds. */
	defaultMaxWaitSeconds: number;
	/** Whether the credential renews a token in `preAuthentication` (n8n does so on a thrown 401). */
	renewsTokenOn401?: boolean;
	/**
	 * Error statuses the vendor documents without a body: an empty body there is the API's own
	 * answer (its status hint applies), not a sign that something other than the API answered.
	 */
	bareErrorStatuses?: number[];
	/** The vendor's documented refusal window: the wait after a 429 without headers; else backoff. */
	refusalWindowMs?: number;
	parseError(body: unknown, headers: ResponseHeaders): VendorError;
	/** What the user should do about an error, by status and vendor code. */
	hint(status: number, error: VendorError): string | undefined;
	/**
	 * Whether a failed sign-in is final for the run (a wrong secret): the rest of the run then fails
	 * with the same message and never signs in again, as identity servers lock accounts after
	 * repeated failed grants.
	 */
	signInRefused?(status: number, error: VendorError): boolean;
}

export interface ApiCall {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/**
	 * Whether sending the call twice does no harm. Defaults to true for GET/PUT/DELETE/HEAD and false
	 * for POST/PATCH: those are never resent once they may have reached the server.
	 */
	idempotent?: boolean;
	/**
	 * A limit of this endpoint of its own, on top of the vendor's (e.g. a send endpoint's): `name`
	 * tells the endpoint's window apart from the vendor's; both must allow the call.
	 */
	endpointLimit?: { name: string; limit: DocumentedLimit };
}

export function isIdempotent(call: ApiCall): boolean {
	return call.idempotent ?? !['POST', 'PATCH'].includes(call.method);
}

export interface CallOptions {
	/** Longest single wait for a rate-limit window or a retry; past it the call fails with advice. */
	maxWaitMs: number;
	itemIndex?: number;
	/** How long one try may wait for its answer. */
	timeoutMs?: number;
}

export interface ApiResponse<T = unknown> {
	body: T;
	headers: ResponseHeaders;
	statusCode: number;
}

/** Where the transport is called from: a node run, the editor's lists, a poll. */
export type TransportContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;
