'use strict';
/** The HTTP plumbing every mock shares: listening, closing, reading bodies, writing answers. */
const http = require('node:http');

/** Starts a server; `close()` also drops kept-alive connections, or it would wait for their timeout. */
async function listen(onRequest, { host = '127.0.0.1', port = 0 } = {}) {
	const server = http.createServer(onRequest);
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve(server.off('error', reject)));
	});
	// A wildcard bind address is not something a client can connect to: point at loopback instead.
	const urlHost =
		host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
	const close = () =>
		new Promise((resolve, reject) => {
			server.close((error) => (error ? reject(error) : resolve()));
			server.closeAllConnections();
		});
	return { origin: `http://${urlHost}:${server.address().port}`, close };
}

/** The raw bytes; past `maxBytes` the rest is read and dropped, so the mock can still answer 413. */
function readBody(req, maxBytes = Infinity) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size <= maxBytes) chunks.push(chunk);
		});
		req.on('end', () => resolve({ raw: Buffer.concat(chunks), tooLarge: size > maxBytes }));
		req.on('error', reject);
	});
}

/**
 * A form-urlencoded body becomes an object; anything else is read as JSON whatever its content type,
 * as the vendors do. `body` is undefined when nothing (or no valid JSON, then `badJson`) was sent.
 */
function parseBody(raw, contentType = '') {
	const text = raw.toString('utf8');
	if (text.trim() === '') return { text, body: undefined, badJson: false };
	if (/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
		return { text, body: Object.fromEntries(new URLSearchParams(text)), badJson: false };
	}
	try {
		return { text, body: JSON.parse(text), badJson: false };
	} catch {
		return { text, body: undefined, badJson: true };
	}
}

/** `{ status, headers?, body? }` answers JSON (no body: none at all); `{ text, contentType }` answers text. */
function send(res, { status, headers = {}, body, text, contentType = 'application/json' }) {
	const payload = text ?? (body === undefined ? undefined : JSON.stringify(body));
	if (payload === undefined) return res.writeHead(status, headers).end();
	res.writeHead(status, {
		'Content-Type': contentType,
		'Content-Length': Buffer.byteLength(payload),
		...headers,
	});
	res.end(payload);
}

/** The request log never holds headers (they carry credentials); secret-looking fields are masked. */
const isSecretName = (name) =>
	/password|secret|token|api[_-]?key|(^|[_-])key$/i.test(name) || /[a-z0-9]Key$/.test(name);

function redact(value) {
	if (Array.isArray(value)) return value.map(redact);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.entries(value).map(([name, v]) => [name, isSecretName(name) ? '[redacted]' : redact(v)]),
	);
}

module.exports = { listen, readBody, parseBody, send, redact, STATUS_TEXT: http.STATUS_CODES };
