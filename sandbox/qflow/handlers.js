'use strict';
/**
 * The Qflow users API. Documented: the paths, the user fields (all strings), change password and
 * change username. [assumed] and read from nodes/Qflow/api.ts: the email query parameter, delete by
 * query id, paging answering a bare array, the password rules; [assumed] here as there: a
 * bare-number count, flat translations, `{ code, message }` error bodies, and PUT replacing the
 * whole user (`updateSendsWholeUser`). Handlers take `{ params, query, body }` and return an outcome.
 */
const crypto = require('node:crypto');
const { ApiError, vendorFacts } = require('../lib');
const { TRANSLATIONS } = require('./seed');

const { QFLOW } = vendorFacts('Qflow');
const { pageParam, sizeParam, maxPageSize: MAX_PAGE_SIZE } = QFLOW.paging;
const PASSWORD = QFLOW.password;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What Create gives an optional field that is not sent; PUT clears a left-out field to the same. */
const OPTIONAL_DEFAULTS = { timeZoneId: 'UTC', companyName: '', customData: '' };

const validation = (message) => new ApiError(400, 'validation', message);
const notFound = (message) => new ApiError(404, 'not_found', message);
const conflict = (message) => new ApiError(409, 'conflict', message);
const sameText = (a, b) => String(a).toLowerCase() === String(b).toLowerCase();
const ok = (body) => ({ status: 200, body });
const NO_CONTENT = { status: 204 };

/** An error text for a password that breaks the [assumed] rules of api.ts, else undefined. */
function passwordProblem(password) {
	if (typeof password !== 'string') return 'Password must be a string';
	if (password.length < PASSWORD.minLength || password.length > PASSWORD.maxLength) {
		return `Password must be ${PASSWORD.minLength}-${PASSWORD.maxLength} characters long`;
	}
	const missing = PASSWORD.mustContain.filter(({ pattern }) => !pattern.test(password));
	if (missing.length) return `Password must contain ${missing.map(({ what }) => what).join(', ')}`;
	return undefined;
}

function requireUuid(value, name = 'id') {
	if (typeof value !== 'string' || value === '') throw validation(`${name} is required`);
	if (!UUID_RE.test(value)) throw validation(`${name} '${value}' is not a valid GUID`);
	return value;
}

function requireString(body, name) {
	const value = body[name];
	if (typeof value !== 'string' || value.trim() === '') throw validation(`${name} is required`);
	return value;
}

/**
 * The user fields of a Create or PUT body: names and email required, the others strings (the wire
 * type of every user field) or left out, which gives them their default.
 */
function userFields(body) {
	const fields = {
		firstName: requireString(body, 'firstName'),
		lastName: requireString(body, 'lastName'),
		email: requireString(body, 'email'),
	};
	if (!/^[^\s@/]+@[^\s@/]+$/.test(fields.email))
		throw validation(`email '${fields.email}' is not a valid email address`);
	for (const [name, fallback] of Object.entries(OPTIONAL_DEFAULTS)) {
		const value = body[name];
		if (value !== undefined && value !== null && typeof value !== 'string')
			throw validation(`${name} must be a string`);
		fields[name] = value ?? fallback;
	}
	return fields;
}

function pageNumber(query, name, fallback, max) {
	if (query[name] === undefined) return fallback;
	const value = Number(query[name]);
	if (!Number.isInteger(value) || value < 1 || (max !== undefined && value > max)) {
		throw validation(`${name} must be an integer from 1${max === undefined ? '' : ` to ${max}`}`);
	}
	return value;
}

function createHandlers({ state, enterprisePin, revokeSessions }) {
	const findUser = (predicate) => [...state.users.values()].find(predicate);
	const findByEmail = (email) => findUser((user) => sameText(user.email, email));
	const findByUserName = (userName) => findUser((user) => sameText(user.userName, userName));

	function getUser(id) {
		const user = state.users.get(id);
		if (!user) throw notFound(`User ${id} not found`);
		return user;
	}

	function assertEmailFree(email, exceptId) {
		const holder = findByEmail(email);
		if (holder && holder.id !== exceptId)
			throw conflict(`A user with email ${email} already exists`);
	}

	function createUser({ body }) {
		const fields = userFields(body);
		if (body.password !== undefined) {
			const problem = passwordProblem(body.password);
			if (problem) throw validation(problem);
		}
		assertEmailFree(fields.email);
		const id = crypto.randomUUID();
		const user = { id, ...fields, userName: `${enterprisePin}/${fields.email}` };
		state.users.set(id, user);
		// Without a password the user exists but cannot sign in, as after an invitation.
		if (body.password !== undefined) state.passwords.set(id, body.password);
		return ok(user);
	}

	/** PUT replaces the record: a field left out is cleared. userName changes only via changeusername. */
	function replaceUser({ body }) {
		const user = getUser(requireUuid(body.id));
		const fields = userFields(body);
		assertEmailFree(fields.email, user.id);
		Object.assign(user, fields);
		return ok(user);
	}

	function deleteUser({ query }) {
		const user = getUser(requireUuid(query[QFLOW.deleteIdParam], QFLOW.deleteIdParam));
		state.users.delete(user.id);
		state.passwords.delete(user.id);
		state.trusted.delete(user.id);
		revokeSessions(user.id);
		return NO_CONTENT;
	}

	function changePassword({ body }) {
		const user = getUser(requireUuid(body.id));
		const oldPassword = requireString(body, 'oldPassword');
		const newPassword = requireString(body, 'newPassword');
		if (body.signOutAllSessions !== undefined && typeof body.signOutAllSessions !== 'boolean') {
			throw validation('signOutAllSessions must be a boolean');
		}
		if (state.passwords.get(user.id) !== oldPassword) throw validation('oldPassword is incorrect');
		const problem = passwordProblem(newPassword);
		if (problem) throw validation(problem);
		state.passwords.set(user.id, newPassword);
		if (body.signOutAllSessions) revokeSessions(user.id);
		return NO_CONTENT;
	}

	function changeUserName({ body }) {
		const oldUserName = requireString(body, 'oldUserName');
		const newUserName = requireString(body, 'newUserName');
		if (body.id !== undefined) requireUuid(body.id);
		const user = findByUserName(oldUserName);
		if (!user || (body.id !== undefined && body.id !== user.id))
			throw notFound(`User ${oldUserName} not found`);
		const holder = findByUserName(newUserName);
		if (holder && holder.id !== user.id)
			throw conflict(`A user with username ${newUserName} already exists`);
		user.userName = newUserName;
		return NO_CONTENT;
	}

	function listUsers({ query }) {
		const page = pageNumber(query, pageParam, 1);
		// [assumed] default page size when the caller sends none: the maximum.
		const pageSize = pageNumber(query, sizeParam, MAX_PAGE_SIZE, MAX_PAGE_SIZE);
		const sorted = [...state.users.values()].sort((a, b) => a.email.localeCompare(b.email));
		return ok(sorted.slice((page - 1) * pageSize, page * pageSize));
	}

	function userByEmail({ query }) {
		const email = query[QFLOW.emailParam];
		if (typeof email !== 'string' || email === '')
			throw validation(`${QFLOW.emailParam} is required`);
		const user = findByEmail(email);
		if (!user) throw notFound(`User with email ${email} not found`);
		return ok(user);
	}

	return {
		/** `<pin>/<email>` matches userName; enterprise users may also sign in with the bare email. */
		findLogin: (username) => findByUserName(username) ?? findByEmail(username),
		getUser: ({ params }) => ok(getUser(requireUuid(params.id))),
		listUsers,
		userByEmail,
		countUsers: () => ok(state.users.size),
		translations: () => ok(TRANSLATIONS),
		createUser,
		replaceUser,
		deleteUser,
		changePassword,
		changeUserName,
	};
}

module.exports = { createHandlers };
