'use strict';
/**
 * The mock kernel: one server per vendor mock with body parsing, the request log, the fault layer
 * and the control endpoints under /__sandbox/ (so a process other than the test can drive a mock).
 * The vendor brings its pipeline (auth, rate limit, routes) as `handle(ctx)` and its error bodies.
 */
const { listen, readBody, parseBody, send, redact } = require('./http');
const { ApiError, route, createRouter } = require('./routes');
const { createFaults, statusAnswer, FAULT_TYPES } = require('./faults');

/** Options over defaults; an option passed as undefined keeps its default. */
const withDefaults = (defaults, options = {}) => ({
	...defaults,
	...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
});

/** Runs a matched route's handler and marks the request processed: the handler may change state. */
function invoke(ctx, { route: matched, params }, input = {}) {
	ctx.processed = true;
	return matched.handler({ ...input, params });
}

/** Waits `ms`, or less when the client goes away first. */
const pause = (ms, res) =>
	new Promise((resolve) => {
		const done = () => {
			clearTimeout(timer);
			res.off('close', done);
			resolve();
		};
		const timer = setTimeout(done, ms);
		res.once('close', done);
	});
const clientGone = (res) => !res.socket || res.socket.destroyed;

/**
 * `spec`: `host`, `port`, `now` (the clock), `maxBodyBytes` (beyond it `ctx.tooLarge` is set),
 * `contentType` of JSON answers; `handle(ctx)` (an outcome `{ status, headers?, body? }`, or throws
 * ApiError); `errorAnswer(error, ctx)` (an ApiError as the vendor answers it); `faultError(status)`
 * (the ApiError the vendor answers for an injected status or a bug in the mock); `logged(ctx)`
 * (false keeps a request out of the log), `logPath(ctx)`, `emptyBody` (what the log shows when no
 * JSON came: null or undefined); fault hooks `spendWindow(ctx)`, `revokeTokens()` (without it that
 * fault is refused); `reset()`, `counters()`, `sandboxRoutes` (more routes below /__sandbox), `close()`.
 */
async function startMock(spec) {
	const { now } = spec;
	const requests = [];
	const faults = createFaults({
		supported: FAULT_TYPES.filter((type) => type !== 'revokeTokens' || spec.revokeTokens),
	});

	async function run(ctx) {
		try {
			return await spec.handle(ctx);
		} catch (error) {
			if (!(error instanceof ApiError)) console.error('[sandbox] bug in the mock:', error);
			return spec.errorAnswer(error instanceof ApiError ? error : spec.faultError(500), ctx);
		}
	}

	/** The answer to send, or undefined to drop the connection without one. */
	async function answer(ctx, fault, res) {
		const type = fault?.fault;
		if (type === 'status')
			return statusAnswer(fault, {
				now,
				vendorAnswer: (status) => spec.errorAnswer(spec.faultError(status), ctx),
			});
		if (type === 'resetBefore') return undefined;
		if (type === 'spendWindow') spec.spendWindow(ctx);
		if (type === 'revokeTokens') spec.revokeTokens();
		if (type === 'delay' && !fault.processed) await pause(fault.ms, res);
		// A client that gave up while its request waited in front of the API never reaches it.
		if (clientGone(res)) return undefined;
		const outcome = await run(ctx);
		if (type === 'delay' && fault.processed) await pause(fault.ms, res);
		return type === 'resetAfter' ? undefined : outcome;
	}

	function reset() {
		requests.length = 0;
		faults.set([]);
		spec.reset();
	}

	const stats = () => ({
		counters: spec.counters?.() ?? {},
		requests,
		faults: { plan: faults.plan, injected: faults.injected },
	});
	const control = createRouter(
		[
			route('POST', '/reset', () => {
				reset();
				return { status: 204 };
			}),
			route('GET', '/stats', () => ({ status: 200, body: stats() })),
			route('POST', '/faults', ({ body }) => {
				faults.set(Array.isArray(body) ? body : (body?.plan ?? []));
				return { status: 200, body: stats().faults };
			}),
			...(spec.sandboxRoutes ?? []),
		],
		{ prefix: '/__sandbox' },
	);

	/** Control endpoints: no auth, no faults, not logged. A bad request is a 400 `{ error }`. */
	async function controlAnswer(ctx) {
		const matched = control.match(ctx.method, ctx.pathname);
		if (!matched)
			return { status: 404, body: { error: `No sandbox endpoint ${ctx.method} ${ctx.pathname}` } };
		if (ctx.badJson) return { status: 400, body: { error: 'The body is not valid JSON' } };
		try {
			return await matched.route.handler({ body: ctx.body, query: ctx.query });
		} catch (error) {
			return { status: 400, body: { error: error.message } };
		}
	}

	async function onRequest(req, res) {
		const url = new URL(req.url, 'http://sandbox.invalid');
		const { raw, tooLarge } = await readBody(req, spec.maxBodyBytes);
		const ctx = {
			method: req.method,
			pathname: url.pathname,
			headers: req.headers,
			ip: req.socket.remoteAddress,
			searchParams: url.searchParams,
			query: Object.fromEntries(url.searchParams),
			raw,
			tooLarge,
			...parseBody(raw, req.headers['content-type']),
			processed: false,
		};
		if (url.pathname.startsWith('/__sandbox/')) return send(res, await controlAnswer(ctx));

		// The log holds method, path, query, parsed body, status and time: never headers, no secrets.
		let entry;
		if (spec.logged?.(ctx) !== false) {
			const path = spec.logPath?.(ctx) ?? ctx.pathname;
			entry = {
				method: ctx.method,
				path,
				query: redact(ctx.query),
				body: redact(ctx.body ?? spec.emptyBody),
				status: 0,
				at: now(),
			};
			requests.push(entry);
		}
		const fault = faults.pick(ctx.method, ctx.pathname);
		const outcome = await answer(ctx, fault, res);
		const answered = outcome !== undefined && !clientGone(res);
		if (entry) {
			entry.status = answered ? outcome.status : 0; // 0: no answer was sent
			// Only faulted requests are marked, so a test can prove what the fault did to the state.
			if (fault) Object.assign(entry, { fault: fault.fault, processed: ctx.processed });
		}
		if (answered) send(res, { ...outcome, contentType: outcome.contentType ?? spec.contentType });
		else if (!req.socket.destroyed) req.socket.resetAndDestroy();
	}

	const server = await listen((req, res) => {
		onRequest(req, res).catch((error) => {
			console.error('[sandbox] bug in the mock:', error);
			if (!res.headersSent) send(res, { status: 500, body: { error: String(error) } });
		});
	}, spec);

	return {
		origin: server.origin,
		requests,
		faults,
		reset,
		async close() {
			await spec.close?.();
			await server.close();
		},
	};
}

module.exports = { startMock, invoke, withDefaults };
