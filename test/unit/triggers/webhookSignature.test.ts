import { signatureOf, verifySignature } from '../../../nodes/Humanly/helpers/webhookSignature';

const secret = 'whsec_test_secret';
const now = 1_790_000_000;
const raw = Buffer.from(
	'{"event":"candidate_interview.completed","timestamp":"2026-09-21T12:00:00Z","data":{"id":"ci_1","score": 1.50}}',
);
const signed = (t: number, body: Buffer | string = raw) =>
	`t=${t},v1=${signatureOf(secret, t, body)}`;
const check = (header: string | undefined) =>
	verifySignature({
		header,
		secret,
		rawBody: raw,
		parsedBody: undefined,
		nowSeconds: now,
		toleranceSeconds: 300,
	});

test('a delivery signed over the exact raw bytes is valid', () => {
	expect(check(signed(now))).toMatchObject({ valid: true, timestamp: now });
});

test("a signature over the re-serialised JSON (what Humanly's sample signs) is valid too; over an altered body, neither is", () => {
	const parsed = JSON.parse(raw.toString()) as unknown;
	const reserialised = JSON.stringify(parsed);
	const delivery = {
		secret,
		rawBody: raw,
		parsedBody: parsed,
		nowSeconds: now,
		toleranceSeconds: 300,
	};
	expect(
		verifySignature({
			...delivery,
			header: `t=${now},v1=${signatureOf(secret, now, reserialised)}`,
		}),
	).toMatchObject({ valid: true });
	expect(verifySignature({ ...delivery, header: signed(now) })).toMatchObject({ valid: true });
	// The body was altered after signing: its raw bytes and its re-serialisation both differ.
	const altered = Buffer.from(raw.toString().replace('1.50', '9.50'));
	const alteredDelivery = {
		...delivery,
		rawBody: altered,
		parsedBody: JSON.parse(altered.toString()) as unknown,
	};
	expect(verifySignature({ ...alteredDelivery, header: signed(now) })).toMatchObject({
		valid: false,
		reason: 'mismatch',
	});
	expect(
		verifySignature({
			...alteredDelivery,
			header: `t=${now},v1=${signatureOf(secret, now, reserialised)}`,
		}),
	).toMatchObject({ valid: false, reason: 'mismatch' });
});

test('without the raw body, the re-serialised JSON is checked', () => {
	const parsed = { event: 'interview.created', data: { id: 'i_1' } };
	const header = `t=${now},v1=${signatureOf(secret, now, JSON.stringify(parsed))}`;
	expect(
		verifySignature({
			header,
			secret,
			rawBody: undefined,
			parsedBody: parsed,
			nowSeconds: now,
			toleranceSeconds: 300,
		}),
	).toMatchObject({ valid: true });
});

test.each([
	['unsigned', undefined, 'unsigned'],
	['malformed', 'v1=abc', 'malformed'],
	['forged with another secret', `t=${now},v1=${signatureOf('another', now, raw)}`, 'mismatch'],
	['tampered body', signed(now, Buffer.from(raw.toString().replace('1.50', '9.50'))), 'mismatch'],
	['replayed: older than the tolerance', signed(now - 301), 'stale'],
	['from the future beyond the tolerance', signed(now + 301), 'stale'],
])('refuses a %s delivery', (_case, header, reason) => {
	expect(check(header)).toMatchObject({ valid: false, reason });
});

test('t in milliseconds is signed as sent and dated in seconds', () => {
	const t = now * 1000 + 250;
	expect(check(signed(t))).toMatchObject({ valid: true, timestamp: now + 0.25 });
	expect(check(signed((now - 301) * 1000))).toMatchObject({ valid: false, reason: 'stale' });
});

test('any of several v1 signatures may match (a secret being rotated)', () => {
	expect(check(`t=${now},v1=${'0'.repeat(64)},v1=${signatureOf(secret, now, raw)}`)).toMatchObject({
		valid: true,
	});
});
