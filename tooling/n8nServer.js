/**
 * A running n8n (`n8n start`) with this package installed: what `npm start` opens in a browser and
 * what the tests of triggers, AI tools and the browser talk to. Credentials and workflows are
 * imported with the n8n CLI before start; workflows listed in `publish` are active once it is up.
 */
const { execFile, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { n8nBin, n8nEnv, freePort } = require('./n8nHost');

const OWNER = {
	email: 'owner@example.com',
	firstName: 'Sandbox',
	lastName: 'Owner',
	password: 'Sandbox-Owner-1',
};
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function cli(args, env) {
	return new Promise((resolve, reject) => {
		execFile(n8nBin, args, { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
			error
				? reject(new Error(`n8n ${args[0]} failed: ${error.message}\n${stdout}\n${stderr}`))
				: resolve(stdout),
		);
	});
}

async function waitFor(url, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not listening yet
		}
		await pause(300);
	}
	throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/**
 * Starts n8n on `port` in `userFolder` (whose `.n8n/nodes` holds the installed package), after
 * importing `credentials` ([{ id, name, type, data }]) and `workflows` (full workflow JSON with an
 * id). `env` adds to n8n's environment; `log` is a file for n8n's own output (default: discarded).
 */
async function startN8nServer({
	userFolder,
	port,
	credentials = [],
	workflows = [],
	publish = [],
	env: extraEnv = {},
	log,
	stdio,
}) {
	fs.mkdirSync(path.join(userFolder, '.n8n'), { recursive: true });
	const env = {
		...n8nEnv(userFolder, await freePort()),
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		...extraEnv,
	};
	if (credentials.length) {
		const file = path.join(userFolder, 'import-credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials));
		await cli(['import:credentials', `--input=${file}`], env);
		fs.rmSync(file);
	}
	for (const workflow of workflows) {
		const file = path.join(userFolder, `import-${workflow.id}.json`);
		fs.writeFileSync(file, JSON.stringify(workflow));
		await cli(['import:workflow', `--input=${file}`], env);
		fs.rmSync(file);
	}
	// import:workflow always imports unpublished: publishing before start makes them active at start.
	for (const id of publish) await cli(['publish:workflow', `--id=${id}`], env);

	const base = `http://127.0.0.1:${port}`;
	let child;
	let exited;
	const launch = () => {
		const output = log ? fs.openSync(log, 'a') : 'ignore';
		child = spawn(n8nBin, ['start'], { env, stdio: stdio ?? ['ignore', output, output] });
		exited = new Promise((resolve) => child.once('exit', resolve));
	};
	const ready = async () => {
		// /healthz answers before the REST routes are mounted; readiness waits for them.
		const ended = exited.then((code) => {
			throw new Error(
				`n8n exited with code ${code} before it was ready${log ? ` (log: ${log})` : ''}`,
			);
		});
		// Once n8n is ready, its later exit is no error: nobody awaits `ended` any more.
		ended.catch(() => undefined);
		await Promise.race([waitFor(`${base}/healthz/readiness`, 180_000), ended]);
	};
	launch();

	let cookie = '';
	async function api(method, route, body, { allowFailure = false } = {}) {
		const response = await fetch(`${base}${route}`, {
			method,
			headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok && !allowFailure)
			throw new Error(`${method} ${route} answered ${response.status}: ${text.slice(0, 500)}`);
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, json, text, headers: response.headers };
	}

	/** The owner account (created on first start, logged in after a restart); keeps the session cookie. */
	async function signIn() {
		// Two minutes: on a loaded machine the REST routes can take that long to answer after readiness.
		const deadline = Date.now() + 120_000;
		// A busy machine may drop a connection while n8n settles: that is one more try, not a failure.
		const attempt = (route, body) =>
			api('POST', route, body, { allowFailure: true }).catch((error) => ({
				status: 0,
				text: String(error.cause?.code ?? error.message),
			}));
		for (;;) {
			const setup = await attempt('/rest/owner/setup', OWNER);
			if (setup.status === 200) {
				cookie = setup.headers.get('set-cookie')?.split(';')[0] ?? '';
				return;
			}
			const login = await attempt('/rest/login', {
				emailOrLdapLoginId: OWNER.email,
				email: OWNER.email,
				password: OWNER.password,
			});
			if (login.status === 200) {
				cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
				return;
			}
			if (Date.now() > deadline)
				throw new Error(
					`Could not sign in to n8n: ${setup.status} ${setup.text.slice(0, 200)} / ${login.status} ${login.text.slice(0, 200)}`,
				);
			await pause(500);
		}
	}
	try {
		await ready();
		await signIn();
	} catch (error) {
		// An n8n that never became ready would otherwise outlive the test that started it.
		child.kill('SIGTERM');
		throw error;
	}

	const server = {
		url: base,
		owner: OWNER,
		env,
		userFolder,
		api,
		get cookie() {
			return cookie;
		},
		/** Resolves once n8n lists every published workflow as active (they go live ~2 s after ready). */
		async waitActive(ids = publish, timeoutMs = 60_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const { json } = await api('GET', '/rest/active-workflows');
				const active = json?.data ?? json ?? [];
				if (ids.every((id) => active.includes(id))) return;
				if (Date.now() > deadline)
					throw new Error(
						`Workflows ${ids.join(', ')} not active within ${timeoutMs / 1000} s; active: ${JSON.stringify(active)}`,
					);
				await pause(300);
			}
		},
		/** The latest executions of a workflow (at most 100, the most n8n 2.41 lists at once), newest first. */
		async executions(workflowId) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const { json } = await api('GET', `/rest/executions?filter=${filter}&limit=100`);
			return json?.data?.results ?? json?.data ?? [];
		},
		/** One execution with its run data. */
		async execution(id) {
			const { json } = await api('GET', `/rest/executions/${id}`);
			const execution = json?.data ?? json;
			if (execution && typeof execution.data === 'string')
				execution.data = parseFlatted(execution.data);
			return execution;
		},
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			await exited;
		},
		/** Stops n8n and starts it again on the same user folder (static data and executions survive). */
		async restart() {
			await server.stop();
			launch();
			await ready();
			await signIn();
		},
		exited: () => exited,
	};
	return server;
}

/**
 * n8n stores execution data in the "flatted" format (an array whose first entry is the root, and
 * strings of digits inside point to other entries).
 */
function parseFlatted(text) {
	const table = JSON.parse(text);
	if (!Array.isArray(table)) return table;
	const seen = new Map();
	const revive = (value) => {
		if (typeof value === 'string' && /^\d+$/.test(value)) return resolve(Number(value));
		return value;
	};
	function resolve(index) {
		if (seen.has(index)) return seen.get(index);
		const raw = table[index];
		if (raw === null || typeof raw !== 'object') {
			seen.set(index, raw);
			return raw;
		}
		const copy = Array.isArray(raw) ? [] : {};
		seen.set(index, copy);
		for (const [key, value] of Object.entries(raw)) copy[key] = revive(value);
		return copy;
	}
	return resolve(0);
}

module.exports = { startN8nServer, OWNER, waitFor, parseFlatted };
