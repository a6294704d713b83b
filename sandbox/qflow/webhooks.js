'use strict';
/**
 * Qflow's two outgoing webhooks.
 *
 * - Check-in (checkin/check-in-webhook): one URL per account, set in the dashboard (here PUT
 *   /__sandbox/checkin-webhook-url or `mock.setCheckInWebhook(url)`), PascalCase payload, NOT signed.
 * - Comms (comms/webhooks): the URL registered with POST …/comms/webhook; `X-Qflow-Signature:
 *   t=<unix s>,v1=<hex>` with hex = HMAC-SHA256(secret, `<t>.<raw body>`), `X-Qflow-Webhook-Id`,
 *   `X-Qflow-Event`. The payload fields are [assumed] (no page lists them).
 */
const crypto = require('node:crypto');
const { vendorFacts } = require('../lib');

const { QFLOW } = vendorFacts('Qflow');
const { events: COMMS_EVENTS, signatureVersion } = QFLOW.commsWebhook;
/** A receiver that does not answer within this time counts as a failed delivery. */
const RECEIVER_TIMEOUT_MS = 5000;

const signature = (secret, t, body) =>
	crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');

/** The check-in webhook's PascalCase payload of an admitted guest. */
const checkInPayload = (guest, user) => ({
	Id: guest.id,
	FirstName: guest.firstName,
	LastName: guest.lastName,
	Email: guest.email,
	Barcode: guest.barcode,
	Tags: guest.tags,
	AdditionalInfo: guest.additionalInfo,
	Admitted: guest.admitted,
	CreatedBy: guest.createdBy,
	User: user,
	EventId: guest.eventId,
});

async function post(url, headers, body) {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body,
		signal: AbortSignal.timeout(RECEIVER_TIMEOUT_MS),
	});
	await res.arrayBuffer();
	return res.status;
}

/** `commsConfig()`: the registered `{ url, secret }` or null. */
function createWebhooks({ now, counters, commsConfig }) {
	let checkInUrl = null;
	const pending = new Set();
	// An email's lifecycle goes out in order (sent before delivered), one delivery at a time.
	let commsInOrder = Promise.resolve();

	/** Fire and forget: a failed delivery is only counted. */
	function track(delivery) {
		const settled = delivery
			.then(
				(status) => status >= 200 && status < 300,
				() => false,
			)
			.then((delivered) => {
				if (!delivered) counters.webhookErrors += 1;
				pending.delete(settled);
			});
		pending.add(settled);
	}

	/**
	 * One check-in delivery; resolves with the receiver's status. `payload` overrides the body (a
	 * test's own), `url` the dashboard URL, `headers` adds headers.
	 */
	async function sendCheckIn({ payload, url = checkInUrl, headers = {} } = {}) {
		if (!url)
			throw new Error('No check-in webhook URL: set it first (setCheckInWebhook), or pass url');
		const status = await post(url, headers, JSON.stringify(payload));
		counters.checkInWebhooksSent += 1;
		return status;
	}

	/**
	 * One comms delivery; resolves with the receiver's status. `timestamp` (unix seconds) sends an
	 * old one, `secret` signs with another key, `tamper` changes the body after signing, `unsigned`
	 * leaves the signature out, `reserialise` sends the same JSON with other spacing than was signed.
	 */
	async function sendComms({
		event,
		data = {},
		url,
		secret,
		timestamp,
		tamper,
		unsigned,
		reserialise,
	} = {}) {
		if (!COMMS_EVENTS.includes(event))
			throw new Error(`event must be one of ${COMMS_EVENTS.join(', ')}`);
		const config = commsConfig();
		const target = url ?? config?.url;
		const key = secret ?? config?.secret;
		if (!target)
			throw new Error('No comms webhook registered: POST comms/webhook first, or pass url');
		const t = timestamp ?? Math.floor(now() / 1000);
		const payload = { event, occurredAt: new Date(t * 1000).toISOString(), ...data };
		// Spacing a JSON re-serialisation would not reproduce: a receiver must check the raw bytes.
		const signed = JSON.stringify(payload, null, 1);
		let body = signed;
		if (tamper) body = JSON.stringify({ ...payload, tampered: true }, null, 1);
		if (reserialise) body = JSON.stringify(payload);
		const headers = { 'X-Qflow-Webhook-Id': crypto.randomUUID(), 'X-Qflow-Event': event };
		if (!unsigned)
			headers['X-Qflow-Signature'] = `t=${t},${signatureVersion}=${signature(key, t, signed)}`;
		const status = await post(target, headers, body);
		counters.commsWebhooksSent += 1;
		return status;
	}

	return {
		sendCheckIn,
		sendComms,
		/** After an admit (API or scanner): delivered when the dashboard URL is set. */
		notifyCheckIn(guest, user) {
			if (checkInUrl) track(sendCheckIn({ payload: checkInPayload(guest, user) }));
		},
		/** After a comms lifecycle step: delivered when a comms webhook is registered, after the steps before it. */
		notifyComms(event, data) {
			if (!commsConfig()) return;
			const delivery = commsInOrder.then(() => sendComms({ event, data }));
			commsInOrder = delivery.catch(() => undefined);
			track(delivery);
		},
		/** The dashboard setting: configuration, not data, so reset() keeps it. null removes it. */
		setCheckInUrl(url) {
			checkInUrl = url ?? null;
		},
		checkInUrl: () => checkInUrl,
		/** Resolves once every fire-and-forget delivery has ended. */
		settle: () => Promise.all(pending),
	};
}

module.exports = { createWebhooks, checkInPayload, signature };
