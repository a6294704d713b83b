import { createCipheriv } from 'node:crypto';

import { QFLOW } from './api';

/**
 * Qflow iFrame SSO, pure crypto and no I/O (docs.qflowhub.io/enterprise/iframe-sso):
 * token = urlencode(base64(AES-256-CBC("<userGuid>@<enterprisePin>", key, "qflow_sec_vector"))), PKCS7
 * padding. The key is the enterprise key as bytes, zero-padded to 32 bytes the way PHP's openssl
 * pads a short key; a longer key cannot be used without guessing how Qflow would cut it.
 */

/** Why a key cannot be used, or undefined when it can. */
export function ssoKeyProblem(key: string): string | undefined {
	const length = Buffer.byteLength(key, 'utf8');
	if (length === 0) return 'the key is empty';
	if (length > QFLOW.sso.keyBytes) {
		return `it is ${length} bytes long, and Qflow's AES-256 key is at most ${QFLOW.sso.keyBytes} bytes`;
	}
	return undefined;
}

/** The enterprise key as the 32 AES-256 key bytes (zero-padded). */
export function ssoKeyBytes(key: string): Buffer {
	const problem = ssoKeyProblem(key);
	if (problem) throw new RangeError(`Unusable enterprise SSO key: ${problem}`);
	const bytes = Buffer.from(key, 'utf8');
	return Buffer.concat([bytes, Buffer.alloc(QFLOW.sso.keyBytes - bytes.length)]);
}

/** base64 of the AES-256-CBC ciphertext of `<userGuid>@<enterprisePin>` (not yet URL-encoded). */
export function ssoCiphertext(userGuid: string, enterprisePin: string, key: string): string {
	const cipher = createCipheriv('aes-256-cbc', ssoKeyBytes(key), Buffer.from(QFLOW.sso.iv, 'utf8'));
	return Buffer.concat([
		cipher.update(`${userGuid}@${enterprisePin}`, 'utf8'),
		cipher.final(),
	]).toString('base64');
}

/** The `token` query value: the base64 ciphertext, URL-encoded. */
export function ssoToken(userGuid: string, enterprisePin: string, key: string): string {
	return encodeURIComponent(ssoCiphertext(userGuid, enterprisePin, key));
}

/**
 * The iFrame URL. `successUrl` is a dashboard path such as `/events/edit/<id>?act=guests`: it is
 * URL-encoded as a query value, with `/` left readable (RFC 3986 allows it in a query).
 */
export function ssoLink(enterprise: string, successUrl: string, token: string): string {
	const target = encodeURIComponent(successUrl).replace(/%2F/gi, '/');
	return `${QFLOW.sso.linkHost(enterprise)}?successUrl=${target}&token=${token}`;
}
