'use strict';
/**
 * Local mock of the Humanly / Qualifi "Gather" API (shared/vendor-apis.md §3, nodes/Humanly/api.ts).
 *
 * The real API cannot be reached from our machines, so the node and its e2e tests run against this
 * server. It follows the documented contract (routes, envelopes, error codes, sliding-window rate
 * limits with X-RateLimit-* headers) and the [assumed] facts of nodes/Humanly/api.ts (bulk POSTs are
 * all or nothing with the entry index in details.field, max 100 per batch, paging shapes). Where
 * neither says anything, the choice is marked "sandbox choice" below.
 *
 * Node built-ins only, so `node sandbox/humanly.js [port]` works without installing anything.
 */
const http = require('node:http');
const { createHash, randomUUID } = require('node:crypto');
const { URL } = require('node:url');

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Seeded records get fixed timestamps so every run (and every reset) serves identical data. */
const SEED_EPOCH = Date.UTC(2024, 0, 1);

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
/** Sandbox choice: the docs give no default invite lifetime. */
const DEFAULT_EXPIRY_DAYS = 7;

// ---------------------------------------------------------------------------------------------
// Deterministic seed data
// ---------------------------------------------------------------------------------------------

/** A stable UUID-shaped id from a label, so seeded ids are constants tests and users can rely on. */
function seedId(label) {
	const hex = createHash('sha256').update(`humanly-sandbox:${label}`).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A stable small integer from a label (scores and durations of simulated results). */
function seedInt(label, min, max) {
	const n = createHash('sha256').update(label).digest().readUInt32BE(0);
	return min + (n % (max - min + 1));
}

const seedDate = (days) => new Date(SEED_EPOCH + days * DAY_MS).toISOString();

const ORG1 = seedId('org:1');
const ORG2 = seedId('org:2');
const API_KEYS = { qapi_sandbox_org1: ORG1, qapi_sandbox_org2: ORG2 };

function team(org, slug, name, displayName, description, day) {
	return {
		id: seedId(`team:${slug}`),
		name,
		displayName,
		description,
		logoUrl: null,
		accentColor: '1F6FEB',
		buttonColor: '0B5FFF',
		backgroundImage: null,
		organizationId: org,
		createdAt: seedDate(day),
		updatedAt: seedDate(day),
		archivedAt: null,
	};
}

function user(org, slug, firstName, lastName, phone, isApiUser, teamIds, day) {
	return {
		id: seedId(`user:${slug}`),
		firstName,
		lastName,
		email: `${firstName}.${lastName}@example.com`.toLowerCase(),
		phone,
		isApiUser,
		teamIds,
		organizationId: org,
		createdAt: seedDate(day),
		updatedAt: seedDate(day),
	};
}

/**
 * Org1 gets 25 candidates, enough for three pages of the default page size. The modulo rules give
 * a known mix: archived ones, SMS opt-ins, and two opt-ins without a phone (i = 9, 24) so the
 * "sms needs a phone" rule can be exercised.
 */
function org1Candidates() {
	const firstNames = ['Alex', 'Bailey', 'Casey', 'Devon', 'Emery'];
	const lastNames = ['Garcia', 'Nguyen', 'Okafor', 'Rossi', 'Schmidt'];
	const timezones = ['America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Europe/London'];
	return Array.from({ length: 25 }, (_, i) =>
		candidate(ORG1, `org1:${i}`, {
			firstName: firstNames[i % 5],
			lastName: lastNames[Math.floor(i / 5)],
			phone: i % 5 === 4 ? null : `+1415555${String(i).padStart(4, '0')}`,
			externalId: `ATS-${1000 + i}`,
			timezone: timezones[i % timezones.length],
			smsOptIn: i % 3 === 0,
			archived: i % 7 === 6,
			day: i,
		}),
	);
}

function candidate(org, slug, { firstName, lastName, phone, externalId, timezone, smsOptIn, archived, day }) {
	return {
		id: seedId(`candidate:${slug}`),
		firstName,
		lastName,
		email: `${firstName}.${lastName}@example.com`.toLowerCase(),
		phone,
		externalId,
		timezone,
		smsOptIn,
		archived,
		organizationId: org,
		createdAt: seedDate(day),
		updatedAt: seedDate(day),
	};
}

/** Interviews come with three questions each; the question texts live outside the interview record. */
function interview(org, slug, title, status, archived, day) {
	const questions = [
		`Tell us about your experience relevant to the ${title} role.`,
		`Why do you want to work as ${title}?`,
		'Describe a difficult situation at work and how you handled it.',
	].map((text, n) => ({ id: seedId(`question:${slug}:${n}`), text }));
	return {
		record: {
			id: seedId(`interview:${slug}`),
			title,
			displayName: title,
			interviewType: 'standard',
			description: `Screening interview for ${title} applicants.`,
			language: 'en',
			status,
			questionIds: questions.map((q) => q.id),
			archived,
			organizationId: org,
			createdAt: seedDate(day),
			updatedAt: seedDate(day),
		},
		questions,
	};
}

function buildSeed() {
	const teams = [
		team(ORG1, 'org1:engineering', 'Engineering Team', 'Engineering', 'Engineering and development team', 0),
		team(ORG1, 'org1:sales', 'Sales Team', 'Sales', null, 0),
		team(ORG1, 'org1:recruiting', 'Recruiting Team', 'Recruiting', 'Talent acquisition', 1),
		team(ORG2, 'org2:operations', 'Operations Team', 'Operations', 'Other organization', 0),
	];
	const [eng, sales, recruiting, org2Ops] = teams.map((t) => t.id);
	const users = [
		user(ORG1, 'org1:ava', 'Ava', 'Patel', '+14155550101', true, [eng], 2),
		user(ORG1, 'org1:marcus', 'Marcus', 'Lee', null, false, [sales], 3),
		user(ORG1, 'org1:priya', 'Priya', 'Shah', '+442071838750', true, [eng, recruiting], 4),
		user(ORG2, 'org2:olivia', 'Olivia', 'Brown', null, true, [org2Ops], 2),
	];
	const candidates = [
		...org1Candidates(),
		...[
			['Noah', 'Fischer'],
			['Mia', 'Tanaka'],
			['Liam', 'Murphy'],
		].map(([firstName, lastName], i) =>
			candidate(ORG2, `org2:${i}`, {
				firstName,
				lastName,
				phone: `+1212555${String(i).padStart(4, '0')}`,
				externalId: `OTHER-${i}`,
				timezone: 'America/New_York',
				smsOptIn: true,
				archived: false,
				day: i,
			}),
		),
	];
	const interviews = [
		interview(ORG1, 'org1:engineer', 'Software Engineer', 'active', false, 5),
		interview(ORG1, 'org1:sdr', 'Sales Development Representative', 'active', false, 6),
		interview(ORG1, 'org1:support', 'Customer Support Agent', 'inactive', false, 7),
		interview(ORG1, 'org1:warehouse', 'Warehouse Associate', 'draft', false, 8),
		interview(ORG1, 'org1:manager', 'Retail Store Manager', 'inactive', true, 9),
		interview(ORG1, 'org1:nurse', 'Registered Nurse', 'draft', true, 10),
		interview(ORG2, 'org2:driver', 'Delivery Driver', 'active', false, 5),
	];
	return { teams, users, candidates, interviews };
}

const SEED = buildSeed();
const inOrg = (org) => (record) => record.organizationId === org;

const HUMANLY_SANDBOX = {
	apiKey: 'qapi_sandbox_org1',
	otherOrgApiKey: 'qapi_sandbox_org2',
	teamIds: SEED.teams.filter(inOrg(ORG1)).map((t) => t.id),
	otherOrgTeamId: SEED.teams.find(inOrg(ORG2)).id,
	// Beyond the brief: e2e workflows need a known interview and candidates to send invites.
	interviewIds: SEED.interviews.map((i) => i.record).filter(inOrg(ORG1)).map((i) => i.id),
	candidateIds: SEED.candidates.filter(inOrg(ORG1)).map((c) => c.id),
};

// ---------------------------------------------------------------------------------------------
// Errors and validation
// ---------------------------------------------------------------------------------------------

/** Thrown anywhere in a handler; the server turns it into the documented error envelope. */
class ApiError extends Error {
	constructor(status, code, message, details) {
		super(message);
		this.status = status;
		this.code = code;
		this.details = details;
	}
}

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

// ---------------------------------------------------------------------------------------------
// Rate limiter: two sliding windows per key
// ---------------------------------------------------------------------------------------------

function createRateLimiter({ perMinute, perHour, now }) {
	const windows = [
		{ limit: perMinute, ms: MINUTE_MS },
		{ limit: perHour, ms: HOUR_MS },
	];
	/** bucket -> timestamps (ascending) of admitted requests within the longest window. */
	const hits = new Map();

	function windowState(stamps, t, { limit, ms }) {
		const inWindow = stamps.filter((s) => t - s < ms);
		// A slot frees when the oldest request in the window slides out of it.
		const resetMs = inWindow.length ? inWindow[0] + ms : t + ms;
		return { limit, remaining: Math.max(0, limit - inWindow.length), resetMs };
	}

	/** The window a client must respect: fewest remaining; on a tie the one that frees later. */
	function tighter(a, b) {
		if (a.remaining !== b.remaining) return a.remaining < b.remaining ? a : b;
		return a.resetMs >= b.resetMs ? a : b;
	}

	return {
		/** Admits or refuses one request; refused requests are not recorded, so they cost nothing. */
		take(bucket) {
			const t = now();
			const stamps = (hits.get(bucket) || []).filter((s) => t - s < HOUR_MS);
			const admitted = windows.every((w) => windowState(stamps, t, w).remaining > 0);
			if (admitted) stamps.push(t);
			hits.set(bucket, stamps);
			return { admitted, ...windows.map((w) => windowState(stamps, t, w)).reduce(tighter) };
		},
		reset: () => hits.clear(),
	};
}

function rateLimitHeaders({ limit, remaining, resetMs }) {
	return {
		'X-RateLimit-Limit': String(limit),
		'X-RateLimit-Remaining': String(remaining),
		'X-RateLimit-Reset': String(Math.ceil(resetMs / 1000)),
	};
}

// ---------------------------------------------------------------------------------------------
// The API: route handlers over the in-memory state
// ---------------------------------------------------------------------------------------------

function createApi({ state, results, questions, options, baseUrl }) {
	const { now, maxBatchSize } = options;
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
				logoUrl: null,
				accentColor: '1F6FEB',
				buttonColor: '0B5FFF',
				backgroundImage: null,
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

	function updateCandidateInterviewStatus({ org, params, body }) {
		const record = findCandidateInterview(params.id, org);
		record.status = oneOf(body.status, 'status', CANDIDATE_INTERVIEW_STATUSES);
		record.updatedAt = timestamp();
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
		return record;
	}

	const routes = [
		['POST', '/qsi/gather/users', createUsers],
		['GET', '/qsi/gather/users', listUsers],
		['POST', '/qsi/gather/teams', createTeams],
		['GET', '/qsi/gather/teams', listTeams],
		['POST', '/qsi/gather/candidates', createCandidate],
		['GET', '/qsi/gather/candidates', listCandidates],
		['GET', '/qsi/gather/candidates/{id}', getCandidate],
		['GET', '/qsi/gather/interviews', listInterviews],
		['GET', '/qsi/gather/interviews/{id}', getInterview],
		['POST', '/qsi/gather/candidate-interviews', createCandidateInterview],
		['GET', '/qsi/gather/candidate-interviews', listCandidateInterviews],
		['GET', '/qsi/gather/candidate-interviews/{id}', getCandidateInterview],
		['PATCH', '/qsi/gather/candidate-interviews/{id}/status', updateCandidateInterviewStatus],
		['GET', '/qsi/gather/candidate-interviews/{id}/results', getResults],
		['POST', '/qsi/gather/candidate-interviews/{id}/resend-invite', resendInvite],
	].map(([method, template, handler]) => ({
		name: `${method} ${template}`,
		method,
		pattern: new RegExp(`^${template.replace('{id}', '(?<id>[^/]+)')}$`),
		handler,
	}));

	function match(method, path) {
		for (const route of routes) {
			const m = route.method === method && route.pattern.exec(path);
			if (m) return { route, params: { id: m.groups && decodeURIComponent(m.groups.id) } };
		}
		return null;
	}

	return { match, completeInterview };
}

// ---------------------------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------------------------

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** Parsed JSON for the log and the handler; `error` marks a body that is not JSON. */
function parseBody(raw) {
	if (raw.trim() === '') return { value: {} };
	try {
		return { value: JSON.parse(raw) };
	} catch {
		return { value: raw, error: invalid('body', 'must be valid JSON') };
	}
}

function send(res, status, payload, headers) {
	const text = JSON.stringify(payload);
	res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
	res.end(text);
}

/** Rate-limit buckets are keyed by a hash so the mock never holds a presented key in clear. */
const bucketOf = (apiKey) => createHash('sha256').update(String(apiKey ?? '')).digest('hex');

async function startHumanlyMock(opts = {}) {
	const options = {
		host: '127.0.0.1',
		port: 0,
		perMinute: 100,
		perHour: 1000,
		maxBatchSize: 100,
		now: () => Date.now(),
		// An option passed as undefined keeps its default.
		...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)),
	};
	const { now } = options;
	const state = { users: new Map(), teams: new Map(), candidates: new Map(), interviews: new Map(), candidateInterviews: new Map() };
	const results = new Map(); // candidateInterviewId -> results, filled by completeInterview
	const questions = new Map(); // questionId -> text, for results
	const requests = [];
	const counters = { requests: 0, byRoute: {}, rejected429: 0 };
	const limiter = createRateLimiter(options);
	let forcedFailures = 0;
	let url = '';
	const api = createApi({ state, results, questions, options, baseUrl: () => url });

	/** Refills everything in place so references tests hold to state/requests/counters stay valid. */
	function reset() {
		Object.values(state).forEach((map) => map.clear());
		results.clear();
		questions.clear();
		const copy = structuredClone(SEED);
		copy.teams.forEach((t) => state.teams.set(t.id, t));
		copy.users.forEach((u) => state.users.set(u.id, u));
		copy.candidates.forEach((c) => state.candidates.set(c.id, c));
		copy.interviews.forEach(({ record, questions: qs }) => {
			state.interviews.set(record.id, record);
			qs.forEach((q) => questions.set(q.id, q.text));
		});
		requests.length = 0;
		Object.assign(counters, { requests: 0, byRoute: {}, rejected429: 0 });
		limiter.reset();
		forcedFailures = 0;
	}

	const meta = () => ({ requestId: randomUUID(), timestamp: new Date(now()).toISOString() });

	function errorPayload(err) {
		if (!(err instanceof ApiError)) console.error('[humanly sandbox] handler bug:', err);
		const e = err instanceof ApiError ? err : new ApiError(500, 'INTERNAL_ERROR', 'Internal server error');
		const error = { code: e.code, message: e.message, ...(e.details && { details: e.details }) };
		return { status: e.status, payload: { error, meta: meta() } };
	}

	/**
	 * Order: rate limit first (every request, 401s included, so the headers are on every answer),
	 * then an injected 500, auth, route, body, handler.
	 */
	function respond({ method, path, query, parsed, apiKey, match }) {
		const limit = limiter.take(bucketOf(apiKey));
		const headers = rateLimitHeaders(limit);
		try {
			if (!limit.admitted) {
				counters.rejected429 += 1;
				const resetAt = new Date(limit.resetMs).toISOString();
				throw new ApiError(429, 'RATE_LIMIT_EXCEEDED', 'Rate limit exceeded', { limit: limit.limit, remaining: limit.remaining, resetAt });
			}
			if (forcedFailures > 0) {
				forcedFailures -= 1;
				throw new ApiError(500, 'INTERNAL_ERROR', 'Internal server error');
			}
			if (!apiKey) throw new ApiError(401, 'UNAUTHORIZED', 'Missing authentication header');
			const org = API_KEYS[apiKey];
			if (!org) throw new ApiError(401, 'UNAUTHORIZED', 'Invalid API key');
			if (!match) throw notFound('route', `${method} ${path}`);
			if (parsed.error) throw parsed.error;
			if (!isObject(parsed.value)) throw invalid('body', 'must be a JSON object');
			const { status, data } = match.route.handler({ org, params: match.params, query, body: parsed.value });
			return { status, payload: { data, meta: meta() }, headers };
		} catch (err) {
			return { ...errorPayload(err), headers };
		}
	}

	const server = http.createServer(async (req, res) => {
		const raw = await readBody(req);
		const { pathname, searchParams } = new URL(req.url, 'http://sandbox');
		const parsed = parseBody(raw);
		// The log keeps what a test needs to assert on, and never headers: they carry the API key.
		const entry = {
			method: req.method,
			path: pathname,
			query: Object.fromEntries(searchParams),
			body: raw === '' ? undefined : parsed.value,
			status: 0,
			at: now(),
		};
		requests.push(entry);
		counters.requests += 1;
		const match = api.match(req.method, pathname);
		if (match) counters.byRoute[match.route.name] = (counters.byRoute[match.route.name] || 0) + 1;

		const { status, payload, headers } = respond({
			method: req.method,
			path: pathname,
			query: searchParams,
			parsed,
			apiKey: req.headers['x-api-key'],
			match,
		});
		entry.status = status;
		send(res, status, payload, headers);
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, resolve);
	});
	url = `http://${options.host}:${server.address().port}`;
	reset();

	return {
		url,
		requests,
		counters,
		state,
		completeInterview: api.completeInterview,
		fail500(n = 1) {
			forcedFailures = n;
		},
		reset,
		close() {
			// fetch keeps connections alive; drop them or close() waits for their idle timeout.
			server.closeAllConnections();
			return new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

/** The n8n credential (type and data) that signs in to a running mock: shared by tests and the start script. */
function humanlyCredential(mock, apiKey = HUMANLY_SANDBOX.apiKey) {
	return { type: 'humanlyApi', data: { apiKey, environment: 'custom', baseUrl: mock.url } };
}

module.exports = { startHumanlyMock, HUMANLY_SANDBOX, humanlyCredential };

if (require.main === module) {
	const port = Number(process.argv[2] || process.env.HUMANLY_SANDBOX_PORT || 0);
	startHumanlyMock({ port }).then((mock) => {
		console.log(`Humanly sandbox listening on ${mock.url} (credential: custom base URL)`);
		console.log(`API key: ${HUMANLY_SANDBOX.apiKey} (other organization: ${HUMANLY_SANDBOX.otherOrgApiKey})`);
		console.log(`Team ids: ${HUMANLY_SANDBOX.teamIds.join(', ')}`);
	});
}
