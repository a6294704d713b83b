'use strict';
/**
 * One route syntax for every mock: `route('GET', '/users/:id', handler)`. A `:name` segment
 * captures one non-empty path segment (URL-decoded); where a literal and a `:name` route both
 * match (`/user/translations` and `/user/:id`), the literal one wins, whatever the order.
 */
const route = (method, pattern, handler, extra = {}) => {
	const parts = pattern.split('/').filter(Boolean);
	// Literal segments rank 1, parameters 0: the highest rank of the same length is the most literal.
	const rank = parts.map((part) => (part.startsWith(':') ? '0' : '1')).join('');
	return { method, pattern, handler, parts, rank, ...extra };
};

function decode(segment) {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment; // a malformed escape is then refused by the handler's own id check
	}
}

/** `prefix` (e.g. `/v1`) is stripped before matching; a trailing slash is ignored. */
function createRouter(routes, { prefix = '' } = {}) {
	/** The path below the prefix, or null when the request is outside it. */
	function pathOf(pathname) {
		const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
		if (!prefix) return trimmed;
		return trimmed.startsWith(`${prefix}/`) ? trimmed.slice(prefix.length) : null;
	}

	function match(method, pathname) {
		const path = pathOf(pathname);
		if (path === null) return null;
		const segments = path.split('/').slice(1);
		let best = null;
		for (const candidate of routes) {
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

module.exports = { route, createRouter };
