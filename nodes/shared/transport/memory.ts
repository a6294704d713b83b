import type { ICredentialDataDecryptedObject, ICredentialsDecrypted } from 'n8n-workflow';

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

/**
 * The run's stored credential (what credentialsOf read) as n8n's httpRequestWithAuthentication takes it. Given, n8n does not
 * read and decrypt the credential again for every request, which is most of a lookup's cost in n8n
 * (npm run bench); a token n8n renews is written into this same object, so the run's later requests
 * send it. Undefined when the node names no stored credential: n8n then reads it itself.
 */
export function storedCredential(
	context: TransportContext,
	type: string,
	data: ICredentialDataDecryptedObject,
): ICredentialsDecrypted | undefined {
	const stored = context.getNode().credentials?.[type];
	if (!stored?.id) return undefined;
	return { id: stored.id, name: stored.name, type, data };
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
