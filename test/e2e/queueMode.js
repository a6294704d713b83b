/**
 * n8n in queue mode for a test: its own Redis and PostgreSQL (Debian's packages, installed when
 * missing), a main process (`n8n start`) and workers (`n8n worker`), each on its own user folder
 * with this package in `.n8n/nodes`, one shared encryption key. Everything listens on free ports of
 * 127.0.0.1 and is stopped by `stop()`, which is safe to call after a failed start.
 */
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { ensureDebianPackages } = require('../../tooling/debian');
const { n8nBin, n8nEnv, freePort } = require('../../tooling/n8nHost');
const { startN8nServer, waitFor } = require('../../tooling/n8nServer');
const { createUserFolder } = require('./harness');

const REDIS_SERVER = '/usr/bin/redis-server';

/** The newest installed PostgreSQL server's bin folder (its version is in the path). */
function postgresBin() {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs.readdirSync(root).filter((name) => fs.existsSync(path.join(root, name, 'bin', 'initdb')))
		: [];
	versions.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

function ensureServices() {
	ensureDebianPackages({
		'redis-server': REDIS_SERVER,
		postgresql: path.join(postgresBin() ?? '/usr/lib/postgresql/none/bin', 'initdb'),
	});
}

/** Resolves once something accepts TCP connections on the port. */
async function waitForPort(port, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const open = await new Promise((resolve) => {
			const socket = net.connect(port, '127.0.0.1', () => socket.end(() => resolve(true)));
			socket.once('error', () => resolve(false));
		});
		if (open) return;
		if (Date.now() > deadline)
			throw new Error(`Nothing listens on 127.0.0.1:${port} after ${timeoutMs / 1000} s`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** `waiting`, unless the process ends first (a rejection nobody awaits once `waiting` has won). */
function unlessExited(waiting, exited, what) {
	const ended = exited.then((code) => {
		throw new Error(`${what} exited (${code}) before it was ready`);
	});
	ended.catch(() => undefined);
	return Promise.race([waiting, ended]);
}

/** A child process we started, stopped by its own pid. */
function child(command, args, { env, log }) {
	const output = fs.openSync(log, 'a');
	const proc = spawn(command, args, { env, stdio: ['ignore', output, output] });
	fs.closeSync(output);
	const exited = new Promise((resolve) =>
		proc.once('exit', (code, signal) => resolve(code ?? signal)),
	);
	return {
		proc,
		exited,
		async stop() {
			if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
			const timer = setTimeout(
				() => proc.exitCode === null && proc.signalCode === null && proc.kill('SIGKILL'),
				15_000,
			);
			await exited;
			clearTimeout(timer);
		},
	};
}

async function startRedis(dir) {
	const port = await freePort();
	const redis = child(
		REDIS_SERVER,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--dir',
			dir,
			'--save',
			'',
			'--appendonly',
			'no',
		],
		{
			env: process.env,
			log: path.join(dir, 'redis.log'),
		},
	);
	await unlessExited(
		waitForPort(port, 30_000),
		redis.exited,
		`redis-server (log: ${dir}/redis.log)`,
	);
	return { port, stop: () => redis.stop() };
}

/**
 * PostgreSQL refuses to run as root: as root, its files belong to user postgres and its programs run
 * through runuser. The server is a daemon of pg_ctl, stopped by its data folder.
 */
async function startPostgres(dir) {
	const bin = postgresBin();
	const root = process.getuid?.() === 0;
	const pgDir = path.join(dir, 'postgres');
	fs.mkdirSync(pgDir);
	if (root) {
		const id = (flag) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
		fs.chownSync(pgDir, id('-u'), id('-g'));
	}
	const run = (program, args) =>
		execFileSync(
			root ? 'runuser' : path.join(bin, program),
			root ? ['-u', 'postgres', '--', path.join(bin, program), ...args] : args,
			{
				stdio: ['ignore', 'pipe', 'pipe'],
				timeout: 120_000,
			},
		);
	const port = await freePort();
	const data = path.join(pgDir, 'data');
	run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
	// Durability settings off: a throwaway database, and the machine is shared and slow.
	const options = `-p ${port} -k ${pgDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
	run('pg_ctl', [
		'-D',
		data,
		'-l',
		path.join(pgDir, 'server.log'),
		'-w',
		'-t',
		'60',
		'-o',
		options,
		'start',
	]);
	let running = true;
	const stop = () => {
		if (!running) return;
		running = false;
		try {
			run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
		} catch {
			// already stopped
		}
	};
	// A test process that ends without afterAll (killed by a timeout) must not leave the daemon behind.
	process.once('exit', stop);
	run('psql', [
		'-h',
		'127.0.0.1',
		'-p',
		String(port),
		'-U',
		'postgres',
		'-c',
		'create database n8n',
	]);
	return { port, stop: async () => stop() };
}

/**
 * Credentials, then workflows (keeping their ids; the credential ids they name are mapped to the ones
 * n8n gave), then publishing, through the main's REST API: each CLI import would start n8n again.
 */
async function provision(main, { credentials, workflows, publish }) {
	const body = ({ json }) => json?.data ?? json;
	const credentialIds = {};
	for (const { id, name, type, data } of credentials) {
		credentialIds[id] = body(await main.api('POST', '/rest/credentials', { name, type, data })).id;
	}
	const mapCredentials = (references) =>
		Object.fromEntries(
			Object.entries(references).map(([type, reference]) => [
				type,
				{ ...reference, id: credentialIds[reference.id] ?? reference.id },
			]),
		);
	for (const workflow of workflows) {
		const nodes = workflow.nodes.map((node) =>
			node.credentials ? { ...node, credentials: mapCredentials(node.credentials) } : node,
		);
		const saved = body(
			await main.api('POST', '/rest/workflows', { ...workflow, nodes, active: false }),
		);
		if (publish.includes(workflow.id))
			await main.api('POST', `/rest/workflows/${saved.id}/activate`, {
				versionId: saved.versionId,
			});
	}
}

/**
 * Starts Redis, PostgreSQL, a main and `workers` workers. `credentials` and `workflows` are imported
 * before the main starts, and `publish` lists the workflow ids to activate. Each worker's environment
 * has QUEUE_TEST_WORKER=<its name> ('main' on main), which workflows may read as
 * `{{ $env.QUEUE_TEST_WORKER }}` to say where they ran. Returns { main, workers, logs, stop }.
 */
async function startQueueMode({
	name,
	workers: workerCount = 2,
	concurrency = 2,
	credentials = [],
	workflows = [],
	publish = [],
}) {
	const began = Date.now();
	const took = (what) =>
		process.stderr.write(
			`queue mode: ${what} after ${((Date.now() - began) / 1000).toFixed(1)} s\n`,
		);
	ensureServices();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
	fs.chmodSync(dir, 0o755);
	const stoppers = [];
	const stop = async () => {
		for (const stopOne of stoppers.splice(0).reverse()) await stopOne().catch(() => undefined);
		// The logs stay for a look after a failure; the database files (~40 MB) go.
		fs.rmSync(path.join(dir, 'postgres', 'data'), { recursive: true, force: true });
	};
	try {
		const redis = await startRedis(dir);
		stoppers.push(redis.stop);
		const postgres = await startPostgres(dir);
		stoppers.push(postgres.stop);
		took('Redis and PostgreSQL up');

		const shared = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'postgres',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			N8N_ENCRYPTION_KEY: `queue-test-${Date.now()}`,
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
			// n8n marks its database lost when a ping takes over 5 s, which a busy shared machine exceeds.
			N8N_DB_PING_TIMEOUT: '60000',
			// Stalled-job checks would re-run a job on the other worker; on a busy machine give them room.
			QUEUE_WORKER_LOCK_DURATION: '120000',
		};
		const logs = { main: path.join(dir, 'main.log') };
		const main = await startN8nServer({
			userFolder: createUserFolder(`${name}-main`),
			port: await freePort(),
			env: { ...shared, QUEUE_TEST_WORKER: 'main' },
			log: logs.main,
		});
		stoppers.push(() => main.stop());
		await provision(main, { credentials, workflows, publish });
		took('main ready');

		const workers = await Promise.all(
			Array.from({ length: workerCount }, async (_, index) => {
				const workerName = `worker${index + 1}`;
				const userFolder = createUserFolder(`${name}-${workerName}`);
				const healthPort = await freePort();
				logs[workerName] = path.join(dir, `${workerName}.log`);
				const env = {
					...n8nEnv(userFolder, await freePort()),
					...shared,
					QUEUE_TEST_WORKER: workerName,
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				};
				const worker = child(n8nBin, ['worker', `--concurrency=${concurrency}`], {
					env,
					log: logs[workerName],
				});
				stoppers.push(() => worker.stop());
				// The worker's server starts after it has subscribed to the queue.
				await unlessExited(
					waitFor(`http://127.0.0.1:${healthPort}/healthz/readiness`, 180_000),
					worker.exited,
					`${workerName} (log: ${logs[workerName]})`,
				);
				return { name: workerName, log: logs[workerName], stop: () => worker.stop() };
			}),
		);
		took(`${workerCount} workers ready`);
		return { main, workers, logs, dir, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/** POSTs JSON to a production webhook of the main; resolves with the status and parsed answer. */
async function callWebhook(main, webhookPath, body) {
	const response = await fetch(`${main.url}/webhook/${webhookPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, json, text };
}

module.exports = { startQueueMode, callWebhook };
