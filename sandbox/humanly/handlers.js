'use strict';
/**
 * Humanly (Qualifi Gather) resources. Routes, envelopes and error codes are documented; the
 * [assumed] facts are those of nodes/Humanly/api.ts (bulk POSTs all or nothing with the entry index
 * in details.field, at most 100 per batch, paging shapes). Where neither says anything, the choice
 * is marked "sandbox choice". Handlers take `{ org, params, query (URLSearchParams), body }` and
 * return `{ status, data }` or throw an ApiError.
 */
const { randomUUID } = require('node:crypto');
const { ApiError } = require('../lib');
const { TEAM_LOOK, DAY_MS, seedInt } = require('./seed');

const PHONE_E164 = /^\+[1-9]\d{1,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DELIVERY_TYPES = ['email', 'sms'];
const INTERVIEW_STATUSES = ['draft', 'active', 'inactive'];
const CANDIDATE_INTERVIEW_STATUSES = ['invite_sent', 'new_response', 'has_reviewed', 'partially_completed', 'hired', 'archived'];
/** An invite in one of these states is closed: resending it makes no sense. */
const CLOSED_STATUSES = ['hired', 'archived'];
/** Sandbox choice: the docs give no default invite lifetime. */
const DEFAULT_EXPIRY_DAYS = 7;
const inOrg = (org) => (item) => item.organizationId === org;

const invalid = (field, reason) =>
	new ApiError(400, 'VALIDATION_ERROR', `${field} ${reason}`, { field, reason });

const notFound = (resource, id) =>
	new ApiError(404, 'NOT_FOUND', `${resource} not found`, { resource, id });

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isAbsent = (v) => v === undefined || v === null;

function requiredString(value, field) {
	if (typeof value !== 'string' || value.trim() === '') throw invalid(field, 'is required and must be a non-empty string');
	return value.trim();
}

function optionalString(value, field) {
	if (isAbsent(value)) return null;
	if (typeof value !== 'string') throw invalid(field, 'must be a string');
	return value;
}

function requiredEmail(value, field) {
	const email = requiredString(value, field);
	if (!EMAIL.test(email)) throw invalid(field, 'must be a valid email address');
	return email;
}

function optionalPhone(value, field) {
	if (isAbsent(value)) return null;
	if (typeof value !== 'string' || !PHONE_E164.test(value)) {
		throw invalid(field, 'must be an E.164 phone number such as +14155550100');
	}
	return value;
}

function optionalBoolean(value, field, fallback) {
	if (isAbsent(value)) return fallback;
	if (typeof value !== 'boolean') throw invalid(field, 'must be true or false');
	return value;
}

function optionalTimezone(value, field) {
	const timezone = optionalString(value, field);
	if (timezone === null) return null;
	try {
		// Intl rejects unknown IANA names, which is exactly the check a real API would make.
		new Intl.DateTimeFormat('en-US', { timeZone: timezone });
	} catch {
		throw invalid(field, 'must be an IANA time zone such as America/New_York');
	}
	return timezone;
}

function optionalIntInRange(value, field, min, max, fallback) {
	if (isAbsent(value)) return fallback;
	if (!Number.isInteger(value) || value < min || value > max) {
		throw invalid(field, `must be an integer from ${min} to ${max}`);
	}
	return value;
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
	if (!Number.isInteger(n) || n < 1 || n > max) {
		throw invalid(name, max === Infinity ? 'must be a positive integer' : `must be an integer from 1 to ${max}`);
	}
	return n;
}

/**
 * Validates a bulk body ({ users: [...] } / { teams: [...] }) entry by entry BEFORE anything is
 * stored: api.ts assumes all-or-nothing batches, so the first bad entry refuses the whole batch and
 * its index appears in details.field (e.g. users[3].email).
 */
function validateBatch(body, listKey, maxBatchSize, validateEntry) {
	const list = body[listKey];
	if (!Array.isArray(list) || list.length < 1 || list.length > maxBatchSize) {
		throw invalid(listKey, `must be an array of 1 to ${maxBatchSize} entries`);
	}
	return list.map((entry, i) => {
		const prefix = `${listKey}[${i}]`;
		if (!isObject(entry)) throw invalid(prefix, 'must be an object');
		return validateEntry(entry, prefix);
	});
}

/** Paging over an in-memory list. `sizeParam` is `pageSize` for candidates and `limit` elsewhere. */
function paginate(items, query, sizeParam, defaultSize) {
	const page = queryInt(query, 'page', 1);
	const size = queryInt(query, sizeParam, defaultSize, 100);
	const start = (page - 1) * size;
	return {
		page: items.slice(start, start + size),
		pagination: { page, [sizeParam]: size, total: items.length, totalPages: Math.ceil(items.length / size) },
	};
}

function createHandlers({ state, results, questions, now, maxBatchSize, baseUrl, notify }) {
	const timestamp = () => new Date(now()).toISOString();
	const ofOrg = (map, org) => [...map.values()].filter(inOrg(org));

	function findInOrg(map, id, org, resource) {
		const record = map.get(id);
		if (!record || record.organizationId !== org) throw notFound(resource, id);
		return record;
	}

	/** Invites carry no organizationId; they belong to the organization of their candidate. */
	function findCandidateInterview(id, org) {
		const record = state.candidateInterviews.get(id);
		if (!record || state.candidates.get(record.candidateId).organizationId !== org) {
			throw notFound('candidateInterview', id);
		}
		return record;
	}

	/** Emails are unique per organization (case-insensitive), also within one batch. */
	function uniqueEmailCheck(org) {
		const taken = new Set(ofOrg(state.users, org).map((u) => u.email.toLowerCase()));
		return (email, field) => {
			const key = email.toLowerCase();
			if (taken.has(key)) throw invalid(field, `${email} already exists in your organization`);
			taken.add(key);
		};
	}

	function teamSummary({ id, name, displayName, description, organizationId, createdAt, updatedAt }) {
		return { id, name, displayName, description, organizationId, createdAt, updatedAt };
	}

	function userView(user, includeTeams) {
		if (!includeTeams) return user;
		const { teamIds, ...rest } = user;
		return { ...rest, teams: teamIds.map((id) => teamSummary(state.teams.get(id))) };
	}

	// --- Users ---------------------------------------------------------------------------------

	function createUsers({ org, body }) {
		const claimEmail = uniqueEmailCheck(org);
		const entries = validateBatch(body, 'users', maxBatchSize, (entry, p) => {
			const valid = {
				firstName: requiredString(entry.firstName, `${p}.firstName`),
				lastName: requiredString(entry.lastName, `${p}.lastName`),
				email: requiredEmail(entry.email, `${p}.email`),
				phone: optionalPhone(entry.phone, `${p}.phone`),
				teamIds: entry.teamIds,
				createAuth0Account: optionalBoolean(entry.createAuth0Account, `${p}.createAuth0Account`, false),
			};
			if (!Array.isArray(valid.teamIds) || valid.teamIds.length === 0) {
				throw invalid(`${p}.teamIds`, 'is required and must contain at least one team id');
			}
			for (const teamId of valid.teamIds) {
				const t = state.teams.get(teamId);
				// Same answer for unknown and foreign ids: never reveal another organization's data.
				if (!t || t.organizationId !== org) {
					throw invalid(`${p}.teamIds`, `team ${teamId} does not belong to your organization`);
				}
			}
			claimEmail(valid.email, `${p}.email`);
			return valid;
		});
		const created = entries.map(({ createAuth0Account, teamIds, ...fields }) => {
			const at = timestamp();
			const record = {
				id: randomUUID(),
				...fields,
				isApiUser: !createAuth0Account,
				teamIds: [...new Set(teamIds)],
				organizationId: org,
				createdAt: at,
				updatedAt: at,
			};
			state.users.set(record.id, record);
			return record;
		});
		return { status: 201, data: { users: created } };
	}

	function listUsers({ org, query }) {
		const includeTeams = queryBoolean(query, 'includeTeams', true);
		const teamId = query.get('teamId');
		const users = ofOrg(state.users, org).filter((u) => !teamId || u.teamIds.includes(teamId));
		return { status: 200, data: { users: users.map((u) => userView(u, includeTeams)) } };
	}

	// --- Teams ---------------------------------------------------------------------------------

	function createTeams({ org, body }) {
		const takenNames = new Set(ofOrg(state.teams, org).map((t) => t.name.toLowerCase()));
		const entries = validateBatch(body, 'teams', maxBatchSize, (entry, p) => {
			const name = requiredString(entry.name, `${p}.name`);
			if (takenNames.has(name.toLowerCase())) throw invalid(`${p}.name`, `${name} already exists in your organization`);
			takenNames.add(name.toLowerCase());
			const userIds = isAbsent(entry.userIds) ? [] : entry.userIds;
			if (!Array.isArray(userIds)) throw invalid(`${p}.userIds`, 'must be an array of user ids');
			for (const userId of userIds) {
				const u = state.users.get(userId);
				if (!u || u.organizationId !== org) {
					throw invalid(`${p}.userIds`, `user ${userId} does not belong to your organization`);
				}
			}
			return {
				name,
				// Sandbox choice: only the name is required; displayName falls back to it.
				displayName: optionalString(entry.displayName, `${p}.displayName`) ?? name,
				description: optionalString(entry.description, `${p}.description`),
				userIds,
			};
		});
		const created = entries.map(({ userIds, ...fields }) => {
			const at = timestamp();
			const record = {
				id: randomUUID(),
				...fields,
				...TEAM_LOOK,
				organizationId: org,
				createdAt: at,
				updatedAt: at,
				archivedAt: null,
			};
			state.teams.set(record.id, record);
			// Membership lives on the user (user.teamIds), as the users listing shows it.
			for (const userId of userIds) {
				const u = state.users.get(userId);
				if (!u.teamIds.includes(record.id)) u.teamIds.push(record.id);
				u.updatedAt = at;
			}
			return record;
		});
		return { status: 201, data: { teams: created } };
	}

	function listTeams({ org, query }) {
		const userId = query.get('userId');
		const member = userId ? state.users.get(userId) : null;
		const teams = ofOrg(state.teams, org).filter((t) => !userId || (member && member.teamIds.includes(t.id)));
		return { status: 200, data: { teams } };
	}

	// --- Candidates ----------------------------------------------------------------------------

	function createCandidate({ org, body }) {
		const at = timestamp();
		const record = {
			id: randomUUID(),
			firstName: requiredString(body.firstName, 'firstName'),
			lastName: requiredString(body.lastName, 'lastName'),
			email: requiredEmail(body.email, 'email'),
			phone: optionalPhone(body.phone, 'phone'),
			externalId: optionalString(body.externalId, 'externalId'),
			timezone: optionalTimezone(body.timezone, 'timezone'),
			smsOptIn: optionalBoolean(body.smsOptIn, 'smsOptIn', false),
			archived: false,
			organizationId: org,
			createdAt: at,
			updatedAt: at,
		};
		state.candidates.set(record.id, record);
		return { status: 201, data: record };
	}

	function getCandidate({ org, params }) {
		return { status: 200, data: findInOrg(state.candidates, params.id, org, 'candidate') };
	}

	function listCandidates({ org, query }) {
		const archived = queryBoolean(query, 'archived', null);
		const externalId = query.get('externalId');
		const search = (query.get('search') || '').toLowerCase();
		const matches = ofOrg(state.candidates, org).filter(
			(c) =>
				(archived === null || c.archived === archived) &&
				(!externalId || c.externalId === externalId) &&
				(!search || [`${c.firstName} ${c.lastName}`, c.email].some((s) => s.toLowerCase().includes(search))),
		);
		const { page, pagination } = paginate(matches, query, 'pageSize', 10);
		return { status: 200, data: { candidates: page, pagination } };
	}

	// --- Interviews ----------------------------------------------------------------------------

	function getInterview({ org, params }) {
		return { status: 200, data: findInOrg(state.interviews, params.id, org, 'interview') };
	}

	function listInterviews({ org, query }) {
		const archived = queryBoolean(query, 'archived', null);
		const interviewType = query.get('interviewType');
		const status = query.get('status') ? oneOf(query.get('status'), 'status', INTERVIEW_STATUSES) : null;
		const matches = ofOrg(state.interviews, org).filter(
			(i) =>
				(archived === null || i.archived === archived) &&
				(!interviewType || i.interviewType === interviewType) &&
				(!status || i.status === status),
		);
		const { page, pagination } = paginate(matches, query, 'limit', 50);
		return { status: 200, data: { interviews: page, pagination } };
	}

	// --- Candidate interviews (invites) --------------------------------------------------------

	function createCandidateInterview({ org, body }) {
		const candidateId = requiredString(body.candidateId, 'candidateId');
		const interviewId = requiredString(body.interviewId, 'interviewId');
		const sendInvite = optionalBoolean(body.sendInvite, 'sendInvite', true);
		const deliveryTypes = isAbsent(body.deliveryTypes) ? ['email'] : body.deliveryTypes;
		if (!Array.isArray(deliveryTypes) || deliveryTypes.length === 0) {
			throw invalid('deliveryTypes', 'must be a non-empty array of email, sms');
		}
		deliveryTypes.forEach((type) => oneOf(type, 'deliveryTypes', DELIVERY_TYPES));
		const expiryDays = optionalIntInRange(body.expiryDays, 'expiryDays', 1, 90, DEFAULT_EXPIRY_DAYS);
		const externalRedirectUri = optionalString(body.externalRedirectUri, 'externalRedirectUri');
		if (externalRedirectUri !== null && !/^https?:\/\/[^\s]+$/.test(externalRedirectUri)) {
			throw invalid('externalRedirectUri', 'must be an http(s) URL');
		}

		const cand = findInOrg(state.candidates, candidateId, org, 'candidate');
		findInOrg(state.interviews, interviewId, org, 'interview');
		if (deliveryTypes.includes('sms')) {
			if (!cand.smsOptIn) throw invalid('deliveryTypes', 'sms is not allowed: the candidate has not opted in to SMS (smsOptIn is false)');
			if (!cand.phone) throw invalid('deliveryTypes', 'sms is not allowed: the candidate has no phone number');
		}

		const at = now();
		const id = randomUUID();
		const record = {
			id,
			candidateId,
			interviewId,
			status: 'invite_sent',
			deliveryTypes: [...new Set(deliveryTypes)],
			expiryDays,
			expiresAt: new Date(at + expiryDays * DAY_MS).toISOString(),
			externalRedirectUri,
			inviteUrl: `${baseUrl()}/invite/${id}`,
			inviteSentAt: sendInvite ? new Date(at).toISOString() : null,
			inviteCount: sendInvite ? 1 : 0,
			createdAt: new Date(at).toISOString(),
			updatedAt: new Date(at).toISOString(),
		};
		state.candidateInterviews.set(id, record);
		return { status: 201, data: record };
	}

	function getCandidateInterview({ org, params }) {
		return { status: 200, data: findCandidateInterview(params.id, org) };
	}

	function listCandidateInterviews({ org, query }) {
		const candidateId = query.get('candidateId');
		const interviewId = query.get('interviewId');
		const status = query.get('status') ? oneOf(query.get('status'), 'status', CANDIDATE_INTERVIEW_STATUSES) : null;
		const matches = [...state.candidateInterviews.values()].filter(
			(ci) =>
				state.candidates.get(ci.candidateId).organizationId === org &&
				(!candidateId || ci.candidateId === candidateId) &&
				(!interviewId || ci.interviewId === interviewId) &&
				(!status || ci.status === status),
		);
		const { page, pagination } = paginate(matches, query, 'limit', 50);
		return { status: 200, data: { candidateInterviews: page, pagination } };
	}

	/** What a candidate_interview.* webhook carries (sandbox choice: the docs show no example). */
	const inviteEvent = ({ id, candidateId, interviewId, status, updatedAt }, extra) => ({
		candidateInterviewId: id,
		candidateId,
		interviewId,
		status,
		updatedAt,
		...extra,
	});

	function updateCandidateInterviewStatus({ org, params, body }) {
		const record = findCandidateInterview(params.id, org);
		const previousStatus = record.status;
		record.status = oneOf(body.status, 'status', CANDIDATE_INTERVIEW_STATUSES);
		record.updatedAt = timestamp();
		if (record.status !== previousStatus) notify('candidate_interview.status_changed', inviteEvent(record, { previousStatus }));
		return { status: 200, data: record };
	}

	function getResults({ org, params }) {
		const record = findCandidateInterview(params.id, org);
		const result = results.get(record.id);
		if (!result) throw notFound('results', record.id);
		// The status is the invite's current one: a reviewer may have moved it on since completion.
		return { status: 200, data: { candidateInterviewId: record.id, status: record.status, ...result } };
	}

	function resendInvite({ org, params }) {
		const record = findCandidateInterview(params.id, org);
		if (now() >= Date.parse(record.expiresAt)) {
			throw invalid('expiresAt', `the invite expired at ${record.expiresAt}; create a new candidate interview`);
		}
		if (CLOSED_STATUSES.includes(record.status)) {
			throw invalid('status', `an invite with status ${record.status} cannot be resent`);
		}
		record.inviteCount += 1;
		record.inviteSentAt = timestamp();
		record.updatedAt = record.inviteSentAt;
		return { status: 200, data: record };
	}

	/** Test hook: the candidate answers every question; results become readable. */
	function completeInterview(candidateInterviewId) {
		const record = state.candidateInterviews.get(candidateInterviewId);
		if (!record) throw new Error(`Unknown candidate interview ${candidateInterviewId}`);
		const { questionIds } = state.interviews.get(record.interviewId);
		const responses = questionIds.map((questionId) => {
			const question = questions.get(questionId);
			return {
				questionId,
				question,
				transcript: `Sandbox answer to "${question}"`,
				score: seedInt(`${record.id}:${questionId}:score`, 40, 100),
				durationSeconds: seedInt(`${record.id}:${questionId}:duration`, 30, 150),
			};
		});
		const overallScore = Math.round(responses.reduce((sum, r) => sum + r.score, 0) / responses.length);
		record.status = 'new_response';
		record.updatedAt = timestamp();
		results.set(record.id, { overallScore, completedAt: record.updatedAt, responses });
		notify('candidate_interview.completed', inviteEvent(record, { overallScore, completedAt: record.updatedAt }));
		return record;
	}

	return {
		createUsers,
		listUsers,
		createTeams,
		listTeams,
		createCandidate,
		listCandidates,
		getCandidate,
		listInterviews,
		getInterview,
		createCandidateInterview,
		listCandidateInterviews,
		getCandidateInterview,
		updateCandidateInterviewStatus,
		getResults,
		resendInvite,
		completeInterview,
	};
}

module.exports = { createHandlers, invalid, notFound, isObject };

