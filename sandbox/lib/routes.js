'use strict';
/**
 * One route syntax and one error for every mock. `route('GET', '/users/:id', handler)`, or a table
 * `routes({ '/users/:id': { GET: handler } })`: a `:name` segment captures one non-empty segment
 * (URL-decoded), and where a literal and a `:name` route both match (`/user/translations` and
 * `/user/:id`) the literal one wins, whatever the order.
 */
const { STATUS_TEXT } = require('./http');

/** Thrown by handlers; each vendor turns it into its own error body. */
class ApiError extends Error {
	constructor(status, code, message, details) {
		super(message);
		Object.assign(this, { status, code, details });
	}
}

/** The vendor's ApiError for a status: its documented `[code, message]` in `known`, else the status text. */
function statusError(status, known = {}, codeCase = (code) => code) {
	const text = STATUS_TEXT[status] ?? 'Error';
	const [code, message] = known[status] ?? [
		codeCase(text.toLowerCase().replace(/\W+/g, '_')),
		text,
	];
	return new ApiError(status, code, message);
}

function route(method, pattern, handler) {
	const parts = pattern.split('/').filter(Boolean);
	// Literal segments rank 1, parameters 0: of two matches, the higher rank is the more literal.
	return {
		method,
		pattern,
		handler,
		parts,
		rank: parts.map((p) => (p.startsWith(':') ? '0' : '1')).join(''),
	};
}

const routes = (table) =>
	Object.entries(table).flatMap(([pattern, methods]) =>
		Object.entries(methods).map(([method, h]) => route(method, pattern, h)),
	);

function decode(segment) {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment; // a malformed escape is then refused by the handler's own id check
	}
}

/** `prefix` (e.g. `/v1`) is stripped before matching (the prefix itself is `/`); a trailing slash is ignored. */
function createRouter(list, { prefix = '' } = {}) {
	/** The path below the prefix, or null when the request is outside it. */
	function pathOf(pathname) {
		const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
		if (!prefix) return trimmed;
		if (trimmed === prefix) return '/';
		return trimmed.startsWith(`${prefix}/`) ? trimmed.slice(prefix.length) : null;
	}

	function match(method, pathname) {
		const path = pathOf(pathname);
		const segments = path === '/' ? [] : path?.split('/').slice(1);
		let best = null;
		for (const candidate of segments ? list : []) {
			if (candidate.method !== method || candidate.parts.length !== segments.length) continue;
			const params = {};
			const fits = candidate.parts.every((part, i) => {
				if (!part.startsWith(':')) return part === segments[i];
				params[part.slice(1)] = decode(segments[i]);
				return segments[i] !== '';
			});
			if (fits && (!best || candidate.rank > best.route.rank)) best = { route: candidate, params };
		}
		return best;
	}

	return { match, pathOf };
}

module.exports = { ApiError, statusError, route, routes, createRouter };
