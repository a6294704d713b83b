/**
 * The one shared transport, one job per file: profile.ts (what a vendor hands it), request.ts (the
 * request and retry loop), retryPolicy.ts (wait or fail), rateLimit.ts (what the headers say),
 * failure.ts (what went wrong), memory.ts (what it remembers per run and per process),
 * tokenSignIn.ts (one sign-in at a time), requestOptions.ts (the node's Request Options), clock.ts.
 */
export { clock } from './clock';
export { forgetTransportMemory, rateLimits } from './memory';
export type { ApiCall, ApiResponse, CallOptions, TransportContext, VendorProfile } from './profile';
export { apiRequest, requestBody } from './request';
export {
	callOptions,
	readRequestOptions,
	requestOptionsProperty,
	type RequestOptions,
} from './requestOptions';
