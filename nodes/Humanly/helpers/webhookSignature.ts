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
	/** The exact bytes received; checked first. */
	rawBody: Buffer | undefined;
	/** The parsed body: its re-serialised JSON is checked when the raw bytes are missing or do not match. */
	parsedBody: unknown;
	nowSeconds: number;
	toleranceSeconds: number;
}

export function signatureOf(
	secret: string,
	timestamp: number | string,
	body: Buffer | string,
): string {
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
	if (!header)
		return {
			valid: false,
			reason: 'unsigned',
			message: 'The request has no X-Qualifi-Signature header',
		};
	const parsed = parseHeader(header);
	if (!parsed) {
		return {
			valid: false,
			reason: 'malformed',
			message: 'The X-Qualifi-Signature header is not t=<unix seconds>,v1=<hex>',
		};
	}
	// Humanly's own sample signs JSON.stringify(payload), not the bytes it sends: the raw body first,
	// then its re-serialisation (an altered body changes both).
	const bodies = [
		delivery.rawBody,
		delivery.parsedBody === undefined ? undefined : JSON.stringify(delivery.parsedBody),
	].filter((body): body is Buffer | string => body !== undefined);
	const match = bodies
		.map((body) => signatureOf(delivery.secret, parsed.timestamp, body))
		.flatMap((expected) =>
			parsed.signatures.filter((signature) => sameDigest(expected, signature)),
		)[0];
	if (!match)
		return {
			valid: false,
			reason: 'mismatch',
			message: 'The signature does not match the body and the webhook secret',
		};
	if (Math.abs(delivery.nowSeconds - parsed.timestamp) > delivery.toleranceSeconds) {
		return {
			valid: false,
			reason: 'stale',
			message: `The signature is dated ${parsed.timestamp}, more than ${delivery.toleranceSeconds} s from now: refused as a replay`,
		};
	}
	return { valid: true, timestamp: parsed.timestamp, signature: match };
}
