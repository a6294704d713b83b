'use strict';
/**
 * Deterministic fault plans, shared by the three mocks: `mock.faults.set(plan)`, or
 * `POST /__sandbox/faults` with the plan as JSON. A plan is a list of rules:
 *
 *   { method?: 'POST', path?: '/v1/users' (exact) | pathRegex?: '^/v1/users/[^/]+$',
 *     nth?: [3, 7] | every?: 5 | from?: 10, count?: 3      (none: every matching request)
 *     fault: 'status', status: 503, retryAfter?: 5 | { httpDate: 30 }, body?: 'vendor' | 'html' | 'empty' | 'text', text?
 *          | 'resetBefore' | 'resetAfter' | 'delay', ms, processed? | 'spendWindow' | 'revokeTokens' }
 *
 * The path is the pathname as the client sent it (with the vendor's prefix, without the query).
 * Every rule counts the requests matching its method and path (from 1, since set()); its selector
 * picks which of them it hits. When several rules hit one request, the first in the plan applies.
 */
const { STATUS_TEXT } = require('./http');

const FAULT_TYPES = ['status', 'resetBefore', 'resetAfter', 'delay', 'spendWindow', 'revokeTokens'];
const STATUS_BODIES = ['vendor', 'html', 'empty', 'text'];
const FIELDS = { status: ['status', 'retryAfter', 'body', 'text'], delay: ['ms', 'processed'] };
const COMMON_FIELDS = ['method', 'path', 'pathRegex', 'nth', 'every', 'from', 'count', 'fault'];
const isCount = (n) => Number.isInteger(n) && n >= 1;
const isSeconds = (n) => typeof n === 'number' && n >= 0;

/** The problem with a rule, or undefined: a typo must fail loudly, not leave a fault that never fires. */
function ruleProblem(rule, supported) {
	if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) return 'must be an object';
	const { fault } = rule;
	if (!FAULT_TYPES.includes(fault)) return `fault must be one of ${FAULT_TYPES.join(', ')}`;
	if (!supported.includes(fault)) return `this mock has no ${fault} fault`;
	const unknown = Object.keys(rule).filter(
		(key) => ![...COMMON_FIELDS, ...(FIELDS[fault] ?? [])].includes(key),
	);
	if (unknown.length) return `unknown field ${unknown.join(', ')} for fault ${fault}`;
	if (['nth', 'every', 'from'].filter((key) => rule[key] !== undefined).length > 1)
		return 'use one of nth, every, from';
	if (rule.nth !== undefined && !(Array.isArray(rule.nth) && rule.nth.every(isCount)))
		return 'nth must list whole numbers from 1';
	const badCount = ['every', 'from', 'count'].find(
		(key) => rule[key] !== undefined && !isCount(rule[key]),
	);
	if (badCount) return `${badCount} must be a whole number from 1`;
	if (rule.count !== undefined && rule.from === undefined) return 'count needs from';
	if (rule.path !== undefined && rule.pathRegex !== undefined)
		return 'use path or pathRegex, not both';
	if (rule.path !== undefined && typeof rule.path !== 'string')
		return 'path must be a string (pathRegex for a pattern)';
	if (
		fault === 'status' &&
		!(Number.isInteger(rule.status) && rule.status >= 400 && rule.status <= 599)
	)
		return 'status must be 400-599';
	if (rule.body !== undefined && !STATUS_BODIES.includes(rule.body))
		return `body must be one of ${STATUS_BODIES.join(', ')}`;
	const { retryAfter: retry } = rule;
	if (
		retry !== undefined &&
		!isSeconds(retry) &&
		!(isSeconds(retry?.httpDate) && Object.keys(retry).length === 1)
	) {
		return 'retryAfter must be seconds or { httpDate: secondsFromNow }';
	}
	if (fault === 'delay' && !isSeconds(rule.ms)) return 'delay needs ms >= 0';
	return undefined;
}

function compile(rule, index, supported) {
	const problem = ruleProblem(rule, supported);
	if (problem) throw new Error(`fault plan rule ${index}: ${problem}`);
	const method = rule.method?.toUpperCase();
	const regex = rule.pathRegex === undefined ? undefined : new RegExp(rule.pathRegex);
	const { nth, every, from, count = Infinity } = rule;
	return {
		rule,
		seen: 0,
		matches: (m, path) =>
			(!method || m === method) &&
			(regex ? regex.test(path) : rule.path === undefined || rule.path === path),
		hits: (n) =>
			nth ? nth.includes(n) : every ? n % every === 0 : from ? n >= from && n < from + count : true,
	};
}

/** `supported`: the fault types this mock can apply (revokeTokens only where there are tokens). */
function createFaults({ supported = FAULT_TYPES.filter((type) => type !== 'revokeTokens') } = {}) {
	let rules = [];
	const injected = Object.fromEntries(FAULT_TYPES.map((type) => [type, 0]));
	return {
		/** Counts per fault type since the last set(); clear() keeps them for the test to read. */
		injected,
		get plan() {
			return rules.map(({ rule }) => rule);
		},
		set(plan) {
			if (!Array.isArray(plan)) throw new Error('a fault plan is a list of rules');
			rules = plan.map((rule, index) => compile(rule, index, supported));
			for (const type of FAULT_TYPES) injected[type] = 0;
		},
		clear() {
			rules = [];
		},
		/** The rule that hits this request, if any. */
		pick(method, path) {
			const hit = rules
				.filter((r) => r.matches(method, path))
				.filter((r) => r.hits(++r.seen))[0]?.rule;
			if (hit) injected[hit.fault] += 1;
			return hit;
		},
	};
}

/** The answer of a `status` fault: the vendor's own error outcome, or what a gateway in front of it sends. */
function statusAnswer({ status, retryAfter, body = 'vendor', text }, { now, vendorAnswer }) {
	const headers = {};
	if (typeof retryAfter === 'number') headers['Retry-After'] = String(retryAfter);
	else if (retryAfter)
		headers['Retry-After'] = new Date(now() + retryAfter.httpDate * 1000).toUTCString();
	const title = `${status} ${STATUS_TEXT[status] ?? 'Error'}`;
	if (body === 'vendor') {
		const outcome = vendorAnswer(status);
		return { ...outcome, headers: { ...outcome.headers, ...headers } };
	}
	if (body === 'empty') return { status, headers };
	if (body === 'text')
		return { status, headers, text: text ?? title, contentType: 'text/plain; charset=utf-8' };
	const page = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
	return { status, headers, text: page, contentType: 'text/html' };
}

module.exports = { createFaults, statusAnswer, FAULT_TYPES };
