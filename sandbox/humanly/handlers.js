'use strict';
/**
 * Humanly (Qualifi Gather) resources. Routes, envelopes and error codes are documented; the
 * [assumed] facts are those of nodes/Humanly/api.ts (bulk POSTs all or nothing with the entry index
 * in details.field, at most 100 per batch, paging shapes). Where neither says anything, the choice
 * is marked "sandbox choice". Handlers take `{ org, params, query (URLSearchParams), body }` and
 * return `{ status, data }` or throw an ApiError at the first problem.
 */
const { randomUUID } = require('node:crypto');
const { ApiError } = require('../lib');
const { TEAM_LOOK, DAY_MS, seedInt } = require('./seed');

const PHONE_E164 = /^\+[1-9]\d{1,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DELIVERY_TYPES = ['email', 'sms'];
const INTERVIEW_STATUSES = ['draft', 'active', 'inactive'];
const CANDIDATE_INTERVIEW_STATUSES = [
	'invite_sent',
	'new_response',
	'has_reviewed',
	'partially_completed',
	'hired',
	'archived',
];
/** An invite in one of these states is closed: resending it makes no sense. */
const CLOSED_STATUSES = ['hired', 'archived'];
/** The team fields a user listing shows (documented). */
const TEAM_SUMMARY = [
	'id',
	'name',
	'displayName',
	'description',
	'organizationId',
	'createdAt',
	'updatedAt',
];
/** Sandbox choice: the docs give no default invite lifetime. */
const DEFAULT_EXPIRY_DAYS = 7;

const invalid = (field, reason) =>
	new ApiError(400, 'VALIDATION_ERROR', `${field} ${reason}`, { field, reason });
const notFound = (resource, id) =>
	new ApiError(404, 'NOT_FOUND', `${resource} not found`, { resource, id });
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isAbsent = (v) => v === undefined || v === null;
const ok = (data) => ({ status: 200, data });
const created = (data) => ({ status: 201, data });

// --- input checks: each returns the value (absent: the fallback) or throws -----------------------

function requiredString(value, field) {
	if (typeof value !== 'string' || value.trim() === '')
		throw invalid(field, 'is required and must be a non-empty string');
	return value.trim();
}

/** An optional field: absent gives `fallback`, anything else must pass `test`. */
function optional(value, field, fallback, test, reason) {
	if (isAbsent(value)) return fallback;
	if (!test(value)) throw invalid(field, reason);
	return value;
}

const optionalString = (value, field) =>
	optional(value, field, null, (v) => typeof v === 'string', 'must be a string');
const optionalBoolean = (value, field, fallback) =>
	optional(value, field, fallback, (v) => typeof v === 'boolean', 'must be true or false');
const optionalPhone = (value, field) =>
	optional(
		value,
		field,
		null,
		(v) => typeof v === 'string' && PHONE_E164.test(v),
		'must be an E.164 phone number such as +14155550100',
	);

function requiredEmail(value, field) {
	const email = requiredString(value, field);
	if (!EMAIL.test(email)) throw invalid(field, 'must be a valid email address');
	return email;
}

/** Intl rejects unknown IANA names, which is exactly the check a real API would make. */
function isTimeZone(value) {
	try {
		return (
			typeof value === 'string' && Boolean(new Intl.DateTimeFormat('en-US', { timeZone: value }))
		);
	} catch {
		return false;
	}
}

function oneOf(value, field, allowed) {
	if (!allowed.includes(value)) throw invalid(field, `must be one of ${allowed.join(', ')}`);
	return value;
}

/** Query strings carry text: a boolean filter must read "true" or "false". */
function queryBoolean(query, name, fallback) {
	const raw = query.get(name);
	if (raw === null || raw === '') return fallback;
	if (raw !== 'true' && raw !== 'false') throw invalid(name, 'must be true or false');
	return raw === 'true';
}

function queryInt(query, name, fallback, max = Infinity) {
	const raw = query.get(name);
	if (raw === null || raw === '') return fallback;
	const n = Number(raw);
	if (Number.isInteger(n) && n >= 1 && n <= max) return n;
	throw invalid(
		name,
		max === Infinity ? 'must be a positive integer' : `must be an integer from 1 to ${max}`,
	);
}

/** Paging over an in-memory list. `sizeParam` is `pageSize` for candidates and `limit` elsewhere. */
function paginate(items, query, sizeParam, defaultSize) {
	const page = queryInt(query, 'page', 1);
	const size = queryInt(query, sizeParam, defaultSize, 100);
	const pagination = {
		page,
		[sizeParam]: size,
		total: items.length,
		totalPages: Math.ceil(items.length / size),
	};
	return { page: items.slice((page - 1) * size, page * size), pagination };
}

/**
 * Validates a bulk body ({ users: [...] } / { teams: [...] }) entry by entry BEFORE anything is
 * stored: api.ts assumes all-or-nothing batches, so the first bad entry refuses the whole batch and
 * its index appears in details.field (e.g. users[3].email).
 */
function validateBatch(body, listKey, maxBatchSize, validateEntry) {
	const list = body[listKey];
	if (!Array.isArray(list) || list.length < 1 || list.length > maxBatchSize)
		throw invalid(listKey, `must be an array of 1 to ${maxBatchSize} entries`);
	return list.map((entry, i) => {
		if (!isObject(entry)) throw invalid(`${listKey}[${i}]`, 'must be an object');
		return validateEntry(entry, `${listKey}[${i}]`);
	});
}

function createHandlers({ state, results, questions, now, maxBatchSize, baseUrl, notify }) {
	const timestamp = () => new Date(now()).toISOString();
	const ofOrg = (map, org) => [...map.values()].filter((item) => item.organizationId === org);
	/** A new record of the caller's organization. */
	const stamped = (map, org, fields) => {
		const at = timestamp();
		const record = {
			id: randomUUID(),
			...fields,
			organizationId: org,
			createdAt: at,
			updatedAt: at,
		};
		map.set(record.id, record);
		return record;
	};

	function findInOrg(map, id, org, resource) {
		const record = map.get(id);
		if (!record || record.organizationId !== org) throw notFound(resource, id);
		return record;
	}

	/** Invites carry no organizationId; they belong to the organization of their candidate. */
	function findCandidateInterview(id, org) {
		const record = state.candidateInterviews.get(id);
		if (!record || state.candidates.get(record.candidateId).organizationId !== org)
			throw notFound('candidateInterview', id);
		return record;
	}

	/** A name or email must be new in the organization (case-insensitive), also within one batch. */
	function uniqueIn(existing) {
		const taken = new Set(existing.map((value) => value.toLowerCase()));
		return (value, field) => {
			if (taken.has(value.toLowerCase()))
				throw invalid(field, `${value} already exists in your organization`);
			taken.add(value.toLowerCase());
		};
	}

	/** Same answer for unknown and foreign ids: never reveal another organization's data. */
	function assertAllInOrg(map, ids, org, field, what) {
		const foreign = ids.find((id) => map.get(id)?.organizationId !== org);
		if (foreign !== undefined)
			throw invalid(field, `${what} ${foreign} does not belong to your organization`);
	}

	function userView(user, includeTeams) {
		if (!includeTeams) return user;
		const { teamIds, ...rest } = user;
		const summary = (team) => Object.fromEntries(TEAM_SUMMARY.map((field) => [field, team[field]]));
		return { ...rest, teams: teamIds.map((id) => summary(state.teams.get(id))) };
	}

	// --- users and teams ---------------------------------------------------------------------------

	function createUsers({ org, body }) {
		const claimEmail = uniqueIn(ofOrg(state.users, org).map((u) => u.email));
		const entries = validateBatch(body, 'users', maxBatchSize, (entry, p) => {
			const valid = {
				firstName: requiredString(entry.firstName, `${p}.firstName`),
				lastName: requiredString(entry.lastName, `${p}.lastName`),
				email: requiredEmail(entry.email, `${p}.email`),
				phone: optionalPhone(entry.phone, `${p}.phone`),
				createAuth0Account: optionalBoolean(
					entry.createAuth0Account,
					`${p}.createAuth0Account`,
					false,
				),
			};
			if (!Array.isArray(entry.teamIds) || entry.teamIds.length === 0) {
				throw invalid(`${p}.teamIds`, 'is required and must contain at least one team id');
			}
			assertAllInOrg(state.teams, entry.teamIds, org, `${p}.teamIds`, 'team');
			claimEmail(valid.email, `${p}.email`);
			return { ...valid, teamIds: entry.teamIds };
		});
		const users = entries.map(({ createAuth0Account, teamIds, ...fields }) =>
			stamped(state.users, org, {
				...fields,
				isApiUser: !createAuth0Account,
				teamIds: [...new Set(teamIds)],
			}),
		);
		return created({ users });
	}

	function listUsers({ org, query }) {
		const includeTeams = queryBoolean(query, 'includeTeams', true);
		const teamId = query.get('teamId');
		const users = ofOrg(state.users, org).filter((u) => !teamId || u.teamIds.includes(teamId));
		return ok({ users: users.map((u) => userView(u, includeTeams)) });
	}

	function createTeams({ org, body }) {
		const claimName = uniqueIn(ofOrg(state.teams, org).map((t) => t.name));
		const entries = validateBatch(body, 'teams', maxBatchSize, (entry, p) => {
			const name = requiredString(entry.name, `${p}.name`);
			claimName(name, `${p}.name`);
			const userIds = entry.userIds ?? [];
			if (!Array.isArray(userIds)) throw invalid(`${p}.userIds`, 'must be an array of user ids');
			assertAllInOrg(state.users, userIds, org, `${p}.userIds`, 'user');
			// Sandbox choice: only the name is required; displayName falls back to it.
			const displayName = optionalString(entry.displayName, `${p}.displayName`) ?? name;
			return {
				name,
				displayName,
				description: optionalString(entry.description, `${p}.description`),
				userIds,
			};
		});
		const teams = entries.map(({ userIds, ...fields }) => {
			const team = stamped(state.teams, org, { ...fields, ...TEAM_LOOK });
			team.archivedAt = null;
			// Membership lives on the user (user.teamIds), as the users listing shows it.
			for (const user of userIds.map((id) => state.users.get(id))) {
				if (!user.teamIds.includes(team.id)) user.teamIds.push(team.id);
				user.updatedAt = team.createdAt;
			}
			return team;
		});
		return created({ teams });
	}

	function listTeams({ org, query }) {
		const userId = query.get('userId');
		const member = userId ? state.users.get(userId) : null;
		return ok({
			teams: ofOrg(state.teams, org).filter(
				(t) => !userId || (member && member.teamIds.includes(t.id)),
			),
		});
	}

	// --- candidates and interviews -----------------------------------------------------------------

	function createCandidate({ org, body }) {
		const fields = {
			firstName: requiredString(body.firstName, 'firstName'),
			lastName: requiredString(body.lastName, 'lastName'),
			email: requiredEmail(body.email, 'email'),
			phone: optionalPhone(body.phone, 'phone'),
			externalId: optionalString(body.externalId, 'externalId'),
			timezone: optional(
				body.timezone,
				'timezone',
				null,
				isTimeZone,
				'must be an IANA time zone such as America/New_York',
			),
			smsOptIn: optionalBoolean(body.smsOptIn, 'smsOptIn', false),
		};
		return created(stamped(state.candidates, org, { ...fields, archived: false }));
	}

	function listCandidates({ org, query }) {
		const archived = queryBoolean(query, 'archived', null);
		const externalId = query.get('externalId');
		const search = (query.get('search') || '').toLowerCase();
		const matches = ofOrg(state.candidates, org).filter(
			(c) =>
				(archived === null || c.archived === archived) &&
				(!externalId || c.externalId === externalId) &&
				(!search ||
					[`${c.firstName} ${c.lastName}`, c.email].some((s) => s.toLowerCase().includes(search))),
		);
		const { page, pagination } = paginate(matches, query, 'pageSize', 10);
		return ok({ candidates: page, pagination });
	}

	function listInterviews({ org, query }) {
		const archived = queryBoolean(query, 'archived', null);
		const interviewType = query.get('interviewType');
		const status = query.get('status')
			? oneOf(query.get('status'), 'status', INTERVIEW_STATUSES)
			: null;
		const matches = ofOrg(state.interviews, org).filter(
			(i) =>
				(archived === null || i.archived === archived) &&
				(!interviewType || i.interviewType === interviewType) &&
				(!status || i.status === status),
		);
		const { page, pagination } = paginate(matches, query, 'limit', 50);
		return ok({ interviews: page, pagination });
	}

	// --- candidate interviews (invites) ------------------------------------------------------------

	function createCandidateInterview({ org, body }) {
		const candidateId = requiredString(body.candidateId, 'candidateId');
		const interviewId = requiredString(body.interviewId, 'interviewId');
		const sendInvite = optionalBoolean(body.sendInvite, 'sendInvite', true);
		const deliveryTypes = body.deliveryTypes ?? ['email'];
		if (!Array.isArray(deliveryTypes) || deliveryTypes.length === 0)
			throw invalid('deliveryTypes', 'must be a non-empty array of email, sms');
		deliveryTypes.forEach((type) => oneOf(type, 'deliveryTypes', DELIVERY_TYPES));
		const isExpiry = (v) => Number.isInteger(v) && v >= 1 && v <= 90;
		const expiryDays = optional(
			body.expiryDays,
			'expiryDays',
			DEFAULT_EXPIRY_DAYS,
			isExpiry,
			'must be an integer from 1 to 90',
		);
		const isUrl = (v) => typeof v === 'string' && /^https?:\/\/[^\s]+$/.test(v);
		const externalRedirectUri = optional(
			body.externalRedirectUri,
			'externalRedirectUri',
			null,
			isUrl,
			'must be an http(s) URL',
		);

		const candidate = findInOrg(state.candidates, candidateId, org, 'candidate');
		findInOrg(state.interviews, interviewId, org, 'interview');
		if (deliveryTypes.includes('sms')) {
			if (!candidate.smsOptIn)
				throw invalid(
					'deliveryTypes',
					'sms is not allowed: the candidate has not opted in to SMS (smsOptIn is false)',
				);
			if (!candidate.phone)
				throw invalid('deliveryTypes', 'sms is not allowed: the candidate has no phone number');
		}
		const atMs = now();
		const at = new Date(atMs).toISOString();
		const id = randomUUID();
		const record = {
			id,
			candidateId,
			interviewId,
			status: 'invite_sent',
			deliveryTypes: [...new Set(deliveryTypes)],
			expiryDays,
			expiresAt: new Date(atMs + expiryDays * DAY_MS).toISOString(),
			externalRedirectUri,
			inviteUrl: `${baseUrl()}/invite/${id}`,
			inviteSentAt: sendInvite ? at : null,
			inviteCount: sendInvite ? 1 : 0,
			createdAt: at,
			updatedAt: at,
		};
		state.candidateInterviews.set(id, record);
		return created(record);
	}

	function listCandidateInterviews({ org, query }) {
		const candidateId = query.get('candidateId');
		const interviewId = query.get('interviewId');
		const status = query.get('status')
			? oneOf(query.get('status'), 'status', CANDIDATE_INTERVIEW_STATUSES)
			: null;
		const matches = [...state.candidateInterviews.values()].filter(
			(ci) =>
				state.candidates.get(ci.candidateId).organizationId === org &&
				(!candidateId || ci.candidateId === candidateId) &&
				(!interviewId || ci.interviewId === interviewId) &&
				(!status || ci.status === status),
		);
		const { page, pagination } = paginate(matches, query, 'limit', 50);
		return ok({ candidateInterviews: page, pagination });
	}

	/** What a candidate_interview.* webhook carries (sandbox choice: the docs show no example). */
	const inviteEvent = ({ id, candidateId, interviewId, status, updatedAt }, extra) =>
		Object.assign({ candidateInterviewId: id, candidateId, interviewId, status, updatedAt }, extra);

	function updateCandidateInterviewStatus({ org, params, body }) {
		const record = findCandidateInterview(params.id, org);
		const previousStatus = record.status;
		record.status = oneOf(body.status, 'status', CANDIDATE_INTERVIEW_STATUSES);
		record.updatedAt = timestamp();
		if (record.status !== previousStatus)
			notify('candidate_interview.status_changed', inviteEvent(record, { previousStatus }));
		return ok(record);
	}

	function getResults({ org, params }) {
		const record = findCandidateInterview(params.id, org);
		if (!results.has(record.id)) throw notFound('results', record.id);
		// The status is the invite's current one: a reviewer may have moved it on since completion.
		return ok({
			candidateInterviewId: record.id,
			status: record.status,
			...results.get(record.id),
		});
	}

	function resendInvite({ org, params }) {
		const record = findCandidateInterview(params.id, org);
		if (now() >= Date.parse(record.expiresAt))
			throw invalid(
				'expiresAt',
				`the invite expired at ${record.expiresAt}; create a new candidate interview`,
			);
		if (CLOSED_STATUSES.includes(record.status))
			throw invalid('status', `an invite with status ${record.status} cannot be resent`);
		record.inviteCount += 1;
		record.inviteSentAt = timestamp();
		record.updatedAt = record.inviteSentAt;
		return ok(record);
	}

	/** Test hook: the candidate answers every question; results become readable. */
	function completeInterview(candidateInterviewId) {
		const record = state.candidateInterviews.get(candidateInterviewId);
		if (!record) throw new Error(`Unknown candidate interview ${candidateInterviewId}`);
		const responses = state.interviews.get(record.interviewId).questionIds.map((questionId) => ({
			questionId,
			question: questions.get(questionId),
			transcript: `Sandbox answer to "${questions.get(questionId)}"`,
			score: seedInt(`${record.id}:${questionId}:score`, 40, 100),
			durationSeconds: seedInt(`${record.id}:${questionId}:duration`, 30, 150),
		}));
		const overallScore = Math.round(
			responses.reduce((sum, r) => sum + r.score, 0) / responses.length,
		);
		Object.assign(record, { status: 'new_response', updatedAt: timestamp() });
		results.set(record.id, { overallScore, completedAt: record.updatedAt, responses });
		notify(
			'candidate_interview.completed',
			inviteEvent(record, { overallScore, completedAt: record.updatedAt }),
		);
		return record;
	}

	return {
		createUsers,
		listUsers,
		createTeams,
		listTeams,
		createCandidate,
		listCandidates,
		getCandidate: ({ org, params }) => ok(findInOrg(state.candidates, params.id, org, 'candidate')),
		listInterviews,
		getInterview: ({ org, params }) => ok(findInOrg(state.interviews, params.id, org, 'interview')),
		createCandidateInterview,
		listCandidateInterviews,
		getCandidateInterview: ({ org, params }) => ok(findCandidateInterview(params.id, org)),
		updateCandidateInterviewStatus,
		getResults,
		resendInvite,
		completeInterview,
	};
}

module.exports = { createHandlers, invalid, notFound, isObject };
