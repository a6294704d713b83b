'use strict';
/**
 * The Qflow check-in API: events, guests, check-ins and team members. Paths and [assumed] facts come
 * from nodes/Qflow/api.ts (routes.js); the documented ones: event create (v1/events/), the guest
 * list as a bare array and the guest record (api-reference/guests), the client GUID `id` that makes
 * a guest create idempotent (comms/sending), bulk calls capped at 200 (comms/rate-limits-errors),
 * tags (checkin/tags), the check-in webhook (checkin/check-in-webhook), team member create and
 * assign and the per-event stats path (v1/team/), the plan cap on guests added via the API.
 * Handlers take `{ params, query, body, session }` and return an outcome or throw ApiError.
 */
const crypto = require('node:crypto');
const { ApiError, vendorFacts } = require('../lib');

const { QFLOW } = vendorFacts('Qflow');
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The documented guest record, in the order the reference lists it. */
const GUEST_FIELDS = [
	'id',
	'firstName',
	'otherNames',
	'lastName',
	'email',
	'plusOnes',
	'admittedPlusOnes',
	'additionalInfo',
	'barcode',
	'tags',
	'createdBy',
	'admitted',
	'blockedDate',
	'blockedReason',
	'eventId',
	'validFrom',
	'validTo',
	'isGroup',
	'discharged',
	'image',
	'customId',
	'commsTemplateId',
	'correlationId',
];
const GUEST_STRINGS = [
	'firstName',
	'otherNames',
	'lastName',
	'email',
	'additionalInfo',
	'barcode',
	'tags',
	'image',
	'customId',
	'correlationId',
];
const GUEST_DATES = ['validFrom', 'validTo'];
const TEAM_FIELDS = ['userName', 'email', 'firstName', 'lastName'];
const BUCKET_MS = 5 * 60_000;

const validation = (message) => new ApiError(400, 'validation', message);
/** 404 answers carry no body on this surface; the message is for the mock's own log only. */
const notFound = (message) => new ApiError(404, 'not_found', message);
const conflict = (code, message) => new ApiError(409, code, message);
const ok = (body) => ({ status: 200, body });
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

function requireObject(body) {
	if (!isObject(body)) throw validation('Request body must be a JSON object');
	return body;
}

function requireGuid(value, name) {
	if (typeof value !== 'string' || value === '') throw validation(`${name} is required`);
	if (!UUID_RE.test(value)) throw validation(`${name} '${value}' is not a valid GUID`);
	return value.toLowerCase();
}

function requireText(body, name) {
	const value = body[name];
	if (typeof value !== 'string' || value.trim() === '') throw validation(`${name} is required`);
	return value;
}

/** Tags: one comma-separated string, each tag trimmed; the forbidden characters refused. */
function normaliseTags(value, name) {
	if (value === undefined || value === null) return null;
	if (typeof value !== 'string') throw validation(`${name} must be a comma-separated string`);
	const tags = value
		.split(',')
		.map((tag) => tag.trim())
		.filter(Boolean);
	const bad = tags.find((tag) => QFLOW.tagForbiddenCharacters.test(tag));
	if (bad !== undefined) throw validation(`${name}: tag '${bad}' holds a character tags may not`);
	return tags.join(', ');
}

const counted = (tag) =>
	!QFLOW.uncountedTagPrefixes.some((prefix) => tag.startsWith(prefix)) &&
	!(tag.startsWith('::') && tag.endsWith(QFLOW.uncountedTreeLeafSuffix));

const isTimeZone = (value) => {
	try {
		return (
			typeof value === 'string' && Boolean(new Intl.DateTimeFormat('en-US', { timeZone: value }))
		);
	} catch {
		return false;
	}
};

/** Title, local start and end (no offset), IANA time zone: the documented event create body. */
function eventFields(body) {
	requireObject(body);
	const fields = { title: requireText(body, 'title') };
	for (const name of ['startTime', 'endTime']) {
		const value = requireText(body, name);
		if (!QFLOW.eventLocalTime.test(value) || Number.isNaN(Date.parse(`${value}Z`)))
			throw validation(
				`${name} must be a local date and time without offset, e.g. 2026-06-01T18:00:00`,
			);
		fields[name] = value.length === 16 ? `${value}:00` : value;
	}
	if (fields.endTime <= fields.startTime) throw validation('endTime must be after startTime');
	fields.timeZoneId = requireText(body, 'timeZoneId');
	if (!isTimeZone(fields.timeZoneId))
		throw validation(`timeZoneId '${fields.timeZoneId}' is not an IANA time zone`);
	return fields;
}

function createCheckin({ state, now, webhooks, comms, planCap }) {
	const stamp = () => new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z');

	function getEvent(id) {
		const event = UUID_RE.test(id ?? '') && state.events.get(id.toLowerCase());
		if (!event) throw notFound(`Event ${id} not found`);
		return event;
	}

	function getGuest(id) {
		const guest = UUID_RE.test(id ?? '') && state.guests.get(id.toLowerCase());
		if (!guest) throw notFound(`Guest ${id} not found`);
		return guest;
	}

	function getTeamMember(id) {
		const member = UUID_RE.test(id ?? '') && state.teamMembers.get(id.toLowerCase());
		if (!member) throw notFound(`Team member ${id} not found`);
		return member;
	}

	const guestsOf = (eventId) =>
		[...state.guests.values()].filter((guest) => guest.eventId === eventId);

	/** Counts guests added via the API against the plan; refuses the whole call past the cap. */
	function admitToPlan(count) {
		if (count === 0) return;
		if (state.apiGuestsAdded + count > planCap())
			throw new ApiError(
				403,
				QFLOW.guestPlanCapCode,
				`Your plan allows ${planCap()} guests added via the API this period. Upgrade the account to add more.`,
			);
		state.apiGuestsAdded += count;
	}

	/**
	 * The guest fields of a create or upsert body, checked. `where` prefixes messages (bulk index);
	 * `partial` (an upsert of an existing guest) does not require the create fields.
	 */
	function guestFields(record, { where = '', partial = false } = {}) {
		if (!isObject(record)) throw validation(`${where}guest must be a JSON object`);
		const fields = {};
		if (!partial)
			for (const name of QFLOW.guestRequiredFields)
				if (name !== 'eventId') {
					if (typeof record[name] !== 'string' || record[name].trim() === '')
						throw validation(`${where}${name} is required`);
					fields[name] = record[name];
				}
		for (const name of GUEST_STRINGS) {
			const value = record[name];
			if (value === undefined) continue;
			if (value !== null && typeof value !== 'string')
				throw validation(`${where}${name} must be a string`);
			fields[name] = value;
		}
		if (
			typeof fields.email === 'string' &&
			fields.email !== '' &&
			!/^[^\s@]+@[^\s@]+$/.test(fields.email)
		)
			throw validation(`${where}email '${fields.email}' is not a valid email address`);
		if (record.tags !== undefined) fields.tags = normaliseTags(record.tags, `${where}tags`);
		if (record.plusOnes !== undefined) {
			if (!Number.isInteger(record.plusOnes) || record.plusOnes < 0)
				throw validation(`${where}plusOnes must be a whole number from 0`);
			fields.plusOnes = record.plusOnes;
		}
		if (record.isGroup !== undefined) {
			if (typeof record.isGroup !== 'boolean')
				throw validation(`${where}isGroup must be a boolean`);
			fields.isGroup = record.isGroup;
		}
		for (const name of GUEST_DATES) {
			const value = record[name];
			if (value === undefined || value === null) continue;
			if (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
				throw validation(`${where}${name} must be a date-time`);
			fields[name] = value;
		}
		return fields;
	}

	function newGuest(id, eventId, fields, session) {
		return {
			...Object.fromEntries(GUEST_FIELDS.map((name) => [name, null])),
			plusOnes: 0,
			admittedPlusOnes: 0,
			isGroup: false,
			...fields,
			id,
			eventId,
			// Barcodes are generated when a guest comes without one ({{barcode}} on comms/templates).
			barcode: fields.barcode || crypto.randomBytes(8).toString('hex').toUpperCase(),
			createdBy: `API (${session.userName})`,
		};
	}

	// ------------------------------------------------------------ events

	function createEvent({ body }) {
		const event = {
			id: crypto.randomUUID(),
			...eventFields(body),
			status: 'active',
			created: stamp(),
		};
		state.events.set(event.id, event);
		return ok(event);
	}

	function updateEvent({ params, body }) {
		const event = getEvent(params.eventId);
		Object.assign(event, eventFields(body));
		return ok(event);
	}

	function eventLifecycle({ params }) {
		const event = getEvent(params.eventId);
		const status = QFLOW.eventLifecycleActions[params.action];
		if (!status) throw notFound(`No lifecycle action ${params.action}`);
		event.status = status;
		return ok(event);
	}

	function eventStatistics({ params }) {
		const event = getEvent(params.eventId);
		const guests = guestsOf(event.id);
		const byTag = new Map();
		for (const guest of guests)
			for (const tag of (guest.tags ?? '')
				.split(',')
				.map((t) => t.trim())
				.filter(Boolean)) {
				const entry = byTag.get(tag) ?? { tag, guests: 0, admitted: 0, counted: counted(tag) };
				entry.guests += 1;
				if (guest.admitted) entry.admitted += 1;
				byTag.set(tag, entry);
			}
		return ok({
			eventId: event.id,
			guests: guests.length,
			admitted: guests.filter((guest) => guest.admitted).length,
			blocked: guests.filter((guest) => guest.blockedDate).length,
			plusOnes: guests.reduce((sum, guest) => sum + guest.plusOnes, 0),
			admittedPlusOnes: guests.reduce((sum, guest) => sum + guest.admittedPlusOnes, 0),
			tags: [...byTag.values()],
		});
	}

	// ------------------------------------------------------------ guests

	/** POST guest: the client GUID is the idempotency key; a known id comes back as it is. */
	function createGuest({ body, session }) {
		requireObject(body);
		const id =
			body.id === undefined || body.id === null ? crypto.randomUUID() : requireGuid(body.id, 'id');
		const existing = state.guests.get(id);
		if (existing) return ok(existing);
		const event = getEvent(requireText(body, 'eventId'));
		const fields = guestFields(body);
		let template;
		if (body.commsTemplateId !== undefined && body.commsTemplateId !== null) {
			comms.assertCanSend(session);
			template = comms.templateFor(requireGuid(body.commsTemplateId, 'commsTemplateId'), event.id);
			fields.commsTemplateId = template.id;
		}
		admitToPlan(1);
		const guest = newGuest(id, event.id, fields, session);
		state.guests.set(id, guest);
		if (template) comms.queue(guest, template, guest.correlationId);
		return ok(guest);
	}

	/** POST guests/{eventId}: create or upsert up to the cap; the whole call fails on any bad record. */
	function bulkUpsert({ params, body, session }) {
		const event = getEvent(params.eventId);
		if (!Array.isArray(body)) throw validation('Request body must be a JSON array of guests');
		if (body.length > QFLOW.bulkMaxRecords)
			throw validation(`At most ${QFLOW.bulkMaxRecords} guests per call; split the batch`);
		const planned = body.map((record, index) => {
			const where = `[${index}].`;
			const hasId = isObject(record) && record.id !== undefined && record.id !== null;
			const id = hasId ? requireGuid(record.id, `${where}id`) : crypto.randomUUID();
			const existing = state.guests.get(id);
			if (existing && existing.eventId !== event.id)
				throw validation(`${where}id belongs to a guest of another event`);
			if (isObject(record) && record.eventId !== undefined && record.eventId !== event.id)
				throw validation(`${where}eventId must be the event of the path or left out`);
			return { id, existing, fields: guestFields(record, { where, partial: Boolean(existing) }) };
		});
		admitToPlan(new Set(planned.filter((p) => !p.existing).map((p) => p.id)).size);
		return ok(
			planned.map(({ id, fields }) => {
				const current = state.guests.get(id);
				if (current) return Object.assign(current, fields);
				const guest = newGuest(id, event.id, fields, session);
				state.guests.set(id, guest);
				return guest;
			}),
		);
	}

	/** Block or unblock by id or barcode within one event; answers the guests it changed. */
	function setBlocked(blocked) {
		return ({ params, body }) => {
			const event = getEvent(params.eventId);
			requireObject(body);
			const { ids: idsField, barcodes: barcodesField, reason: reasonField } = QFLOW.bulkBlockFields;
			const lists = [idsField, barcodesField].map((name) => {
				const value = body[name] ?? [];
				if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
					throw validation(`${name} must be an array of strings`);
				return value;
			});
			const [ids, barcodes] = lists;
			if (ids.length + barcodes.length === 0)
				throw validation(`${idsField} or ${barcodesField} is required`);
			if (ids.length + barcodes.length > QFLOW.bulkMaxRecords)
				throw validation(`At most ${QFLOW.bulkMaxRecords} guests per call; split the batch`);
			const reason = body[reasonField];
			if (reason !== undefined && reason !== null && typeof reason !== 'string')
				throw validation(`${reasonField} must be a string`);
			const wanted = new Set(ids.map((id) => id.toLowerCase()));
			const codes = new Set(barcodes);
			const changed = guestsOf(event.id).filter((g) => wanted.has(g.id) || codes.has(g.barcode));
			for (const guest of changed) {
				guest.blockedDate = blocked ? stamp() : null;
				guest.blockedReason = blocked ? (reason ?? null) : null;
			}
			return ok(changed);
		};
	}

	/** Admits a guest (API or scanner app) and fires the check-in webhook. */
	function admit(guest, user) {
		if (guest.blockedDate)
			throw conflict(
				QFLOW.checkInRefusals.blocked,
				`Guest ${guest.id} is blocked: ${guest.blockedReason ?? 'no reason given'}`,
			);
		if (guest.admitted)
			throw conflict(
				QFLOW.checkInRefusals.alreadyAdmitted,
				`Guest ${guest.id} was already checked in at ${guest.admitted}`,
			);
		guest.admitted = stamp();
		// Plus-ones are admitted with the main guest.
		guest.admittedPlusOnes = guest.plusOnes;
		state.checkIns.set(guest.id, { user, at: now(), eventId: guest.eventId });
		webhooks.notifyCheckIn(guest, user);
		return guest;
	}

	function checkIn({ body, session }) {
		requireObject(body);
		const id = requireGuid(body[QFLOW.checkInIdField], QFLOW.checkInIdField);
		return ok(admit(getGuest(id), session.email));
	}

	// ------------------------------------------------------------ team

	function teamFields(body) {
		requireObject(body);
		const fields = Object.fromEntries(TEAM_FIELDS.map((name) => [name, requireText(body, name)]));
		if (!/^[^\s@]+@[^\s@]+$/.test(fields.email))
			throw validation(`email '${fields.email}' is not a valid email address`);
		return fields;
	}

	function assertUserNameFree(userName, exceptId) {
		const holder = [...state.teamMembers.values()].find(
			(member) => member.userName.toLowerCase() === userName.toLowerCase(),
		);
		if (holder && holder.id !== exceptId)
			throw conflict('conflict', `A team member with userName ${userName} already exists`);
	}

	function createTeamMember({ body }) {
		const fields = teamFields(body);
		assertUserNameFree(fields.userName);
		const member = { id: crypto.randomUUID(), ...fields };
		state.teamMembers.set(member.id, member);
		return ok(member);
	}

	function updateTeamMember({ body }) {
		requireObject(body);
		const member = getTeamMember(requireGuid(body.id, 'id'));
		const fields = teamFields(body);
		assertUserNameFree(fields.userName, member.id);
		return ok(Object.assign(member, fields));
	}

	function deleteTeamMember({ params }) {
		const member = getTeamMember(params.teamMemberId);
		state.teamMembers.delete(member.id);
		for (const key of [...state.assignments])
			if (key.startsWith(`${member.id}|`)) state.assignments.delete(key);
		return { status: 204 };
	}

	function assignment(assigned) {
		return ({ params }) => {
			const member = getTeamMember(params.teamMemberId);
			const event = getEvent(params.eventId);
			const key = `${member.id}|${event.id}`;
			if (assigned) state.assignments.add(key);
			else state.assignments.delete(key);
			return ok({ teamMemberId: member.id, eventId: event.id, assigned });
		};
	}

	/** Check-ins per team member and 5-minute arrival buckets (the shape is [assumed]). */
	function teamEventStats({ params }) {
		const event = getEvent(params.eventId);
		const checkIns = [...state.checkIns.values()].filter((c) => c.eventId === event.id);
		const perUser = new Map();
		const buckets = new Map();
		for (const { user, at } of checkIns) {
			perUser.set(user, (perUser.get(user) ?? 0) + 1);
			const start = Math.floor(at / BUCKET_MS) * BUCKET_MS;
			buckets.set(start, (buckets.get(start) ?? 0) + 1);
		}
		const members = [...state.teamMembers.values()].filter((m) =>
			state.assignments.has(`${m.id}|${event.id}`),
		);
		return ok({
			eventId: event.id,
			teamMembers: members.map((m) => ({
				teamMemberId: m.id,
				userName: m.userName,
				checkIns: perUser.get(m.userName) ?? 0,
			})),
			arrivals: [...buckets.entries()]
				.sort(([a], [b]) => a - b)
				.map(([start, count]) => ({ from: new Date(start).toISOString(), count })),
		});
	}

	return {
		eventById: getEvent,
		teamMemberById: getTeamMember,
		getGuest,
		admit,
		createEvent,
		getEvent: ({ params }) => ok(getEvent(params.eventId)),
		listEvents: () =>
			ok([...state.events.values()].sort((a, b) => a.startTime.localeCompare(b.startTime))),
		updateEvent,
		eventLifecycle,
		eventStatistics,
		listGuests: ({ params }) => ok(guestsOf(getEvent(params.eventId).id)),
		createGuest,
		bulkUpsert,
		block: setBlocked(true),
		unblock: setBlocked(false),
		checkIn,
		createTeamMember,
		updateTeamMember,
		deleteTeamMember,
		assign: assignment(true),
		unassign: assignment(false),
		listTeamMembers: () => ok([...state.teamMembers.values()]),
		eventTeamMembers: ({ params }) => {
			const event = getEvent(params.eventId);
			return ok(
				[...state.teamMembers.values()].filter((m) => state.assignments.has(`${m.id}|${event.id}`)),
			);
		},
		teamEventStats,
	};
}

module.exports = { createCheckin, requireGuid, requireObject, requireText, validation, notFound };
