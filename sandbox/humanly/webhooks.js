'use strict';
/**
 * Humanly's signed webhook deliveries: `POST <url>` with `{"event","timestamp","data"}` and
 * `X-Qualifi-Signature: t=<timestamp>,v1=<hex>`, hex = HMAC-SHA256 with the webhook secret over
 * `<t>.` + JSON.stringify(payload), which is the body as sent. The page does not say whether `t` is
 * in seconds or milliseconds: seconds by default, `unit: 'ms'` sends milliseconds. Humanly registers
 * the organization's URL on request (no public API), so a test registers one with
 * `mock.registerWebhook(url)`; an invite created with its own webhook URL also gets its events.
 */
const crypto = require('node:crypto');
const { vendorFacts } = require('../lib');

const WEBHOOK_EVENTS = vendorFacts('Humanly').HUMANLY.webhook.events;
/** The receiver must answer within 5 s, as documented. */
const RECEIVER_TIMEOUT_MS = 5000;

const signature = (secret, t, body) =>
	crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');

function createWebhooks({ now, secret, counters }) {
	let registered = null;
	const pending = new Set();

	/**
	 * One delivery; resolves with the receiver's status. `timestamp` (unix seconds) sends an old or
	 * replayed one, `unit: 'ms'` signs `t` in milliseconds, `secret` signs with another key, `tamper`
	 * changes the body after signing, `unsigned` leaves the signature header out, `body` (a string)
	 * is sent and signed instead of the payload (an empty or non-object body, correctly signed).
	 */
	async function send({
		event,
		data = {},
		url = registered,
		secret: key = secret,
		timestamp,
		tamper,
		unsigned,
		unit = 's',
		body: rawBody,
	} = {}) {
		if (!WEBHOOK_EVENTS.includes(event))
			throw new Error(`event must be one of ${WEBHOOK_EVENTS.join(', ')}`);
		if (!url) throw new Error('No webhook URL: registerWebhook(url) first, or pass url');
		const seconds = timestamp ?? Math.floor(now() / 1000);
		const payload = { event, timestamp: new Date(seconds * 1000).toISOString(), data };
		const signed = rawBody ?? JSON.stringify(payload);
		const body = tamper
			? JSON.stringify({ ...payload, data: { ...data, tampered: true } })
			: signed;
		const t = unit === 'ms' ? seconds * 1000 : seconds;
		const headers = { 'Content-Type': 'application/json' };
		if (!unsigned) headers['X-Qualifi-Signature'] = `t=${t},v1=${signature(key, t, signed)}`;
		const res = await fetch(url, {
			method: 'POST',
			headers,
			body,
			signal: AbortSignal.timeout(RECEIVER_TIMEOUT_MS),
		});
		await res.arrayBuffer();
		counters.webhooksSent += 1;
		return res.status;
	}

	/**
	 * Fire and forget, for the events the API itself causes, to the registered URL and to `ownUrl` (an
	 * invite's own webhook): a failed delivery is only counted.
	 */
	function notify(event, data, ownUrl) {
		for (const url of new Set([registered, ownUrl].filter(Boolean))) {
			const delivery = send({ event, data, url })
				.then(
					(status) => status >= 200 && status < 300,
					() => false,
				)
				.then((delivered) => {
					if (!delivered) counters.webhookErrors += 1;
					pending.delete(delivery);
				});
			pending.add(delivery);
		}
	}

	return {
		send,
		notify,
		/** One URL per mock (null removes it). Configuration, not data: reset() keeps it. */
		register(url) {
			registered = url ?? null;
		},
		/** Resolves once every fire-and-forget delivery has ended. */
		settle: () => Promise.all(pending),
	};
}

module.exports = { createWebhooks, WEBHOOK_EVENTS, signature };
