import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Humanly's webhook signature (docs/humanly.md): `X-Qualifi-Signature: t=<timestamp>,v1=<hex>`,
 * where hex is HMAC-SHA256 with the webhook secret over `<t>.<body>`. The page does not say whether
 * `t` counts seconds or milliseconds: both are read (13 digits or more is milliseconds; seconds reach
 * 13 digits only in the year 33658), and `t` is signed exactly as sent. Pure: no I/O, no clock.
 */
export type SignatureVerdict =
	/** `timestamp`: the signing time in Unix seconds, whatever unit `t` came in. */
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

/** `t` of 13 digits or more counts milliseconds. */
const MILLISECONDS_FROM = 1e12;

interface ParsedHeader {
	/** `t` as sent: the signature covers it in this form. */
	signedT: string;
	/** `t` in Unix seconds. */
	seconds: number;
	signatures: string[];
}

function parseHeader(header: string): ParsedHeader | undefined {
	let signedT: string | undefined;
	const signatures: string[] = [];
	for (const part of header.split(',')) {
		const [key, value] = part.trim().split('=', 2);
		if (key === 't' && /^\d{1,16}$/.test(value ?? '')) signedT = value;
		if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value ?? '')) signatures.push(value.toLowerCase());
	}
	if (signedT === undefined || signatures.length === 0) return undefined;
	const t = Number(signedT);
	return { signedT, seconds: t >= MILLISECONDS_FROM ? t / 1000 : t, signatures };
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
			message: 'The X-Qualifi-Signature header is not t=<unix time>,v1=<hex>',
		};
	}
	// Humanly's own sample signs JSON.stringify(payload), not the bytes it sends: the raw body first,
	// then its re-serialisation (an altered body changes both).
	const bodies = [
		delivery.rawBody,
		delivery.parsedBody === undefined ? undefined : JSON.stringify(delivery.parsedBody),
	].filter((body): body is Buffer | string => body !== undefined);
	const match = bodies
		.map((body) => signatureOf(delivery.secret, parsed.signedT, body))
		.flatMap((expected) =>
			parsed.signatures.filter((signature) => sameDigest(expected, signature)),
		)[0];
	if (!match)
		return {
			valid: false,
			reason: 'mismatch',
			message: 'The signature does not match the body and the webhook secret',
		};
	if (Math.abs(delivery.nowSeconds - parsed.seconds) > delivery.toleranceSeconds) {
		return {
			valid: false,
			reason: 'stale',
			message: `The signature is dated ${parsed.signedT}, more than ${delivery.toleranceSeconds} s from now: refused as stale`,
		};
	}
	return { valid: true, timestamp: parsed.seconds, signature: match };
}
