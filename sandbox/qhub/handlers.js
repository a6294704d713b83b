'use strict';
/**
 * Q-Hub resources. Paging, the data set row limit and the entry time fields are read from
 * nodes/QHub/api.ts (vendorFacts), so a correction there reaches the mock too. Handlers take `{ params, query, body }`
 * and return `{ status, body }` or throw an ApiError; they collect every problem first, so one 400
 * tells the caller everything that is wrong.
 */
const crypto = require('node:crypto');
const { ApiError } = require('../lib');
const { vendorFacts } = require('../lib/vendorFacts');
const {
	FORMS,
	PROCESSES,
	PROCESS_STATUSES,
	SUBMITTERS,
	DAY_MS,
	formEntry,
	processEntry,
} = require('./seed');

const ACCESS_LEVELS = ['admin', 'standard', 'view'];
/** Access levels that take a licence seat; `view` is free. */
const SEATED_LEVELS = ['admin', 'standard'];
const { QHUB } = vendorFacts('QHub');
const { pageParam, sizeParam, maxPageSize: MAX_PER_PAGE, itemsField } = QHUB.paging;
const MAX_ROWS = QHUB.maxDataSetRows;
/** A 10 000-row mistake should not produce a 10 000-entry error body. */
const MAX_ROW_PROBLEMS = 10;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE_FORMAT = 'must be an ISO 8601 date (2026-01-31) or date-time (2026-01-31T09:00:00Z)';

// --- errors and input checks -------------------------------------------------------------------

const problem = (field, message) => ({ field, message });
const invalid = (problems) =>
	new ApiError(
		400,
		'validation_error',
		`Invalid request: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
		problems,
	);
function assertValid(problems) {
	if (problems.length > 0) throw invalid(problems);
}
const notFound = (resource, id) =>
	new ApiError(404, 'not_found', `${resource} ${id} was not found`);
const conflict = (message) => new ApiError(409, 'conflict', message);
const businessRule = (message) => new ApiError(409, 'business_rule', message);
const isPlainObject = (value) =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/** The request body as an object; no body counts as `{}` so required-field errors name the fields. */
function objectBody(body) {
	if (!isPlainObject(body ?? {})) throw invalid([problem('body', 'must be a JSON object')]);
	return body ?? {};
}

/** A PATCH body must change something, otherwise the caller has almost certainly made a mistake. */
function patchBody(body, fields) {
	const input = objectBody(body);
	if (fields.every((field) => input[field] === undefined))
		throw invalid([problem('body', `must contain at least one of ${fields.join(', ')}`)]);
	return input;
}

/** A name-like field: a non-empty string. PATCH bodies may leave it out, so `required` is per call. */
function checkNonEmpty(problems, input, field, { required, max } = {}) {
	const value = input[field];
	if (value === undefined) {
		if (required) problems.push(problem(field, 'is required'));
	} else if (typeof value !== 'string' || value.trim() === '')
		problems.push(problem(field, 'must be a non-empty string'));
	else if (max && value.trim().length > max)
		problems.push(problem(field, `must be at most ${max} characters`));
}

/** An optional free-text field: any string, or null to clear it. */
function checkNullableString(problems, input, field) {
	if (![undefined, null].includes(input[field]) && typeof input[field] !== 'string')
		problems.push(problem(field, 'must be a string or null'));
}

// --- query parameters: paging and date ranges --------------------------------------------------

function readPositiveInt(query, field, fallback, problems) {
	const raw = query[field];
	if (raw === undefined || raw === '') return fallback;
	if (/^\d+$/.test(raw) && Number(raw) >= 1) return Number(raw);
	problems.push(problem(field, 'must be a whole number of at least 1'));
	return fallback;
}

function readBoolean(query, field, problems) {
	const raw = query[field];
	if (raw === 'true' || raw === 'false' || raw === undefined || raw === '') return raw === 'true';
	problems.push(problem(field, 'must be true or false'));
	return false;
}

const ISO_DATE_OR_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/i;

/**
 * Milliseconds for an ISO date or date-time, NaN when invalid. A date-only bound covers the whole
 * day, so as an upper bound it means the day's last millisecond. Date.parse alone is not enough: it
 * rolls 2026-02-30 over to March and reads a date-time without offset as local time (we want UTC).
 */
function parseDateBound(text, { endOfDay = false } = {}) {
	const match = ISO_DATE_OR_DATE_TIME.exec(text);
	if (!match) return NaN;
	const [year, month, day, hours, minutes, seconds = 0] = match
		.slice(1, 7)
		.map((part) => (part === undefined ? undefined : Number(part)));
	const dayStart = Date.UTC(year, month - 1, day);
	const date = new Date(dayStart);
	if (
		date.getUTCFullYear() !== year ||
		date.getUTCMonth() !== month - 1 ||
		date.getUTCDate() !== day
	)
		return NaN;
	if (hours === undefined) return endOfDay ? dayStart + DAY_MS - 1 : dayStart;
	if (hours > 23 || minutes > 59 || seconds > 59) return NaN;
	return Date.parse(match[7] ? text : `${text}Z`);
}

function readDateRange(query, problems) {
	const read = (field, endOfDay) => {
		if (query[field] === undefined || query[field] === '') return undefined;
		const ms = parseDateBound(query[field], { endOfDay });
		if (Number.isNaN(ms)) problems.push(problem(field, DATE_FORMAT));
		return Number.isNaN(ms) ? undefined : ms;
	};
	const from = read('from', false);
	const to = read('to', true);
	if (from !== undefined && to !== undefined && from > to)
		problems.push(problem('from', 'must not be after to'));
	return { from: from ?? -Infinity, to: to ?? Infinity };
}

/**
 * Reads paging plus any list filters in one pass, so a single 400 reports every bad parameter, and
 * answers one page: `{ data, meta: { page, perPage, total, totalPages } }` (totalPages 0 when empty).
 */
function listPage(query, readFilters = () => ({})) {
	const problems = [];
	const page = readPositiveInt(query, pageParam, 1, problems);
	const perPage = readPositiveInt(query, sizeParam, 25, problems);
	if (perPage > MAX_PER_PAGE) problems.push(problem(sizeParam, `must be at most ${MAX_PER_PAGE}`));
	const filters = readFilters(problems);
	assertValid(problems);
	const meta = (items) => ({
		page,
		perPage,
		total: items.length,
		totalPages: Math.ceil(items.length / perPage),
	});
	return {
		filters,
		page: (items) =>
			ok({
				[itemsField]: items.slice((page - 1) * perPage, page * perPage),
				meta: meta(items),
			}),
	};
}

const ok = (body) => ({ status: 200, body });
const created = (body) => ({ status: 201, body });

/** The two entry kinds differ only in their catalogue, the id filter, the date they are filed by and their content. */
const ENTRY_KINDS = {
	form: {
		list: 'formEntries',
		idField: 'formId',
		dateField: QHUB.entryTimeField.formEntries,
		catalogue: FORMS,
		content: 'answers',
	},
	process: {
		list: 'processEntries',
		idField: 'processId',
		dateField: QHUB.entryTimeField.processEntries,
		catalogue: PROCESSES,
		content: 'fields',
	},
};
const byDateThenId = (dateField) => (a, b) =>
	a[dateField].localeCompare(b[dateField]) || a.id.localeCompare(b.id);

// --- resources ---------------------------------------------------------------------------------

function createHandlers(state, { seats, now }) {
	const nowIso = () => new Date(now()).toISOString();

	function newId(prefix, taken) {
		let id;
		do id = `${prefix}_${crypto.randomBytes(4).toString('hex')}`;
		while (taken.has(id));
		return id;
	}

	function find(map, resource, id) {
		if (!map.has(id)) throw notFound(resource, id);
		return map.get(id);
	}

	/** Location ids must name locations that exist (archived ones still exist; deleted ones do not). */
	function checkLocationIds(problems, value) {
		if (value === undefined || value === null) return [];
		if (!Array.isArray(value) || !value.every((id) => typeof id === 'string')) {
			problems.push(problem('locationIds', 'must be an array of location ids'));
			return [];
		}
		const unknown = value.filter((id) => !state.locations.has(id));
		if (unknown.length > 0)
			problems.push(problem('locationIds', `unknown location ids: ${unknown.join(', ')}`));
		return [...new Set(value)];
	}

	// Suspended users keep their seat: suspension keeps the account, it does not remove it.
	const seatsInUse = () =>
		[...state.users.values()].filter((u) => SEATED_LEVELS.includes(u.accessLevel)).length;

	function createUser({ body }) {
		const input = objectBody(body);
		const problems = [];
		checkNonEmpty(problems, input, 'firstName', { required: true });
		checkNonEmpty(problems, input, 'lastName', { required: true });
		if (typeof input.email !== 'string' || !EMAIL_PATTERN.test(input.email.trim()))
			problems.push(problem('email', 'must be a valid email address'));
		if (!ACCESS_LEVELS.includes(input.accessLevel))
			problems.push(problem('accessLevel', `must be one of ${ACCESS_LEVELS.join(', ')}`));
		const locationIds = checkLocationIds(problems, input.locationIds);
		assertValid(problems);

		const email = input.email.trim();
		if ([...state.users.values()].some((u) => u.email.toLowerCase() === email.toLowerCase())) {
			throw conflict(`A user with email ${email} already exists`);
		}
		if (SEATED_LEVELS.includes(input.accessLevel) && seatsInUse() >= seats) {
			const message = `Your licence tier allows ${seats} admin or standard users and all are in use. `;
			throw new ApiError(
				403,
				'licence_limit',
				`${message}Create the user with access level 'view' (no seat) or upgrade the licence.`,
			);
		}
		const at = nowIso();
		const user = {
			id: newId('usr', state.users),
			firstName: input.firstName.trim(),
			lastName: input.lastName.trim(),
			email,
			accessLevel: input.accessLevel,
			isAccountAdmin: false,
			locationIds,
			status: 'invited',
			// Q-Hub sends the onboarding email itself; the timestamp is how a caller can tell.
			invitationEmailSentAt: at,
			createdAt: at,
			updatedAt: at,
		};
		state.users.set(user.id, user);
		return created(user);
	}

	function suspendUser({ params }) {
		const user = find(state.users, 'User', params.id);
		if (user.isAccountAdmin) {
			throw businessRule(
				'The account admin cannot be suspended. Transfer the account admin role to another admin first.',
			);
		}
		// Idempotent, so a retried workflow does not fail on a user it already suspended.
		const at = nowIso();
		if (user.status !== 'suspended')
			Object.assign(user, { status: 'suspended', suspendedAt: at, updatedAt: at });
		return ok(user);
	}

	// --- locations -------------------------------------------------------------------------------

	/** True when `parentId` is `selfId` or one of its descendants (the tree would loop). */
	function makesCycle(parentId, selfId) {
		const seen = new Set();
		for (let id = parentId; id && !seen.has(id); id = state.locations.get(id)?.parentId) {
			if (id === selfId) return true;
			seen.add(id);
		}
		return false;
	}

	function locationProblems(input, { creating, selfId }) {
		const problems = [];
		checkNonEmpty(problems, input, 'name', { required: creating, max: 120 });
		checkNullableString(problems, input, 'code');
		checkNullableString(problems, input, 'address');
		const { parentId } = input;
		if (parentId === undefined || parentId === null) return problems;
		if (typeof parentId !== 'string')
			problems.push(problem('parentId', 'must be a location id or null'));
		else if (!state.locations.has(parentId))
			problems.push(problem('parentId', `location ${parentId} does not exist`));
		else if (makesCycle(parentId, selfId))
			problems.push(problem('parentId', 'cannot be the location itself or one of its descendants'));
		return problems;
	}

	/** Names are unique among live (non-archived) locations, ignoring case and outer spaces. */
	function assertNameFree(name, selfId) {
		const wanted = name.trim().toLowerCase();
		const clash = [...state.locations.values()].find(
			(l) => l.id !== selfId && l.status !== 'archived' && l.name.toLowerCase() === wanted,
		);
		if (clash) throw conflict(`A location named ${clash.name} already exists (${clash.id})`);
	}

	function applyLocationFields(location, input) {
		if (input.name !== undefined) location.name = input.name.trim();
		for (const field of ['code', 'address', 'parentId'])
			if (input[field] !== undefined) location[field] = input[field];
	}

	function listLocations({ query }) {
		const { filters, page } = listPage(query, (problems) => ({
			includeArchived: readBoolean(query, 'includeArchived', problems),
		}));
		const all = [...state.locations.values()];
		return page(filters.includeArchived ? all : all.filter((l) => l.status !== 'archived'));
	}

	function createLocation({ body }) {
		const input = objectBody(body);
		assertValid(locationProblems(input, { creating: true }));
		assertNameFree(input.name);
		const at = nowIso();
		const location = {
			id: newId('loc', state.locations),
			name: '',
			code: null,
			address: null,
			parentId: null,
			status: 'active',
		};
		Object.assign(location, { archivedAt: null, createdAt: at, updatedAt: at });
		applyLocationFields(location, input);
		state.locations.set(location.id, location);
		return created(location);
	}

	function updateLocation({ params, body }) {
		const location = find(state.locations, 'Location', params.id);
		if (location.status === 'archived')
			throw businessRule('Archived locations cannot be edited; restore it in Q-Hub first');
		const input = patchBody(body, ['name', 'code', 'address', 'parentId']);
		assertValid(locationProblems(input, { creating: false, selfId: location.id }));
		if (input.name !== undefined) assertNameFree(input.name, location.id);
		applyLocationFields(location, input);
		location.updatedAt = nowIso();
		return ok(location);
	}

	/** Archive hides a location from lists but keeps it and its user assignments (delete removes it). */
	function archiveLocation({ params }) {
		const location = find(state.locations, 'Location', params.id);
		const at = nowIso();
		if (location.status !== 'archived')
			Object.assign(location, { status: 'archived', archivedAt: at, updatedAt: at });
		return ok(location);
	}

	function deleteLocation({ params }) {
		const location = find(state.locations, 'Location', params.id);
		const assigned = [...state.users.values()].filter((u) =>
			u.locationIds.includes(location.id),
		).length;
		if (assigned > 0) {
			throw businessRule(
				`Location ${location.name} has ${assigned} assigned users and cannot be deleted. Archive it instead, or move the users first.`,
			);
		}
		// Deleting a parent would leave its children pointing at nothing.
		const children = [...state.locations.values()].filter((l) => l.parentId === location.id).length;
		if (children > 0) {
			throw businessRule(
				`Location ${location.name} has ${children} child locations and cannot be deleted. Move or delete them first.`,
			);
		}
		state.locations.delete(location.id);
		return { status: 204 };
	}

	// --- data sets -------------------------------------------------------------------------------

	/** Rows are flat objects: a value is a string, number, boolean or null, never an object or array. */
	function checkRows(problems, rows) {
		if (!Array.isArray(rows)) return problems.push(problem('rows', 'must be an array of objects'));
		if (rows.length > MAX_ROWS)
			return problems.push(problem('rows', `must contain at most ${MAX_ROWS} rows`));
		const rowProblems = rows.flatMap((row, i) => {
			if (!isPlainObject(row)) return [problem(`rows[${i}]`, 'must be an object')];
			return Object.entries(row)
				.filter(([, value]) => value !== null && typeof value === 'object')
				.map(([key]) => problem(`rows[${i}].${key}`, 'must be a string, number, boolean or null'));
		});
		problems.push(...rowProblems.slice(0, MAX_ROW_PROBLEMS));
	}

	function dataSetProblems(input, { creating }) {
		const problems = [];
		checkNonEmpty(problems, input, 'name', { required: creating });
		checkNullableString(problems, input, 'description');
		if (input.rows !== undefined) checkRows(problems, input.rows);
		else if (creating) problems.push(problem('rows', 'is required'));
		return problems;
	}

	/** Rows are stored but not echoed: a 10 000-row answer would be useless to a workflow. */
	function dataSetView({ rows, ...dataSet }) {
		return {
			...dataSet,
			columns: [...new Set(rows.flatMap((row) => Object.keys(row)))].sort(),
			rowCount: rows.length,
		};
	}

	function createDataSet({ body }) {
		const input = objectBody(body);
		assertValid(dataSetProblems(input, { creating: true }));
		const at = nowIso();
		const dataSet = {
			id: newId('ds', state.dataSets),
			name: input.name.trim(),
			description: input.description ?? null,
			rows: input.rows,
		};
		state.dataSets.set(dataSet.id, Object.assign(dataSet, { createdAt: at, updatedAt: at }));
		return created(dataSetView(dataSet));
	}

	function updateDataSet({ params, body }) {
		const dataSet = find(state.dataSets, 'Data set', params.id);
		const input = patchBody(body, ['name', 'description', 'rows']);
		assertValid(dataSetProblems(input, { creating: false }));
		if (input.name !== undefined) dataSet.name = input.name.trim();
		if (input.description !== undefined) dataSet.description = input.description;
		if (input.rows !== undefined) dataSet.rows = input.rows;
		dataSet.updatedAt = nowIso();
		return ok(dataSetView(dataSet));
	}

	// --- forms, processes and their entries (read only through the API) --------------------------

	const catalogue =
		(items) =>
		({ query }) =>
			listPage(query).page(items.map(({ id, name }) => ({ id, name })));

	const entryLister =
		({ list, idField, dateField }) =>
		({ query }) => {
			const { filters, page } = listPage(query, (problems) => readDateRange(query, problems));
			const id = query[idField];
			const matching = state[list].filter((entry) => {
				const at = Date.parse(entry[dateField]);
				return (!id || entry[idField] === id) && at >= filters.from && at <= filters.to;
			});
			return page(matching.sort(byDateThenId(dateField)));
		};

	/**
	 * A new entry, as if someone had just filled one in in Q-Hub: the next id of its kind, filed by its
	 * date (default: now on the mock's clock), so the lists stay sorted and a polling trigger sees it.
	 */
	function addEntry(kind, body) {
		const { list, idField, dateField, catalogue: items, content } = ENTRY_KINDS[kind];
		const input = objectBody(body);
		const problems = [];
		const source = items.find((item) => item.id === input[idField]);
		if (!source)
			problems.push(problem(idField, `must be one of ${items.map((item) => item.id).join(', ')}`));
		const ms = input[dateField] === undefined ? now() : parseDateBound(String(input[dateField]));
		if (Number.isNaN(ms)) problems.push(problem(dateField, DATE_FORMAT));
		if (input[content] !== undefined && !isPlainObject(input[content]))
			problems.push(problem(content, 'must be an object'));
		const { status = 'open' } = input;
		if (kind === 'process' && !PROCESS_STATUSES.includes(status))
			problems.push(problem('status', `must be one of ${PROCESS_STATUSES.join(', ')}`));
		assertValid(problems);

		const entries = state[list];
		const number = Math.max(0, ...entries.map((entry) => Number(entry.id.slice(3)))) + 1;
		const at = new Date(ms).toISOString();
		// Without answers (fields) of its own, the entry gets the form's (process's) generated ones.
		const filled = input[content] ?? source[content](number);
		const entry =
			kind === 'form'
				? formEntry(number, source, {
						submittedAt: at,
						submittedBy: { ...SUBMITTERS[0] },
						locationId: null,
						answers: filled,
					})
				: processEntry(number, source, {
						status,
						createdAt: at,
						completedAt: status === 'closed' ? at : null,
						locationId: null,
						fields: filled,
					});
		entries.push(entry);
		entries.sort(byDateThenId(dateField));
		return entry;
	}

	return {
		listUsers: ({ query }) => listPage(query).page([...state.users.values()]),
		createUser,
		suspendUser,
		listLocations,
		getLocation: ({ params }) => ok(find(state.locations, 'Location', params.id)),
		createLocation,
		updateLocation,
		archiveLocation,
		deleteLocation,
		createDataSet,
		updateDataSet,
		listForms: catalogue(FORMS),
		listProcesses: catalogue(PROCESSES),
		listFormEntries: entryLister(ENTRY_KINDS.form),
		listProcessEntries: entryLister(ENTRY_KINDS.process),
		addFormEntry: (body) => addEntry('form', body),
		addProcessEntry: (body) => addEntry('process', body),
	};
}

module.exports = { createHandlers, invalid, problem };
