import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { VendorError } from '../errors';
import type { TransportContext } from './profile';
import { RateLimitMemory } from './rateLimit';
import { forgetTokens } from './tokenSignIn';

/**
 * What the transport remembers. Per node run (keyed by the run's context, gone with it): the stored
 * credential and a sign-in refused for good. Per process: the rate-limit windows of each credential
 * and host, shared by every execution.
 */

/**
 * The stored credential, read once per node run: n8n decrypts it on every read, and the transport
 * needs only its hosts and secrets, which do not change mid-run (a renewed token is n8n's concern).
 */
const credentialsByRun = new WeakMap<TransportContext, Promise<ICredentialDataDecryptedObject>>();

export async function credentialsOf(
	context: TransportContext,
	type: string,
): Promise<ICredentialDataDecryptedObject> {
	let credentials = credentialsByRun.get(context);
	if (!credentials) {
		credentials = context.getCredentials(type);
		credentialsByRun.set(context, credentials);
	}
	return await credentials;
}

/** A sign-in refused for good in this node run: later items fail with it and sign in no more. */
export const refusedSignIns = new WeakMap<
	TransportContext,
	{ status: number; vendorError: VendorError }
>();

/** What the rate-limit headers said per credential and host, shared by every execution of this process. */
export const rateLimits = new RateLimitMemory();

/** Forgets what this process learnt about windows and tokens (tests start from nothing). */
export function forgetTransportMemory(): void {
	rateLimits.forget();
	forgetTokens();
}
