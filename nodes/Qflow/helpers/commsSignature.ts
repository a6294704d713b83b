import { createHmac, timingSafeEqual } from 'node:crypto';

import { QFLOW } from '../api';

export type Verdict =
	| { valid: true; signature: string; timestamp: number }
	| { valid: false; message: string };

const equalHex = (a: string, b: string) =>
	a.length === b.length && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

/**
 * Checks a comms delivery (comms/webhooks): `X-Qflow-Signature: t=<unix s>,v1=<hex>`, hex =
 * HMAC-SHA256(secret, `t + "." + raw body`) over the exact bytes received, never a re-serialised
 * JSON; older (or further ahead) than `maxAgeSeconds` is refused as a replay.
 */
export function verifyCommsSignature(input: {
	header: string | undefined;
	secret: string;
	rawBody: Buffer | undefined;
	nowSeconds: number;
	maxAgeSeconds?: number;
}): Verdict {
	const { header, secret, rawBody, nowSeconds } = input;
	const maxAge = input.maxAgeSeconds ?? QFLOW.commsWebhook.maxAgeSeconds;
	if (!header) return { valid: false, message: 'The delivery has no X-Qflow-Signature header' };
	if (!rawBody) return { valid: false, message: 'The delivery’s raw body could not be read' };
	const parts = new Map<string, string[]>();
	for (const part of header.split(',')) {
		const [key, ...rest] = part.trim().split('=');
		parts.set(key, [...(parts.get(key) ?? []), rest.join('=')]);
	}
	const timestamp = Number(parts.get('t')?.[0]);
	const signatures = (parts.get(QFLOW.commsWebhook.signatureVersion) ?? []).filter((s) =>
		/^[0-9a-f]{64}$/i.test(s),
	);
	if (!Number.isInteger(timestamp) || signatures.length === 0)
		return { valid: false, message: 'The X-Qflow-Signature header is not t=<time>,v1=<signature>' };
	if (Math.abs(nowSeconds - timestamp) > maxAge)
		return {
			valid: false,
			message: `The delivery was signed ${nowSeconds - timestamp} s ago, more than the ${maxAge} s allowed: refused as a replay`,
		};
	const expected = createHmac('sha256', secret)
		.update(`${timestamp}.`)
		.update(rawBody)
		.digest('hex');
	const match = signatures.find((signature) => equalHex(signature.toLowerCase(), expected));
	if (!match)
		return {
			valid: false,
			message:
				'The signature does not match the body: forged, altered, or signed with another secret',
		};
	return { valid: true, signature: match.toLowerCase(), timestamp };
}
