import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Humanly's webhook signature (docs/humanly.md): `X-Qualifi-Signature: t=<unix seconds>,v1=<hex>`,
 * where hex is HMAC-SHA256 with the webhook secret over `<t>.<body>`. Pure: no I/O, no clock.
 */
export type SignatureVerdict =
	| { valid: true; timestamp: number; signature: string }
	| { valid: false; reason: 'unsigned' | 'malformed' | 'mismatch' | 'stale'; message: string };

export interface SignedDelivery {
	header: string | undefined;
	secret: string;
	/** The exact bytes received; the re-serialised JSON is used only when they are not available. */
	rawBody: Buffer | undefined;
	parsedBody: unknown;
	nowSeconds: number;
	toleranceSeconds: number;
}

export function signatureOf(secret: string, timestamp: number | string, body: Buffer | string): string {
	return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

function parseHeader(header: string): { timestamp: number; signatures: string[] } | undefined {
	let timestamp: number | undefined;
	const signatures: string[] = [];
	for (const part of header.split(',')) {
		const [key, value] = part.trim().split('=', 2);
		if (key === 't' && /^\d{1,12}$/.test(value ?? '')) timestamp = Number(value);
		if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value ?? '')) signatures.push(value.toLowerCase());
	}
	return timestamp === undefined || signatures.length === 0 ? undefined : { timestamp, signatures };
}

/** Compares in constant time (equal lengths: both are 32-byte digests). */
function sameDigest(expectedHex: string, givenHex: string): boolean {
	const expected = Buffer.from(expectedHex, 'hex');
	const given = Buffer.from(givenHex, 'hex');
	return expected.length === given.length && timingSafeEqual(expected, given);
}

export function verifySignature(delivery: SignedDelivery): SignatureVerdict {
	const header = delivery.header?.trim();
	if (!header) return { valid: false, reason: 'unsigned', message: 'The request has no X-Qualifi-Signature header' };
	const parsed = parseHeader(header);
	if (!parsed) {
		return { valid: false, reason: 'malformed', message: 'The X-Qualifi-Signature header is not t=<unix seconds>,v1=<hex>' };
	}
	const body = delivery.rawBody ?? JSON.stringify(delivery.parsedBody ?? {});
	const expected = signatureOf(delivery.secret, parsed.timestamp, body);
	const match = parsed.signatures.find((signature) => sameDigest(expected, signature));
	if (!match) return { valid: false, reason: 'mismatch', message: 'The signature does not match the body and the webhook secret' };
	if (Math.abs(delivery.nowSeconds - parsed.timestamp) > delivery.toleranceSeconds) {
		return {
			valid: false,
			reason: 'stale',
			message: `The signature is dated ${parsed.timestamp}, more than ${delivery.toleranceSeconds} s from now: refused as a replay`,
		};
	}
	return { valid: true, timestamp: parsed.timestamp, signature: match };
}
