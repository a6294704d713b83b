'use strict';
/**
 * Deterministic fault plans shared by the three mocks (see README of the fault format in
 * sandbox/lib/index.js). A plan is a list of rules; every rule counts the requests that match its
 * method and path, and its selector says which of them it hits. When several rules hit one request,
 * the first in the plan applies.
 */
const { STATUS_TEXT } = require('./http');

const FAULT_TYPES = ['status', 'resetBefore', 'resetAfter', 'delay', 'spendWindow', 'revokeTokens'];
const STATUS_BODIES = ['vendor', 'html', 'empty', 'text'];
const RULE_KEYS = {
	common: ['method', 'path', 'pathRegex', 'nth', 'every', 'from', 'count', 'fault'],
	status: ['status', 'retryAfter', 'body', 'text'],
	delay: ['ms', 'processed'],
};

const isCount = (n) => Number.isInteger(n) && n >= 1;

function fail(index, message) {
	throw new Error(`fault plan rule ${index}: ${message}`);
}

/** Checks one rule and returns its working form; a typo fails loudly instead of never firing. */
function compile(rule, index, supported) {
	if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) fail(index, 'must be an object');
	const { fault } = rule;
	if (!FAULT_TYPES.includes(fault)) fail(index, `fault must be one of ${FAULT_TYPES.join(', ')}`);
	if (!supported.includes(fault)) fail(index, `this mock has no ${fault} fault`);
	const allowed = [...RULE_KEYS.common, ...(RULE_KEYS[fault] ?? [])];
	const unknown = Object.keys(rule).filter((key) => !allowed.includes(key));
	if (unknown.length) fail(index, `unknown field ${unknown.join(', ')} for fault ${fault}`);

	const selectors = ['nth', 'every', 'from'].filter((key) => rule[key] !== undefined);
	if (selectors.length > 1) fail(index, 'use one of nth, every, from');
	if (rule.nth !== undefined && !(Array.isArray(rule.nth) && rule.nth.every(isCount))) fail(index, 'nth must list whole numbers from 1');
	for (const key of ['every', 'from', 'count']) {
		if (rule[key] !== undefined && !isCount(rule[key])) fail(index, `${key} must be a whole number from 1`);
	}
	if (rule.count !== undefined && rule.from === undefined) fail(index, 'count needs from');
	if (rule.path !== undefined && rule.pathRegex !== undefined) fail(index, 'use path or pathRegex, not both');
	if (rule.path !== undefined && typeof rule.path !== 'string' && !(rule.path instanceof RegExp)) fail(index, 'path must be a string');

	if (fault === 'status') {
		if (!(Number.isInteger(rule.status) && rule.status >= 400 && rule.status <= 599)) fail(index, 'status must be 400-599');
		if (rule.body !== undefined && !STATUS_BODIES.includes(rule.body)) fail(index, `body must be one of ${STATUS_BODIES.join(', ')}`);
		const { retryAfter } = rule;
		const validRetry =
			retryAfter === undefined ||
			(typeof retryAfter === 'number' && retryAfter >= 0) ||
			(typeof retryAfter?.httpDate === 'number' && Object.keys(retryAfter).length === 1);
		if (!validRetry) fail(index, 'retryAfter must be seconds or { httpDate: secondsFromNow }');
	}
	if (fault === 'delay' && !(typeof rule.ms === 'number' && rule.ms >= 0)) fail(index, 'delay needs ms >= 0');

	let pathTest = () => true;
	if (typeof rule.path === 'string') pathTest = (path) => path === rule.path;
	else if (rule.path instanceof RegExp || rule.pathRegex !== undefined) {
		const regex = rule.path instanceof RegExp ? rule.path : new RegExp(rule.pathRegex);
		pathTest = (path) => regex.test(path);
	}
	const method = rule.method?.toUpperCase();
	return {
		...rule,
		seen: 0,
		matches: (m, path) => (!method || m === method) && pathTest(path),
		hits: (n) => {
			if (rule.nth) return rule.nth.includes(n);
			if (rule.every) return n % rule.every === 0;
			if (rule.from) return n >= rule.from && (rule.count === undefined || n < rule.from + rule.count);
			return true;
		},
		source: rule,
	};
}

/** `supported`: the fault types this mock can apply (revokeTokens only where there are tokens). */
function createFaults({ supported = FAULT_TYPES.filter((type) => type !== 'revokeTokens') } = {}) {
	let rules = [];
	const injected = Object.fromEntries(FAULT_TYPES.map((type) => [type, 0]));

	return {
		/** Counts per fault type since the last set() or reset; clear() keeps them for the test to read. */
		injected,
		get plan() {
			return rules.map((rule) => rule.source);
		},
		set(plan) {
			if (!Array.isArray(plan)) throw new Error('a fault plan is a list of rules');
			rules = plan.map((rule, index) => compile(rule, index, supported));
			for (const type of FAULT_TYPES) injected[type] = 0;
		},
		clear() {
			rules = [];
		},
		/** The rule that hits this request, if any. `path` is the pathname as the client sent it. */
		pick(method, path) {
			let chosen;
			for (const rule of rules) {
				if (!rule.matches(method, path)) continue;
				rule.seen += 1;
				if (!chosen && rule.hits(rule.seen)) chosen = rule;
			}
			if (chosen) injected[chosen.fault] += 1;
			return chosen;
		},
	};
}

/** The nginx page a gateway in front of the API answers with. */
const htmlPage = (status) => {
	const title = `${status} ${STATUS_TEXT[status] ?? 'Error'}`;
	return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
};

/**
 * The answer of a `status` fault. `vendorAnswer(status)` is the vendor's own error outcome; the
 * other bodies are what a gateway in front of it sends.
 */
function statusAnswer(rule, { now, vendorAnswer }) {
	const { status, retryAfter, body = 'vendor' } = rule;
	const headers = {};
	if (typeof retryAfter === 'number') headers['Retry-After'] = String(retryAfter);
	else if (retryAfter) headers['Retry-After'] = new Date(now() + retryAfter.httpDate * 1000).toUTCString();
	if (body === 'vendor') {
		const outcome = vendorAnswer(status);
		return { ...outcome, headers: { ...outcome.headers, ...headers } };
	}
	if (body === 'empty') return { status, headers };
	if (body === 'html') return { status, headers, text: htmlPage(status), contentType: 'text/html' };
	const text = rule.text ?? `${status} ${STATUS_TEXT[status] ?? 'Error'}`;
	return { status, headers, text, contentType: 'text/plain; charset=utf-8' };
}

module.exports = { createFaults, statusAnswer, FAULT_TYPES };
