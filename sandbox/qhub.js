'use strict';
/**
 * Local mock of the Q-Hub compliance API ("Q-Hub API (beta)").
 *
 * The real API cannot be reached from our machines, so the nodes are tested against this server.
 * Published facts (auth headers, 401/429/503 semantics, RateLimit-* headers) follow
 * shared/vendor-apis.md §1; every path and field name follows the [assumed] table in
 * nodes/QHub/api.ts, so a correction there must be mirrored here.
 *
 * Only node built-ins, so it runs from a bare checkout:
 *   node sandbox/qhub.js            (QHUB_HOST / QHUB_PORT override 127.0.0.1:4010)
 */
const http = require('node:http');
const crypto = require('node:crypto');
const { URL } = require('node:url');

const QHUB_SANDBOX = Object.freeze({ apiKey: 'qhub_sandbox_key', apiSecret: 'qhub_sandbox_secret' });

const DEFAULTS = Object.freeze({
	host: '127.0.0.1',
	port: 0,
	...QHUB_SANDBOX,
	limit: 25,
	windowMs: 15 * 60 * 1000,
	retryAfterOn429: true,
	seats: 10,
	now: () => Date.now(),
});

const PREFIX = '/v1';
const ACCESS_LEVELS = ['admin', 'standard', 'view'];
/** Access levels that take a licence seat; `view` is free. */
const SEATED_LEVELS = ['admin', 'standard'];
const DEFAULT_PER_PAGE = 25;
const MAX_PER_PAGE = 100;
const MAX_LOCATION_NAME = 120;
const MAX_ROWS = 10000;
/** A 10 000-row mistake should not produce a 10 000-entry error body. */
const MAX_ROW_PROBLEMS = 10;
const DAY_MS = 24 * 60 * 60 * 1000;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const LOCATION_FIELDS = ['name', 'code', 'address', 'parentId'];
const DATA_SET_FIELDS = ['name', 'description', 'rows'];

// ---------------------------------------------------------------------------------------------
// Errors: every failure is an ApiError carrying the documented `{ error, message, details? }` body.

class ApiError extends Error {
	constructor(status, code, message, details) {
		super(message);
		this.status = status;
		this.code = code;
		this.details = details;
	}

	toOutcome(headers = {}) {
		const body = { error: this.code, message: this.message };
		if (this.details) body.details = this.details;
		return { status: this.status, body, headers };
	}
}

const problem = (field, message) => ({ field, message });

function invalid(problems) {
	const summary = problems.map((p) => `${p.field} ${p.message}`).join('; ');
	return new ApiError(400, 'validation_error', `Invalid request: ${summary}`, problems);
}

/** Handlers collect every problem first so one 400 tells the caller everything that is wrong. */
function assertValid(problems) {
	if (problems.length > 0) throw invalid(problems);
}

const notFound = (resource, id) => new ApiError(404, 'not_found', `${resource} ${id} was not found`);
const conflict = (message) => new ApiError(409, 'conflict', message);
const businessRule = (message) => new ApiError(409, 'business_rule', message);

// ---------------------------------------------------------------------------------------------
// Input checks shared by the resources.

const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The request body as an object; no body counts as `{}` so required-field errors name the fields. */
function objectBody(body) {
	if (body === null) return {};
	if (!isPlainObject(body)) throw invalid([problem('body', 'must be a JSON object')]);
	return body;
}

/** A PATCH body must change something, otherwise the caller has almost certainly made a mistake. */
function patchBody(body, fields) {
	const input = objectBody(body);
	if (!fields.some((field) => input[field] !== undefined)) {
		throw invalid([problem('body', `must contain at least one of ${fields.join(', ')}`)]);
	}
	return input;
}

/** A name-like field: a non-empty string. PATCH bodies may leave it out, so `required` is per call. */
function checkNonEmpty(problems, input, field, { required, max } = {}) {
	const value = input[field];
	if (value === undefined) {
		if (required) problems.push(problem(field, 'is required'));
	} else if (typeof value !== 'string' || value.trim() === '') {
		problems.push(problem(field, 'must be a non-empty string'));
	} else if (max && value.trim().length > max) {
		problems.push(problem(field, `must be at most ${max} characters`));
	}
}

/** An optional free-text field: any string, or null to clear it. */
function checkNullableString(problems, input, field) {
	const value = input[field];
	if (value !== undefined && value !== null && typeof value !== 'string') {
		problems.push(problem(field, 'must be a string or null'));
	}
}

// ---------------------------------------------------------------------------------------------
// Query parameters: paging and date ranges.

function readPositiveInt(query, field, fallback, problems) {
	const raw = query[field];
	if (raw === undefined || raw === '') return fallback;
	if (!/^\d+$/.test(raw) || Number(raw) < 1) {
		problems.push(problem(field, 'must be a whole number of at least 1'));
		return fallback;
	}
	return Number(raw);
}

function readPaging(query, problems) {
	const page = readPositiveInt(query, 'page', 1, problems);
	const perPage = readPositiveInt(query, 'perPage', DEFAULT_PER_PAGE, problems);
	if (perPage > MAX_PER_PAGE) problems.push(problem('perPage', `must be at most ${MAX_PER_PAGE}`));
	return { page, perPage };
}

function readBoolean(query, field, problems) {
	const raw = query[field];
	if (raw === undefined || raw === '' || raw === 'false') return false;
	if (raw === 'true') return true;
	problems.push(problem(field, 'must be true or false'));
	return false;
}

/** `{ data, meta }` for one page; totalPages is 0 for an empty list. */
function pageOf(items, { page, perPage }) {
	const start = (page - 1) * perPage;
	return {
		data: items.slice(start, start + perPage),
		meta: { page, perPage, total: items.length, totalPages: Math.ceil(items.length / perPage) },
	};
}

const ISO_DATE_OR_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/i;

/**
 * Milliseconds for an ISO date or date-time, NaN when invalid. A date-only bound covers the whole
 * day, so as an upper bound it means the day's last millisecond. Date.parse alone is not enough: it
 * rolls 2026-02-30 over to March and reads a date-time without offset as local time (we want UTC).
 */
function parseDateBound(text, { endOfDay }) {
	const match = ISO_DATE_OR_DATE_TIME.exec(text);
	if (!match) return NaN;
	const [year, month, day, hours, minutes, seconds = 0] = match
		.slice(1, 7)
		.map((part) => (part === undefined ? undefined : Number(part)));
	const zone = match[7];
	const dayStart = Date.UTC(year, month - 1, day);
	const date = new Date(dayStart);
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
		return NaN;
	}
	if (hours === undefined) return endOfDay ? dayStart + DAY_MS - 1 : dayStart;
	if (hours > 23 || minutes > 59 || seconds > 59) return NaN;
	return Date.parse(zone ? text : `${text}Z`);
}

function readDateRange(query, problems) {
	const read = (field, endOfDay) => {
		const raw = query[field];
		if (raw === undefined || raw === '') return undefined;
		const ms = parseDateBound(raw, { endOfDay });
		if (!Number.isNaN(ms)) return ms;
		problems.push(problem(field, 'must be an ISO 8601 date (2026-01-31) or date-time (2026-01-31T09:00:00Z)'));
		return undefined;
	};
	const from = read('from', false);
	const to = read('to', true);
	if (from !== undefined && to !== undefined && from > to) problems.push(problem('from', 'must not be after to'));
	return { from: from ?? -Infinity, to: to ?? Infinity };
}

// ---------------------------------------------------------------------------------------------
// Seed data. Fixed timestamps and no randomness, so reports and tests see the same entries every run.

const SEED_CREATED_AT = '2025-06-01T08:00:00.000Z';
const ENTRIES_START = Date.parse('2026-01-01T09:00:00Z');
const FORM_ENTRY_COUNT = 120;
const PROCESS_ENTRY_COUNT = 45;

const seedTimestamps = { createdAt: SEED_CREATED_AT, updatedAt: SEED_CREATED_AT };

const SEED_ADMIN = {
	id: 'usr_admin001',
	firstName: 'Ada',
	lastName: 'Admin',
	email: 'admin@example.com',
	accessLevel: 'admin',
	isAccountAdmin: true,
	locationIds: [],
	status: 'active',
	...seedTimestamps,
};

/** Two sites for the entries to point at; they are ordinary locations (editable, deletable). */
const SEED_LOCATIONS = [
	{ id: 'loc_seed0001', name: 'Head Office', code: 'HO', address: '1 Market Street, Leeds LS1 1AA' },
	{ id: 'loc_seed0002', name: 'North Warehouse', code: 'NW', address: 'Unit 4, Dock Road, Hull HU1 2BB' },
];

/** Who submitted the seeded entries (historic staff: they are not in the user list). */
const SUBMITTERS = [
	{ id: 'usr_admin001', name: 'Ada Admin' },
	{ id: 'usr_seed0002', name: 'Sam Site' },
	{ id: 'usr_seed0003', name: 'Priya Patel' },
	{ id: 'usr_seed0004', name: 'Tom Okafor' },
];

const pick = (list, n) => list[n % list.length];

const FORMS = [
	{
		id: 'frm_incident',
		name: 'Incident Report',
		answers: (n) => ({
			severity: pick(['low', 'medium', 'high'], n),
			description: `Incident ${n}: ${pick(['slip in corridor', 'near miss with forklift', 'minor cut'], n)}`,
			injuryReported: n % 4 === 0,
		}),
	},
	{
		id: 'frm_audit',
		name: 'Site Audit',
		answers: (n) => {
			const score = 60 + ((n * 7) % 41);
			return { score, passed: score >= 75, actionsRaised: (n * 3) % 5 };
		},
	},
	{
		id: 'frm_training',
		name: 'Training Sign-off',
		answers: (n) => ({
			course: pick(['Fire Safety', 'Manual Handling', 'First Aid'], n),
			trainee: pick(SUBMITTERS, n + 1).name,
			signedOff: n % 5 !== 0,
		}),
	},
];

const PROCESSES = [
	{
		id: 'prc_onboarding',
		name: 'Onboarding',
		fields: (n) => ({
			employeeName: pick(['Lena Fischer', 'Omar Haddad', 'Grace Lee', 'Ravi Kumar'], n),
			role: pick(['Operative', 'Supervisor', 'Administrator'], n),
		}),
	},
	{
		id: 'prc_capa',
		name: 'Corrective Action',
		fields: (n) => ({
			issue: pick(['Fire door wedged open', 'Expired first-aid kit', 'Missing training record'], n),
			rootCause: pick(['process', 'people', 'equipment'], n),
			owner: pick(SUBMITTERS, n).name,
		}),
	},
];

const PROCESS_STATUSES = ['closed', 'in_progress', 'open'];

const entryId = (prefix, index) => `${prefix}_${String(index + 1).padStart(8, '0')}`;
const dayOffset = (index, extraDays = 0) => new Date(ENTRIES_START + (index + extraDays) * DAY_MS).toISOString();
/** Every third entry has no location, the rest alternate between the seeded sites. */
const seedLocationFor = (index) => (index % 3 === 0 ? null : pick(SEED_LOCATIONS, index).id);

function seedFormEntries() {
	return Array.from({ length: FORM_ENTRY_COUNT }, (_, index) => {
		const form = pick(FORMS, index);
		const ordinal = Math.floor(index / FORMS.length) + 1;
		return {
			id: entryId('fe', index),
			formId: form.id,
			formName: form.name,
			submittedAt: dayOffset(index),
			submittedBy: { ...pick(SUBMITTERS, index) },
			locationId: seedLocationFor(index),
			answers: form.answers(ordinal),
		};
	});
}

function seedProcessEntries() {
	return Array.from({ length: PROCESS_ENTRY_COUNT }, (_, index) => {
		const process = pick(PROCESSES, index);
		const status = pick(PROCESS_STATUSES, index);
		return {
			id: entryId('pe', index),
			processId: process.id,
			processName: process.name,
			status,
			createdAt: dayOffset(index),
			completedAt: status === 'closed' ? dayOffset(index, 3) : null,
			locationId: seedLocationFor(index),
			fields: process.fields(Math.floor(index / PROCESSES.length) + 1),
		};
	});
}

/** Refills `state` in place, so a test holding `mock.state` keeps seeing the live data after reset(). */
function seedState(state) {
	state.users.clear();
	state.users.set(SEED_ADMIN.id, structuredClone(SEED_ADMIN));
	state.locations.clear();
	for (const location of SEED_LOCATIONS) {
		state.locations.set(location.id, {
			...location,
			parentId: null,
			status: 'active',
			archivedAt: null,
			...seedTimestamps,
		});
	}
	state.dataSets.clear();
	state.formEntries.splice(0, Infinity, ...seedFormEntries());
	state.processEntries.splice(0, Infinity, ...seedProcessEntries());
}

// ---------------------------------------------------------------------------------------------
// Resources. Each handler takes `{ params, query, body }` and returns `{ status, body }` or throws.

const ok = (body) => ({ status: 200, body });
const created = (body) => ({ status: 201, body });

function createResources(state, { seats, now }) {
	const nowIso = () => new Date(now()).toISOString();

	function newId(prefix, taken) {
		let id;
		do id = `${prefix}_${crypto.randomBytes(4).toString('hex')}`;
		while (taken.has(id));
		return id;
	}

	function find(map, resource, id) {
		const item = map.get(id);
		if (!item) throw notFound(resource, id);
		return item;
	}

	/** Reads paging plus any list filters in one pass, so a single 400 reports every bad parameter. */
	function listPage(query, readFilters = () => ({})) {
		const problems = [];
		const paging = readPaging(query, problems);
		const filters = readFilters(problems);
		assertValid(problems);
		return { filters, page: (items) => ok(pageOf(items, paging)) };
	}

	// --- users -------------------------------------------------------------------------------

	/** Location ids must name locations that exist (archived ones still exist; deleted ones do not). */
	function checkLocationIds(problems, value) {
		if (value === undefined || value === null) return [];
		if (!Array.isArray(value) || !value.every((id) => typeof id === 'string')) {
			problems.push(problem('locationIds', 'must be an array of location ids'));
			return [];
		}
		const unknown = value.filter((id) => !state.locations.has(id));
		if (unknown.length > 0) problems.push(problem('locationIds', `unknown location ids: ${unknown.join(', ')}`));
		return [...new Set(value)];
	}

	// Suspended users keep their seat: suspension keeps the account, it does not remove it.
	const seatsInUse = () => [...state.users.values()].filter((u) => SEATED_LEVELS.includes(u.accessLevel)).length;

	function listUsers({ query }) {
		const { page } = listPage(query);
		return page([...state.users.values()]);
	}

	function createUser({ body }) {
		const input = objectBody(body);
		const problems = [];
		checkNonEmpty(problems, input, 'firstName', { required: true });
		checkNonEmpty(problems, input, 'lastName', { required: true });
		if (typeof input.email !== 'string' || !EMAIL_PATTERN.test(input.email.trim())) {
			problems.push(problem('email', 'must be a valid email address'));
		}
		if (!ACCESS_LEVELS.includes(input.accessLevel)) {
			problems.push(problem('accessLevel', `must be one of ${ACCESS_LEVELS.join(', ')}`));
		}
		const locationIds = checkLocationIds(problems, input.locationIds);
		assertValid(problems);

		const email = input.email.trim();
		const taken = [...state.users.values()].some((u) => u.email.toLowerCase() === email.toLowerCase());
		if (taken) throw conflict(`A user with email ${email} already exists`);
		if (SEATED_LEVELS.includes(input.accessLevel) && seatsInUse() >= seats) {
			throw new ApiError(
				403,
				'licence_limit',
				`Your licence tier allows ${seats} admin or standard users and all are in use. ` +
					"Create the user with access level 'view' (no seat) or upgrade the licence.",
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
		if (user.status !== 'suspended') {
			user.status = 'suspended';
			user.suspendedAt = nowIso();
			user.updatedAt = user.suspendedAt;
		}
		return ok(user);
	}

	// --- locations ---------------------------------------------------------------------------

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
		checkNonEmpty(problems, input, 'name', { required: creating, max: MAX_LOCATION_NAME });
		checkNullableString(problems, input, 'code');
		checkNullableString(problems, input, 'address');
		const { parentId } = input;
		if (parentId !== undefined && parentId !== null) {
			if (typeof parentId !== 'string') problems.push(problem('parentId', 'must be a location id or null'));
			else if (!state.locations.has(parentId)) problems.push(problem('parentId', `location ${parentId} does not exist`));
			else if (makesCycle(parentId, selfId)) {
				problems.push(problem('parentId', 'cannot be the location itself or one of its descendants'));
			}
		}
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
		for (const field of ['code', 'address', 'parentId']) {
			if (input[field] !== undefined) location[field] = input[field];
		}
	}

	function listLocations({ query }) {
		const { filters, page } = listPage(query, (problems) => ({
			includeArchived: readBoolean(query, 'includeArchived', problems),
		}));
		const all = [...state.locations.values()];
		return page(filters.includeArchived ? all : all.filter((l) => l.status !== 'archived'));
	}

	const getLocation = ({ params }) => ok(find(state.locations, 'Location', params.id));

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
			archivedAt: null,
			createdAt: at,
			updatedAt: at,
		};
		applyLocationFields(location, input);
		state.locations.set(location.id, location);
		return created(location);
	}

	function updateLocation({ params, body }) {
		const location = find(state.locations, 'Location', params.id);
		if (location.status === 'archived') {
			throw businessRule('Archived locations cannot be edited; restore it in Q-Hub first');
		}
		const input = patchBody(body, LOCATION_FIELDS);
		assertValid(locationProblems(input, { creating: false, selfId: location.id }));
		if (input.name !== undefined) assertNameFree(input.name, location.id);
		applyLocationFields(location, input);
		location.updatedAt = nowIso();
		return ok(location);
	}

	/** Archive hides a location from lists but keeps it and its user assignments (delete removes it). */
	function archiveLocation({ params }) {
		const location = find(state.locations, 'Location', params.id);
		if (location.status !== 'archived') {
			location.status = 'archived';
			location.archivedAt = nowIso();
			location.updatedAt = location.archivedAt;
		}
		return ok(location);
	}

	function deleteLocation({ params }) {
		const location = find(state.locations, 'Location', params.id);
		const assigned = [...state.users.values()].filter((u) => u.locationIds.includes(location.id)).length;
		if (assigned > 0) {
			throw businessRule(
				`Location ${location.name} has ${assigned} assigned users and cannot be deleted. ` +
					'Archive it instead, or move the users first.',
			);
		}
		// Not in the brief: deleting a parent would leave children pointing at nothing.
		const children = [...state.locations.values()].filter((l) => l.parentId === location.id).length;
		if (children > 0) {
			throw businessRule(
				`Location ${location.name} has ${children} child locations and cannot be deleted. ` +
					'Move or delete them first.',
			);
		}
		state.locations.delete(location.id);
		return { status: 204 };
	}

	// --- data sets ---------------------------------------------------------------------------

	/** Rows are flat objects: a value is a string, number, boolean or null, never an object or array. */
	function checkRows(problems, rows) {
		if (!Array.isArray(rows)) return problems.push(problem('rows', 'must be an array of objects'));
		if (rows.length > MAX_ROWS) return problems.push(problem('rows', `must contain at most ${MAX_ROWS} rows`));
		const rowProblems = [];
		rows.forEach((row, i) => {
			if (!isPlainObject(row)) {
				rowProblems.push(problem(`rows[${i}]`, 'must be an object'));
				return;
			}
			for (const [key, value] of Object.entries(row)) {
				if (value !== null && typeof value === 'object') {
					rowProblems.push(problem(`rows[${i}].${key}`, 'must be a string, number, boolean or null'));
				}
			}
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
		const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))].sort();
		return { ...dataSet, columns, rowCount: rows.length };
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
			createdAt: at,
			updatedAt: at,
		};
		state.dataSets.set(dataSet.id, dataSet);
		return created(dataSetView(dataSet));
	}

	function updateDataSet({ params, body }) {
		const dataSet = find(state.dataSets, 'Data set', params.id);
		const input = patchBody(body, DATA_SET_FIELDS);
		assertValid(dataSetProblems(input, { creating: false }));
		if (input.name !== undefined) dataSet.name = input.name.trim();
		if (input.description !== undefined) dataSet.description = input.description;
		if (input.rows !== undefined) dataSet.rows = input.rows;
		dataSet.updatedAt = nowIso();
		return ok(dataSetView(dataSet));
	}

	// --- form and process entries (read only) -----------------------------------------------

	/** One lister for both entry kinds: they differ only in the id filter and the date they are filed by. */
	function entryLister(entries, { idFilter, dateField }) {
		return ({ query }) => {
			const { filters, page } = listPage(query, (problems) => readDateRange(query, problems));
			const id = query[idFilter];
			const matching = entries()
				.filter((entry) => !id || entry[idFilter] === id)
				.filter((entry) => {
					const at = Date.parse(entry[dateField]);
					return at >= filters.from && at <= filters.to;
				})
				.sort((a, b) => a[dateField].localeCompare(b[dateField]));
			return page(matching);
		};
	}

	return {
		listUsers,
		createUser,
		suspendUser,
		listLocations,
		getLocation,
		createLocation,
		updateLocation,
		archiveLocation,
		deleteLocation,
		createDataSet,
		updateDataSet,
		listFormEntries: entryLister(() => state.formEntries, { idFilter: 'formId', dateField: 'submittedAt' }),
		listProcessEntries: entryLister(() => state.processEntries, { idFilter: 'processId', dateField: 'createdAt' }),
	};
}

// ---------------------------------------------------------------------------------------------
// Routing. Paths mirror QHUB.paths in nodes/QHub/api.ts.

function route(method, pattern, handler) {
	const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`);
	return { method, regex, handler };
}

function createRouter(resources) {
	const r = resources;
	const routes = [
		route('GET', '/users', r.listUsers),
		route('POST', '/users', r.createUser),
		route('POST', '/users/:id/suspend', r.suspendUser),
		route('GET', '/locations', r.listLocations),
		route('POST', '/locations', r.createLocation),
		route('GET', '/locations/:id', r.getLocation),
		route('PATCH', '/locations/:id', r.updateLocation),
		route('DELETE', '/locations/:id', r.deleteLocation),
		route('POST', '/locations/:id/archive', r.archiveLocation),
		route('POST', '/data-sets', r.createDataSet),
		route('PATCH', '/data-sets/:id', r.updateDataSet),
		route('GET', '/form-entries', r.listFormEntries),
		route('GET', '/process-entries', r.listProcessEntries),
	];

	return function dispatch(method, path, request) {
		for (const { method: m, regex, handler } of routes) {
			const match = m === method && path !== null ? regex.exec(path) : null;
			if (match) return handler({ ...request, params: decodeParams(match.groups) });
		}
		throw new ApiError(404, 'not_found', `No route ${method} ${request.pathname} (every route starts with ${PREFIX})`);
	};
}

function decodeParams(groups = {}) {
	const params = {};
	for (const [name, raw] of Object.entries(groups)) {
		try {
			params[name] = decodeURIComponent(raw);
		} catch {
			params[name] = raw;
		}
	}
	return params;
}

/** The path below /v1 (trailing slash ignored), or null when the request is outside the API. */
function apiPath(pathname) {
	const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
	return trimmed.startsWith(`${PREFIX}/`) ? trimmed.slice(PREFIX.length) : null;
}

// ---------------------------------------------------------------------------------------------
// Rate limit: a fixed window per API key that opens with the first counted request.

function createRateLimiter({ limit, windowMs, now }) {
	const windows = new Map(); // apiKey -> { startedAt, count }

	function current(key) {
		const window = windows.get(key);
		if (window && now() >= window.startedAt + windowMs) {
			windows.delete(key);
			return undefined;
		}
		return window;
	}

	const resetMs = (window) => window.startedAt + windowMs;
	const headers = (window) => ({
		'RateLimit-Limit': String(limit),
		'RateLimit-Remaining': String(Math.max(0, limit - window.count)),
		'RateLimit-Reset': String(Math.ceil(resetMs(window) / 1000)),
	});

	return {
		/** The open window when it is used up, else undefined. */
		exhausted(key) {
			const window = current(key);
			return window && window.count >= limit ? window : undefined;
		},
		/** Counts one request and returns the headers that describe the window after it. */
		count(key) {
			let window = current(key);
			if (!window) {
				window = { startedAt: now(), count: 0 };
				windows.set(key, window);
			}
			window.count += 1;
			return headers(window);
		},
		counted: (key) => current(key)?.count ?? 0,
		headers,
		resetMs,
		clear: () => windows.clear(),
	};
}

// ---------------------------------------------------------------------------------------------
// Server.

/** Compares through SHA-256 digests so the check takes the same time whatever the input length. */
function sameSecret(given, expected) {
	const digest = (value) => crypto.createHash('sha256').update(String(value)).digest();
	return crypto.timingSafeEqual(digest(given), digest(expected));
}

const AUTH_HINT =
	'Send both x-api-key and x-api-secret headers; keys are made in Admin > Dev centre > API keys.';

function authFailure(headers, { apiKey, apiSecret }) {
	const key = headers['x-api-key'];
	const secret = headers['x-api-secret'];
	if (!key || !secret) return new ApiError(401, 'unauthorized', `Missing API key or secret. ${AUTH_HINT}`);
	if (!sameSecret(key, apiKey) || !sameSecret(secret, apiSecret)) {
		return new ApiError(401, 'unauthorized', `Invalid API key or secret. ${AUTH_HINT}`);
	}
	return null;
}

const formatMinutes = (ms) => String(Number((ms / 60000).toFixed(2)));

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function parseJson(raw) {
	if (raw.trim() === '') return { body: null, badJson: false };
	try {
		return { body: JSON.parse(raw), badJson: false };
	} catch {
		return { body: null, badJson: true };
	}
}

function writeOutcome(res, requestId, { status, body, headers = {} }) {
	res.setHeader('X-Request-Id', requestId);
	for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
	if (status === 204) {
		res.writeHead(204);
		res.end();
		return;
	}
	const text = JSON.stringify(body);
	res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
	res.end(text);
}

function withDefaults(options) {
	const config = { ...DEFAULTS };
	for (const [name, value] of Object.entries(options)) if (value !== undefined) config[name] = value;
	return config;
}

async function startQHubMock(options = {}) {
	const config = withDefaults(options);
	const { now } = config;
	const state = { users: new Map(), locations: new Map(), dataSets: new Map(), formEntries: [], processEntries: [] };
	seedState(state);
	const dispatch = createRouter(createResources(state, config));
	const limiter = createRateLimiter(config);
	const requests = [];
	let requestCounter = 0;
	let outage = { remaining: 0, retryAfterSeconds: undefined };

	function rateLimited(window) {
		const headers = { ...limiter.headers(window), 'RateLimit-Remaining': '0' };
		const resetMs = limiter.resetMs(window);
		if (config.retryAfterOn429) headers['Retry-After'] = String(Math.max(1, Math.ceil((resetMs - now()) / 1000)));
		const message =
			`Rate limit exceeded: ${config.limit} requests per ${formatMinutes(config.windowMs)} minutes. ` +
			`The window resets at ${new Date(resetMs).toISOString()}.`;
		return new ApiError(429, 'rate_limited', message).toOutcome(headers);
	}

	function serviceUnavailable() {
		outage.remaining -= 1;
		const headers = {};
		if (outage.retryAfterSeconds !== undefined) headers['Retry-After'] = String(outage.retryAfterSeconds);
		const message = 'Q-Hub is experiencing a traffic spike. Usually operational again within ~5 minutes.';
		return new ApiError(503, 'service_unavailable', message).toOutcome(headers);
	}

	/** The gate order matters: 401, 503 and 429 are not counted; everything after them is. */
	function answer(req, request, path, badJson) {
		const denied = authFailure(req.headers, config);
		if (denied) return denied.toOutcome();
		if (outage.remaining > 0) return serviceUnavailable();
		const window = limiter.exhausted(config.apiKey);
		if (window) return rateLimited(window);

		let outcome;
		try {
			if (badJson) throw invalid([problem('body', 'must be valid JSON')]);
			outcome = dispatch(req.method, path, request);
		} catch (error) {
			if (!(error instanceof ApiError)) throw error;
			outcome = error.toOutcome();
		}
		return { ...outcome, headers: { ...outcome.headers, ...limiter.count(config.apiKey) } };
	}

	async function handle(req, res) {
		const requestId = `qh_req_${++requestCounter}`;
		try {
			const url = new URL(req.url, 'http://localhost');
			const path = apiPath(url.pathname);
			const { body, badJson } = parseJson(await readBody(req));
			const query = Object.fromEntries(url.searchParams);
			// Headers are never logged: they carry the API secret.
			const entry = { method: req.method, path: path ?? url.pathname, query, body, status: 0, at: now() };
			requests.push(entry);
			const outcome = answer(req, { query, body, pathname: url.pathname }, path, badJson);
			entry.status = outcome.status;
			writeOutcome(res, requestId, outcome);
		} catch (error) {
			// A bug in the mock, not a Q-Hub behaviour: say so loudly instead of hanging the client.
			writeOutcome(res, requestId, { status: 500, body: { error: 'internal_error', message: String(error) } });
		}
	}

	const server = http.createServer((req, res) => void handle(req, res));
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.port, config.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address();
	const urlHost = config.host.includes(':') ? `[${config.host}]` : config.host;

	return {
		url: `http://${urlHost}:${port}${PREFIX}`,
		requests,
		state,
		counted: () => limiter.counted(config.apiKey),
		/** The next `n` authenticated requests answer 503 (a later call replaces an earlier one). */
		fail503(n, { retryAfterSeconds } = {}) {
			outage = { remaining: n, retryAfterSeconds };
		},
		reset() {
			seedState(state);
			requests.length = 0;
			limiter.clear();
			outage = { remaining: 0, retryAfterSeconds: undefined };
		},
		close() {
			return new Promise((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				// fetch keeps connections alive; without this close() waits for them to time out.
				server.closeAllConnections();
			});
		},
	};
}

/** The n8n credential (type and data) that signs in to a running mock: shared by tests and the start script. */
function qhubCredential(mock) {
	return { type: 'qHubApi', data: { apiKey: QHUB_SANDBOX.apiKey, apiSecret: QHUB_SANDBOX.apiSecret, baseUrl: mock.url } };
}

module.exports = { startQHubMock, QHUB_SANDBOX, qhubCredential };

if (require.main === module) {
	const port = Number(process.env.QHUB_PORT || 4010);
	startQHubMock({ host: process.env.QHUB_HOST || '127.0.0.1', port }).then((mock) => {
		console.log(`Q-Hub mock listening: base URL ${mock.url}`);
		console.log(`API key ${QHUB_SANDBOX.apiKey}, API secret ${QHUB_SANDBOX.apiSecret}`);
		process.once('SIGINT', () => mock.close().then(() => process.exit(0)));
	});
}
