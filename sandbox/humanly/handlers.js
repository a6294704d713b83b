'use strict';
/**
 * Humanly (Qualifi Gather) resources, answering as docs.humanly.io's pages show: the newer pages by
 * default, the older ones when `docs()` says "older" (numeric or string interview status, a wrapped
 * or bare interview, `userId` optional or required, every paged list's paging block in `meta` or in
 * `data`). Paths and [assumed] facts are those of nodes/Humanly/api.ts (read through vendorFacts);
 * where neither the pages nor api.ts say anything, the choice is marked "sandbox choice". Handlers
 * take `{ org, params, query (URLSearchParams), body }` and return `{ status, data, pagination? }`
 * or throw an ApiError at the first problem.
 */
const { randomUUID } = require('node:crypto');
const { ApiError, vendorFacts } = require('../lib');
const { TEAM_LOOK, DAY_MS, seedInt } = require('./seed');

const { HUMANLY } = vendorFacts('Humanly');
const PHONE_E164 = /^\+[1-9]\d{1,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_PATTERN = /^https?:\/\/[^\s]+$/;
/** An invite in one of these states is closed: resending it makes no sense (sandbox choice). */
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
/** The older page's status strings ([assumed] beyond "active", see api.ts). */
const STATUS_STRINGS = HUMANLY.interviewStatusNames.map((name) => name.toLowerCase());
const ARCHIVED_STATUS = STATUS_STRINGS.indexOf('archived');

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

const optionalUrl = (value, field) =>
	optional(
		value,
		field,
		null,
		(v) => typeof v === 'string' && URL_PATTERN.test(v),
		'must be an http(s) URL',
	);

/** An optional list of strings (absent: `fallback`). */
const optionalStrings = (value, field, fallback = []) =>
	optional(
		value,
		field,
		fallback,
		(v) => Array.isArray(v) && v.every((s) => typeof s === 'string' && s.trim() !== ''),
		'must be an array of non-empty strings',
	);

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

/** Paging over an in-memory list, by the list's paging rule in api.ts. */
function paginate(items, query, list) {
	const { pageParam, sizeParam, defaultPageSize, maxPageSize } = HUMANLY.paging[list];
	const page = queryInt(query, pageParam, 1);
	const size = queryInt(query, sizeParam, defaultPageSize, maxPageSize);
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

function createHandlers({ state, results, now, maxBatchSize, docs, notify }) {
	const timestamp = () => new Date(now()).toISOString();
	const newer = () => docs() === 'newer';
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

	/**
	 * A list answer. Narrators and (newer pages) candidate interviews are a bare `data` array; the
	 * others `data.<list>`. The paging block is in `meta.pagination` on the newer pages. On the older
	 * ones invites are keyed too and paging sits in `data.pagination`: no page shows that form, it is
	 * the one the node was first built to, kept so both forms are exercised end to end.
	 */
	function listAnswer(list, records, pagination) {
		const bare = list === 'narrators' || (list === 'candidateInterviews' && newer());
		if (bare) return { status: 200, data: records, pagination };
		const data = { [HUMANLY.lists[list]]: records };
		if (pagination && !newer()) return ok({ ...data, pagination });
		return { status: 200, data, pagination };
	}

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
		return listAnswer(
			'users',
			users.map((u) => userView(u, includeTeams)),
		);
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
		return listAnswer(
			'teams',
			ofOrg(state.teams, org).filter((t) => !userId || (member && member.teamIds.includes(t.id))),
		);
	}

	const teamAnswer = (team) => ok({ [HUMANLY.records.team]: team });

	/** [assumed] branding update: the team record's branding fields, colours as 6 hex digits. */
	function updateTeamBranding({ org, params, body }) {
		const team = findInOrg(state.teams, params.id, org, 'team');
		const changes = {};
		for (const field of HUMANLY.brandingFields) {
			if (!(field in body)) continue;
			const value = body[field];
			const colour = /Color$/.test(field);
			if (colour && !(typeof value === 'string' && HUMANLY.colourPattern.test(value)))
				throw invalid(field, 'must be 6 hex digits without #, such as 1F6FEB');
			if (!colour && value !== null && !(typeof value === 'string' && URL_PATTERN.test(value)))
				throw invalid(field, 'must be an http(s) URL or null');
			changes[field] = colour ? value.toUpperCase() : value;
		}
		if (Object.keys(changes).length === 0)
			throw invalid('body', `must set at least one of ${HUMANLY.brandingFields.join(', ')}`);
		Object.assign(team, changes, { updatedAt: timestamp() });
		return teamAnswer(team);
	}

	// --- candidates ----------------------------------------------------------------------------------

	function createCandidate({ org, body }) {
		const fields = {
			firstName: requiredString(body.firstName, 'firstName'),
			lastName: requiredString(body.lastName, 'lastName'),
			email: requiredEmail(body.email, 'email'),
			phone: optionalPhone(body.phone, 'phone'),
			resumeUrl: null,
			externalId: optionalString(body.externalId, 'externalId'),
			linkedInURL: null,
			source: 'api',
			timezone: optional(
				body.timezone,
				'timezone',
				null,
				isTimeZone,
				'must be an IANA time zone such as America/New_York',
			),
			smsOptIn: optionalBoolean(body.smsOptIn, 'smsOptIn', false),
		};
		const candidate = stamped(state.candidates, org, fields);
		candidate.archivedAt = null;
		return created(candidate);
	}

	/** `archived=true` includes archived records (documented); without it they are left out. */
	const visible = (query) => {
		const includeArchived = queryBoolean(query, 'archived', false);
		return (record) => includeArchived || record.archivedAt === null;
	};

	function listCandidates({ org, query }) {
		const externalId = query.get('externalId');
		const search = (query.get(HUMANLY.fields.candidateSearch) || '').toLowerCase();
		const matches = ofOrg(state.candidates, org)
			.filter(visible(query))
			.filter(
				(c) =>
					(!externalId || c.externalId === externalId) &&
					(!search ||
						[`${c.firstName} ${c.lastName}`, c.email].some((s) =>
							s.toLowerCase().includes(search),
						)),
			);
		const { page, pagination } = paginate(matches, query, 'candidates');
		return listAnswer('candidates', page, pagination);
	}

	// --- questions and narrators -------------------------------------------------------------------

	const narratorOf = (id, field) => {
		if (isAbsent(id)) return null;
		if (!state.narrators.has(id)) throw invalid(field, `narrator ${id} does not exist`);
		return id;
	};

	/** The creator: required on the older page, resolved from the key on the newer one. */
	function creatorOf(body, org) {
		if (isAbsent(body.userId) && newer())
			return ofOrg(state.users, org).find((u) => u.isApiUser)?.id ?? null;
		const userId = requiredString(body.userId, 'userId');
		if (state.users.get(userId)?.organizationId !== org)
			throw invalid('userId', `user ${userId} does not belong to your organization and team`);
		return userId;
	}

	function createQuestion({ org, body }) {
		const createdById = creatorOf(body, org);
		const title = requiredString(body.title, 'title');
		const questionScript = optionalString(body.questionScript, 'questionScript');
		const generateAudio = optionalBoolean(body.generateAudio, 'generateAudio', false);
		const audioURL = optionalUrl(body.audioURL, 'audioURL');
		if (generateAudio && !questionScript)
			throw invalid('questionScript', 'is required when generateAudio is true');
		if (!generateAudio && !audioURL && !questionScript)
			throw invalid('questionScript', 'or audioURL is required');
		const narrator = narratorOf(body.narratorId, 'narratorId');
		const question = stamped(state.questions, org, {
			title,
			description: optionalString(body.description, 'description'),
			audioURL,
			narratorId: narrator ?? (generateAudio ? [...state.narrators.keys()][0] : null),
			questionScript,
			teamId: null,
			createdById,
		});
		question.archivedAt = null;
		if (generateAudio) {
			// Sandbox choice: the audio is ready at once, and announced as the narrators page says.
			question.audioURL = `https://audio.sandbox.invalid/${question.id}.mp3`;
			notify('question.audio_generated', { questionId: question.id, audioURL: question.audioURL });
		}
		return created({ [HUMANLY.records.question]: question });
	}

	function createSurveyQuestion({ org, body }) {
		const questionType = oneOf(body.questionType, 'questionType', HUMANLY.surveyQuestionTypes);
		const options = optionalStrings(body.options, 'options', null);
		if (questionType === 'multiple_choice' && !(options && options.length >= 2))
			throw invalid('options', 'must hold at least two answers for a multiple_choice question');
		const question = stamped(state.surveyQuestions, org, {
			title: requiredString(body.title, 'title'),
			description: optionalString(body.description, 'description'),
			questionType,
			options: questionType === 'multiple_choice' ? options : null,
			createdById: ofOrg(state.users, org)[0]?.id ?? null,
		});
		question.archivedAt = null;
		return created({ [HUMANLY.records.surveyQuestion]: question });
	}

	function createAiTextQuestion({ org, body }) {
		const question = stamped(state.aiTextQuestions, org, {
			title: requiredString(body.title, 'title'),
			description: optionalString(body.description, 'description'),
			questionText: requiredString(body.questionText, 'questionText'),
			createdById: ofOrg(state.users, org)[0]?.id ?? null,
		});
		question.archivedAt = null;
		return created({ [HUMANLY.records.aiTextQuestion]: question });
	}

	const listQuestions = ({ org, query }) =>
		listAnswer('questions', ofOrg(state.questions, org).filter(visible(query)));

	const getQuestion = ({ org, params }) =>
		ok({ [HUMANLY.records.question]: findInOrg(state.questions, params.id, org, 'question') });

	function getNarrator({ params }) {
		const narrator = state.narrators.get(params.id);
		if (!narrator) throw notFound('narrator', params.id);
		return ok(narrator);
	}

	// --- interviews ----------------------------------------------------------------------------------

	/** The newer page's number, or the older page's string. */
	const statusOf = (interview) =>
		newer() ? interview.statusCode : STATUS_STRINGS[interview.statusCode];

	function interviewView(interview) {
		const { statusCode, questionIds, aiTextQuestionIds, ...rest } = interview;
		return {
			...rest,
			status: statusOf(interview),
			questions: questionIds.map((id, ordinal) => ({
				id,
				title: state.questions.get(id)?.title ?? null,
				ordinal,
			})),
			aiTextQuestionIds,
		};
	}

	/** Wrapped in `data.interview` on the newer page, the record itself on the older one. */
	const interviewAnswer = (interview, status = 200) => ({
		status,
		data: newer()
			? { [HUMANLY.records.interview]: interviewView(interview) }
			: interviewView(interview),
	});

	/**
	 * The status filter: the newer page's numbers. Sandbox choice: the older mode takes its strings and
	 * the numbers, since the older page's list of values is cut off after "activ…".
	 */
	function statusFilter(raw) {
		if (raw === null || raw === '') return null;
		const code = newer() ? Number(raw) : STATUS_STRINGS.indexOf(raw);
		if (Number.isInteger(code) && code >= 0 && code < STATUS_STRINGS.length) return code;
		if (!newer() && /^\d$/.test(raw) && Number(raw) < STATUS_STRINGS.length) return Number(raw);
		const allowed = newer()
			? HUMANLY.interviewStatusNames.map((name, n) => `${n} (${name})`)
			: STATUS_STRINGS;
		throw invalid('status', `must be one of ${allowed.join(', ')}`);
	}

	function listInterviews({ org, query }) {
		const interviewType = query.get('interviewType')
			? oneOf(query.get('interviewType'), 'interviewType', HUMANLY.interviewTypes)
			: null;
		const status = statusFilter(query.get('status'));
		const matches = ofOrg(state.interviews, org)
			.filter(visible(query))
			.filter(
				(i) =>
					(!interviewType || i.interviewType === interviewType) &&
					(status === null || i.statusCode === status),
			);
		const { page, pagination } = paginate(matches, query, 'interviews');
		return listAnswer('interviews', page.map(interviewView), pagination);
	}

	/** `teamId` overrides the key's team on the newer page; the sandbox checks it is the org's. */
	function getInterview({ org, params, query }) {
		const teamId = query.get('teamId');
		if (teamId && newer()) findInOrg(state.teams, teamId, org, 'team');
		return interviewAnswer(findInOrg(state.interviews, params.id, org, 'interview'));
	}

	function idsIn(map, value, field, org, what) {
		const ids = optionalStrings(value, field);
		assertAllInOrg(map, ids, org, field, what);
		return [...new Set(ids)];
	}

	function surveyQuestionsOf(value, org) {
		const list = optional(value, 'surveyQuestions', [], Array.isArray, 'must be an array');
		return list.map((entry, i) => {
			const field = `surveyQuestions[${i}]`;
			if (!isObject(entry)) throw invalid(field, 'must be an object { id, knockout }');
			const id = requiredString(entry.id, `${field}.id`);
			assertAllInOrg(state.surveyQuestions, [id], org, `${field}.id`, 'survey question');
			return { id, knockout: optionalBoolean(entry.knockout, `${field}.knockout`, false) };
		});
	}

	function createInterview({ org, body }) {
		const creatable = newer() ? HUMANLY.creatableInterviewTypes : HUMANLY.interviewTypes;
		const interviewType = isAbsent(body.interviewType)
			? 'standard'
			: oneOf(body.interviewType, 'interviewType', creatable);
		const title = requiredString(body.title, 'title');
		const interview = stamped(state.interviews, org, {
			title,
			displayName: optionalString(body.displayName, 'displayName') ?? title,
			interviewType,
			description: optionalString(body.description, 'description'),
			language: optionalString(body.language, 'language') ?? 'en',
			statusCode: 0,
			questionIds: idsIn(state.questions, body.questionIds, 'questionIds', org, 'question'),
			surveyQuestions: surveyQuestionsOf(body.surveyQuestions, org),
			aiTextQuestionIds: [],
			keywords: optionalStrings(body.keywords, 'keywords'),
			teamId: null,
		});
		interview.archivedAt = null;
		notify('interview.created', { interviewId: interview.id });
		return interviewAnswer(interview, 201);
	}

	/** Overwrite replaces a list, merge appends what is new (documented). */
	const combine = (mode, current, sent, key = (x) => x) =>
		mode === 'overwrite'
			? sent
			: [...current, ...sent.filter((x) => !current.some((c) => key(c) === key(x)))];

	/**
	 * `PATCH /interviews/bulk-update`. An unknown or foreign interview is an entry of `errors`
	 * (shape [assumed] in api.ts) and the others are still updated (sandbox choice).
	 */
	function bulkUpdateInterviews({ org, body }) {
		const interviewIds = optionalStrings(body.interviewIds, 'interviewIds', null);
		if (!interviewIds || interviewIds.length === 0)
			throw invalid('interviewIds', 'is required and must hold at least one interview id');
		const mode = oneOf(body.mode, 'mode', HUMANLY.bulkUpdateModes);
		const templateField = HUMANLY.fields.templateInterviewId;
		const templateId = optionalString(body[templateField], templateField);
		const template = templateId ? findInOrg(state.interviews, templateId, org, 'interview') : null;
		const title = optionalString(body.title, 'title');
		const displayName = optionalString(body.displayName, 'displayName');
		const keywords = optionalStrings(body.keywords, 'keywords', null);
		const removed = {
			keywords: optionalStrings(body.removedKeywords, 'removedKeywords'),
			questionIds: optionalStrings(body.removedQuestionIds, 'removedQuestionIds'),
			surveyQuestions: optionalStrings(body.removedSurveyQuestionIds, 'removedSurveyQuestionIds'),
			aiTextQuestionIds: optionalStrings(body.removedAITextQuestionIds, 'removedAITextQuestionIds'),
		};
		const errors = [];
		let updatedCount = 0;
		for (const id of [...new Set(interviewIds)]) {
			const interview = state.interviews.get(id);
			if (!interview || interview.organizationId !== org) {
				errors.push({
					[HUMANLY.bulkUpdateError.interviewId]: id,
					[HUMANLY.bulkUpdateError.message]: 'Interview not found',
				});
				continue;
			}
			if (template && template.id !== id) {
				interview.questionIds = combine(mode, interview.questionIds, template.questionIds);
				interview.surveyQuestions = combine(
					mode,
					interview.surveyQuestions,
					template.surveyQuestions,
					(q) => q.id,
				);
				interview.aiTextQuestionIds = combine(
					mode,
					interview.aiTextQuestionIds,
					template.aiTextQuestionIds,
				);
				interview.keywords = combine(mode, interview.keywords, template.keywords);
				interview.description = template.description;
				interview.language = template.language;
			}
			if (title) interview.title = title;
			if (displayName) interview.displayName = displayName;
			if (keywords) interview.keywords = combine(mode, interview.keywords, keywords);
			interview.keywords = interview.keywords.filter((k) => !removed.keywords.includes(k));
			interview.questionIds = interview.questionIds.filter((q) => !removed.questionIds.includes(q));
			interview.surveyQuestions = interview.surveyQuestions.filter(
				(q) => !removed.surveyQuestions.includes(q.id),
			);
			interview.aiTextQuestionIds = interview.aiTextQuestionIds.filter(
				(q) => !removed.aiTextQuestionIds.includes(q),
			);
			interview.updatedAt = timestamp();
			updatedCount += 1;
			notify('interview.updated', { interviewId: id });
		}
		return ok({
			success: errors.length === 0,
			updatedCount,
			errors,
			templateInterviewId: template?.id ?? null,
		});
	}

	// --- message groups ----------------------------------------------------------------------------

	const groupSummary = ({ messages, ...summary }) => summary;

	function createMessageGroup({ org, body }) {
		const messages = optional(body.messages, 'messages', [], Array.isArray, 'must be an array');
		const group = stamped(state.messageGroups, org, {
			title: requiredString(body.title, 'title'),
			status: 'PUBLISHED',
			type: oneOf(body.type, 'type', HUMANLY.messageGroupTypes),
			default: optionalBoolean(body.default, 'default', false),
			teamId: null,
			createdById: ofOrg(state.users, org)[0]?.id ?? null,
			messages: messages.map((message, i) => {
				const p = `messages[${i}]`;
				if (!isObject(message)) throw invalid(p, 'must be an object');
				return {
					id: randomUUID(),
					type: oneOf(message.type, `${p}.type`, HUMANLY.messageTypes),
					smsBody: optionalString(message.smsBody, `${p}.smsBody`),
					smsEnabled: optionalBoolean(message.smsEnabled, `${p}.smsEnabled`, false),
					emailSubject: optionalString(message.emailSubject, `${p}.emailSubject`),
					emailBody: optionalString(message.emailBody, `${p}.emailBody`),
					emailEnabled: optionalBoolean(message.emailEnabled, `${p}.emailEnabled`, false),
				};
			}),
		});
		group.archivedAt = null;
		return created({ [HUMANLY.records.messageGroup]: group });
	}

	// --- candidate interviews (invites) ------------------------------------------------------------

	/** The invite record as the candidate-interviews page shows it; delivery details stay inside. */
	const inviteView = ({ id, candidateId, interviewId, status, inviteToken, expiry, ...rest }) => ({
		id,
		candidateId,
		interviewId,
		status,
		inviteToken,
		expiry,
		inviteSentAt: rest.inviteSentAt,
		externalId: rest.externalId,
		createdAt: rest.createdAt,
		updatedAt: rest.updatedAt,
	});
	/** A list entry, as the list example shows it. */
	const inviteSummary = ({ id, candidateId, interviewId, status, inviteSentAt, createdAt }) => ({
		id,
		candidateId,
		interviewId,
		status,
		inviteSentAt,
		createdAt,
	});

	function deliveryTypesOf(value, candidate, fallback) {
		const deliveryTypes = value ?? fallback;
		if (!Array.isArray(deliveryTypes) || deliveryTypes.length === 0)
			throw invalid(
				'deliveryTypes',
				`must be a non-empty array of ${HUMANLY.deliveryTypes.join(', ')}`,
			);
		deliveryTypes.forEach((type) => oneOf(type, 'deliveryTypes', HUMANLY.deliveryTypes));
		if (deliveryTypes.includes('sms')) {
			if (!candidate.smsOptIn)
				throw invalid(
					'deliveryTypes',
					'sms is not allowed: the candidate has not opted in to SMS (smsOptIn is false)',
				);
			if (!candidate.phone)
				throw invalid('deliveryTypes', 'sms is not allowed: the candidate has no phone number');
		}
		return [...new Set(deliveryTypes)];
	}

	function createCandidateInterview({ org, body }) {
		const candidateId = requiredString(body.candidateId, 'candidateId');
		const interviewId = requiredString(body.interviewId, 'interviewId');
		const sendInvite = optionalBoolean(body.sendInvite, 'sendInvite', true);
		const isExpiry = (v) => Number.isInteger(v) && v >= 1 && v <= HUMANLY.maxExpiryDays;
		const expiryDays = optional(
			body.expiryDays,
			'expiryDays',
			DEFAULT_EXPIRY_DAYS,
			isExpiry,
			`must be an integer from 1 to ${HUMANLY.maxExpiryDays}`,
		);
		const externalRedirectUri = optionalUrl(body.externalRedirectUri, 'externalRedirectUri');
		const webhookField = HUMANLY.fields.inviteWebhookUrl;
		const webhookUrl = optionalUrl(body[webhookField], webhookField);
		const externalId = optionalString(body.externalId, 'externalId');

		const candidate = findInOrg(state.candidates, candidateId, org, 'candidate');
		findInOrg(state.interviews, interviewId, org, 'interview');
		const deliveryTypes = deliveryTypesOf(body.deliveryTypes, candidate, ['email']);
		const atMs = now();
		const at = new Date(atMs).toISOString();
		const id = randomUUID();
		const record = {
			id,
			candidateId,
			interviewId,
			status: 'invite_sent',
			inviteToken: randomUUID().replace(/-/g, ''),
			expiry: new Date(atMs + expiryDays * DAY_MS).toISOString(),
			inviteSentAt: sendInvite ? at : null,
			externalId,
			createdAt: at,
			updatedAt: at,
			// Not on the page's record: what the sandbox needs to behave (deliveries, the webhook).
			deliveryTypes,
			externalRedirectUri,
			webhookUrl,
			inviteCount: sendInvite ? 1 : 0,
		};
		state.candidateInterviews.set(id, record);
		return created(inviteView(record));
	}

	function listCandidateInterviews({ org, query }) {
		const candidateId = query.get('candidateId');
		const interviewId = query.get('interviewId');
		const status = query.get('status')
			? oneOf(query.get('status'), 'status', HUMANLY.candidateInterviewStatuses)
			: null;
		const matches = [...state.candidateInterviews.values()].filter(
			(ci) =>
				state.candidates.get(ci.candidateId).organizationId === org &&
				(!candidateId || ci.candidateId === candidateId) &&
				(!interviewId || ci.interviewId === interviewId) &&
				(!status || ci.status === status),
		);
		const { page, pagination } = paginate(matches, query, 'candidateInterviews');
		return listAnswer('candidateInterviews', page.map(inviteSummary), pagination);
	}

	/**
	 * A candidate_interview.* event: to the organization's URL and to the invite's own webhook. The
	 * completed event's data is the page's example; status_changed shows none (sandbox choice: the
	 * same fields without takenAt).
	 */
	function inviteEvent(event, record, extra = {}) {
		const { id, candidateId, interviewId, status } = record;
		const data = { candidateInterviewId: id, candidateId, interviewId, status, ...extra };
		notify(event, data, record.webhookUrl);
	}

	function updateCandidateInterviewStatus({ org, params, body }) {
		const record = findCandidateInterview(params.id, org);
		const previousStatus = record.status;
		const field = HUMANLY.fields.status;
		record.status = oneOf(body[field], field, HUMANLY.candidateInterviewStatuses);
		record.updatedAt = timestamp();
		if (record.status !== previousStatus) inviteEvent('candidate_interview.status_changed', record);
		return ok(inviteView(record));
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

	function resendInvite({ org, params, body }) {
		const record = findCandidateInterview(params.id, org);
		if (now() >= Date.parse(record.expiry))
			throw invalid(
				'expiry',
				`the invite expired at ${record.expiry}; create a new candidate interview`,
			);
		if (CLOSED_STATUSES.includes(record.status))
			throw invalid('status', `an invite with status ${record.status} cannot be resent`);
		const candidate = state.candidates.get(record.candidateId);
		record.deliveryTypes = deliveryTypesOf(body.deliveryTypes, candidate, record.deliveryTypes);
		record.inviteCount += 1;
		record.inviteSentAt = timestamp();
		record.updatedAt = record.inviteSentAt;
		return ok(inviteView(record));
	}

	/**
	 * Test hook: the candidate answers every question; results become readable. `summaryStatus`
	 * (default complete) says how far the summary got: only "complete" has a summary and a score card.
	 */
	function completeInterview(candidateInterviewId, { summaryStatus = 'complete' } = {}) {
		const record = state.candidateInterviews.get(candidateInterviewId);
		if (!record) throw new Error(`Unknown candidate interview ${candidateInterviewId}`);
		oneOf(summaryStatus, 'summaryStatus', HUMANLY.summaryStatuses);
		const questionIds = state.interviews.get(record.interviewId).questionIds;
		const scoreOf = (questionId) => seedInt(`${record.id}:${questionId}:score`, 40, 100);
		const takenAt = timestamp();
		Object.assign(record, { status: 'new_response', updatedAt: takenAt });
		results.set(record.id, {
			takenAt,
			transcriptions: questionIds.map((questionId) => ({
				questionId,
				question: state.questions.get(questionId)?.questionScript ?? null,
				transcript: `Sandbox answer to "${state.questions.get(questionId)?.title}"`,
				durationSeconds: seedInt(`${record.id}:${questionId}:duration`, 30, 150),
			})),
			scores: questionIds.map((questionId) => ({ questionId, score: scoreOf(questionId) })),
			ratings: [],
			summaryStatus,
			summary: null,
			scoreCard: null,
		});
		if (summaryStatus === 'complete') finishSummary(record.id);
		inviteEvent('candidate_interview.completed', record, { takenAt });
		return inviteView(record);
	}

	/** Test hook: a summary that was processing is generated now, with its score card. */
	function finishSummary(candidateInterviewId) {
		const result = results.get(candidateInterviewId);
		if (!result) throw new Error(`No results for ${candidateInterviewId}`);
		const overall = Math.round(
			result.scores.reduce((sum, s) => sum + s.score, 0) / result.scores.length,
		);
		Object.assign(result, {
			summaryStatus: 'complete',
			summary: `The candidate answered ${result.scores.length} questions; overall score ${overall}.`,
			scoreCard: { evaluationType: 'ai_generated', overallScore: overall },
		});
	}

	return {
		createUsers,
		listUsers,
		createTeams,
		listTeams,
		getTeam: ({ org, params }) => teamAnswer(findInOrg(state.teams, params.id, org, 'team')),
		updateTeamBranding,
		createCandidate,
		listCandidates,
		getCandidate: ({ org, params }) => ok(findInOrg(state.candidates, params.id, org, 'candidate')),
		createQuestion,
		createSurveyQuestion,
		createAiTextQuestion,
		listQuestions,
		getQuestion,
		listNarrators: () => listAnswer('narrators', [...state.narrators.values()]),
		getNarrator,
		createInterview,
		listInterviews,
		getInterview,
		bulkUpdateInterviews,
		createMessageGroup,
		listMessageGroups: ({ org }) =>
			listAnswer('messageGroups', ofOrg(state.messageGroups, org).map(groupSummary)),
		getMessageGroup: ({ org, params }) =>
			ok({
				[HUMANLY.records.messageGroup]: findInOrg(
					state.messageGroups,
					params.id,
					org,
					'messageGroup',
				),
			}),
		createCandidateInterview,
		listCandidateInterviews,
		getCandidateInterview: ({ org, params }) =>
			ok(inviteView(findCandidateInterview(params.id, org))),
		updateCandidateInterviewStatus,
		getResults,
		resendInvite,
		completeInterview,
		finishSummary,
	};
}

module.exports = { createHandlers, invalid, notFound, isObject };
