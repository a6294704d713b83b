'use strict';
/**
 * The request log a test reads to see what a client sent. It never holds headers (they carry the
 * credentials), and body or query fields whose name looks secret are masked.
 */

/** password, client_secret, refresh_token, apiKey, subscriptionKey... but not `keywords` or `monkey`. */
const isSecretName = (name) =>
	/password|secret|token|api[_-]?key|(^|[_-])key$/i.test(name) || /[a-z0-9]Key$/.test(name);

function redact(value) {
	if (Array.isArray(value)) return value.map(redact);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.entries(value).map(([name, field]) => [name, isSecretName(name) ? '[redacted]' : redact(field)]),
	);
}

/** A log entry; `status` stays 0 while the answer is pending, and when no answer was ever sent. */
function logEntry({ method, path, query, body, at }) {
	return { method, path, query: redact(query), body: redact(body), status: 0, at };
}

module.exports = { redact, logEntry, isSecretName };
