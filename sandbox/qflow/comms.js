'use strict';
/**
 * The Qflow Comms API: stored templates (one event each), sends to existing attendees, and the
 * account's comms webhook (register, read, rotate, test, delete). Documented: the template body and
 * answer, `{ attendeeInvitationId, status }` for a send, the template belonging to the attendee's
 * event, 422 previous_send_permanently_failed for a (attendee, template) pair whose last send failed
 * for good, 403 comms_api_not_enabled / trust_required, the webhook secret shown once and killed at
 * once by a rotation. [assumed] (nodes/Qflow/api.ts): a repeated template id updates, a repeated
 * send with the same correlationId is the same send, the list and payload shapes. Mail to
 * BOUNCING_DOMAIN bounces, so a test can reach the 422.
 */
const crypto = require('node:crypto');
const { ApiError, vendorFacts } = require('../lib');
const { BOUNCING_DOMAIN } = require('./seed');
const { requireGuid, requireObject, requireText, validation, notFound } = require('./checkin');

const { QFLOW } = vendorFacts('Qflow');
const TEMPLATE_TEXTS = ['subject', 'fromAddress', 'fromName', 'replyTo'];
const PERMANENT_FAILURES = new Set(['bounced', 'dropped', 'spam_reported', 'unsubscribed']);
/** [assumed] what makes the spam check fail: a script URL in the HTML. */
const UNSAFE_HTML = /javascript:/i;

function createComms({ state, now, webhooks, getEvent, getGuest }) {
	const stamp = () => new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z');

	function getTemplate(id) {
		const template = state.templates.get(id);
		if (!template) throw notFound(`Template ${id} not found`);
		return template;
	}

	/** Comms needs the caller on the allow-list; sending also needs a KYC-verified sender. */
	function assertEnabled(session) {
		if (!state.commsEnabled.has(session.userId))
			throw new ApiError(
				403,
				QFLOW.commsNotEnabledCode,
				'Comms API access is not enabled for your account. Request it from support@qflowhub.io.',
			);
	}
	function assertCanSend(session) {
		assertEnabled(session);
		if (!session.trusted)
			throw new ApiError(
				403,
				QFLOW.trustRequiredCode,
				'Sender verification (KYC) has not been completed.',
			);
	}

	/** The template a send or an atomic guest create names: it must exist and belong to the event. */
	function templateFor(templateId, eventId) {
		const template = getTemplate(templateId);
		if (template.eventId !== eventId)
			throw validation(`Template ${templateId} belongs to another event than the attendee`);
		return template;
	}

	/** Queues one email; its lifecycle (sent, then delivered or bounced) goes to the comms webhook. */
	function queue(guest, template, correlationId) {
		const invitation = {
			id: crypto.randomUUID(),
			attendeeId: guest.id,
			templateId: template.id,
			correlationId: correlationId ?? null,
			status: 'queued',
			at: now(),
		};
		state.invitations.set(invitation.id, invitation);
		const data = {
			attendeeInvitationId: invitation.id,
			attendeeId: guest.id,
			templateId: template.id,
			eventId: guest.eventId,
			correlationId: invitation.correlationId,
			email: guest.email,
		};
		const bounces = String(guest.email ?? '')
			.toLowerCase()
			.endsWith(`@${BOUNCING_DOMAIN}`);
		invitation.status = bounces ? 'bounced' : 'delivered';
		webhooks.notifyComms('comms.sent', data);
		webhooks.notifyComms(bounces ? 'comms.bounced' : 'comms.delivered', data);
		return invitation;
	}

	function upsertTemplate({ body }) {
		requireObject(body);
		const eventId = requireText(body, 'eventId');
		const event = getEvent(eventId);
		const fields = {
			eventId: event.id,
			name: requireText(body, 'name'),
			html: requireText(body, 'html'),
		};
		for (const name of TEMPLATE_TEXTS) {
			const value = body[name];
			if (value !== undefined && value !== null && typeof value !== 'string')
				throw validation(`${name} must be a string`);
			if (value !== undefined) fields[name] = value;
		}
		if (
			body.attachPdf !== undefined &&
			body.attachPdf !== null &&
			typeof body.attachPdf !== 'boolean'
		)
			throw validation('attachPdf must be a boolean or null');
		if (UNSAFE_HTML.test(fields.html))
			throw new ApiError(
				422,
				'spam_check_failed',
				'The template HTML contains URLs flagged as unsafe',
			);
		const id =
			body.id === undefined || body.id === null ? crypto.randomUUID() : requireGuid(body.id, 'id');
		const existing = state.templates.get(id);
		if (existing) {
			if (!QFLOW.templateUpsertUpdates) return { status: 200, body: existing };
			// attachPdf null or left out keeps the stored flag (comms/templates).
			if (typeof body.attachPdf === 'boolean') fields.attachPdf = body.attachPdf;
			return { status: 200, body: Object.assign(existing, fields) };
		}
		const template = {
			id,
			subject: null,
			fromAddress: null,
			fromName: null,
			replyTo: null,
			...fields,
			attachPdf: body.attachPdf ?? false,
			created: stamp(),
		};
		state.templates.set(id, template);
		return { status: 200, body: template };
	}

	function listTemplates({ query }) {
		const eventId = query[QFLOW.templatesEventParam];
		if (typeof eventId !== 'string' || eventId === '')
			throw validation(`${QFLOW.templatesEventParam} is required`);
		const event = getEvent(eventId);
		return {
			status: 200,
			body: [...state.templates.values()].filter((t) => t.eventId === event.id),
		};
	}

	function send({ body, session }) {
		assertCanSend(session);
		requireObject(body);
		const attendee = getGuest(requireGuid(body.attendeeId, 'attendeeId'));
		const template = templateFor(requireGuid(body.templateId, 'templateId'), attendee.eventId);
		const correlationId = body.correlationId ?? null;
		if (correlationId !== null && typeof correlationId !== 'string')
			throw validation('correlationId must be a string');
		const previous = [...state.invitations.values()]
			.filter((i) => i.attendeeId === attendee.id && i.templateId === template.id)
			.at(-1);
		if (
			QFLOW.sendIdempotentWithCorrelationId &&
			correlationId !== null &&
			previous?.correlationId === correlationId
		)
			return { status: 200, body: { attendeeInvitationId: previous.id, status: 'queued' } };
		if (previous && PERMANENT_FAILURES.has(previous.status))
			throw Object.assign(
				new ApiError(
					422,
					QFLOW.previousSendFailedCode,
					`The last send of this template to this attendee ended ${previous.status}: sending again would fail the same way`,
				),
				{ details: { reason: previous.status, attendeeInvitationId: previous.id } },
			);
		const invitation = queue(attendee, template, correlationId);
		return { status: 200, body: { attendeeInvitationId: invitation.id, status: 'queued' } };
	}

	// ------------------------------------------------------------ the account's comms webhook

	const newSecret = () => crypto.randomBytes(32).toString('hex');
	function configured() {
		if (!state.commsWebhook) throw notFound('No comms webhook configured');
		return state.commsWebhook;
	}

	function registerWebhook({ body }) {
		requireObject(body);
		const url = requireText(body, 'url');
		let parsed;
		try {
			parsed = new URL(url);
		} catch {
			throw validation(`url '${url}' is not an absolute URL`);
		}
		if (!/^https?:$/.test(parsed.protocol)) throw validation('url must be http or https');
		state.commsWebhook = { url, secret: newSecret() };
		return { status: 200, body: { ...state.commsWebhook } };
	}

	function rotateWebhook() {
		const config = configured();
		config.secret = newSecret();
		return { status: 200, body: { ...config } };
	}

	/** Fires comms.test through the signing pipeline; answers what the receiver answered ([assumed]). */
	async function testWebhook() {
		configured();
		let status = 0;
		try {
			status = await webhooks.sendComms({ event: 'comms.test', data: {} });
		} catch {
			status = 0;
		}
		return {
			status: 200,
			body: { event: 'comms.test', delivered: status >= 200 && status < 300, status },
		};
	}

	return {
		assertEnabled,
		assertCanSend,
		templateFor,
		queue,
		upsertTemplate,
		listTemplates,
		send,
		registerWebhook,
		getWebhook: () => ({ status: 200, body: { url: configured().url } }),
		rotateWebhook,
		testWebhook,
		deleteWebhook: () => {
			state.commsWebhook = null;
			return { status: 204 };
		},
	};
}

module.exports = { createComms };
