/**
 * Runs workflow JSON in a real n8n with this package installed the way a user gets it: the `npm pack`
 * tarball in the user folder's nodes directory, so node types are `n8n-nodes-qhub-qflow-humanly.*`.
 * One long-lived `n8n start` per test file (a CLI process per workflow cost 3 to 4 s of both cores
 * each): credentials and workflows go in through n8n's REST API, each workflow is run as the editor
 * runs it (a manual execution from its Manual Trigger), and its saved execution is read back.
 * Plain JS: the community lint of `n8n-node lint` forbids node:child_process in .ts files, and this
 * is test tooling, not shipped code.
 */
const fs = require('node:fs');
const path = require('node:path');

const { PACKAGE, line, freePort } = require('../../tooling/n8nHost');
const { startN8nServer } = require('../../tooling/n8nServer');

// One work folder per n8n line: a run on one line never wipes the other's.
const workRoot = path.resolve(__dirname, '..', '..', '.e2e-work', line);
const installedNodesDir = path.join(workRoot, 'installed', 'nodes');
const SECRET_FIELD = /key|secret|password|token/i;
const RUN_TIMEOUT_MS = 15 * 60 * 1000;
const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The n8n servers this test file started; test/e2e/stopServers.js stops them after the file. */
const running = new Set();

/** A fresh n8n user folder whose nodes directory holds the packed package, as a user installs it. */
function createUserFolder(name) {
	const userFolder = fs.mkdtempSync(path.join(workRoot, `${name}-`));
	fs.mkdirSync(path.join(userFolder, '.n8n'), { recursive: true });
	fs.symlinkSync(installedNodesDir, path.join(userFolder, '.n8n', 'nodes'), 'dir');
	return userFolder;
}

/**
 * Starts one n8n (`n8n start`) on a fresh user folder, for the workflows of one test file. `env` adds
 * to n8n's environment. Every credential's secret-looking values are watched for in n8n's log and in
 * every execution read back: a run that shows one fails.
 */
async function createN8n(name, { env: extraEnv = {} } = {}) {
	const userFolder = createUserFolder(name);
	const log = path.join(userFolder, 'n8n.log');
	const server = await startN8nServer({
		userFolder,
		port: await freePort(),
		log,
		env: { EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true', ...extraEnv },
	});
	running.add(server);
	const secrets = [];
	/** Test ids of credentials → the ids n8n gave them (its REST API chooses ids itself). */
	const credentialIds = new Map();
	let logRead = 0;

	/** What n8n logged since the last look; fails when it or `text` shows a secret. */
	function watchForSecrets(text, doing) {
		const output = fs.readFileSync(log, 'utf8');
		const fresh = output.slice(logRead);
		logRead = output.length;
		const leaked = secrets.find((secret) => fresh.includes(secret) || text.includes(secret));
		if (leaked)
			throw new Error(`n8n showed a credential secret (${leaked.slice(0, 3)}…) while ${doing}`);
		return fresh;
	}

	const body = (answer) => answer.json?.data ?? answer.json;
	const withCredentialIds = (node) =>
		node.credentials
			? {
					...node,
					credentials: Object.fromEntries(
						Object.entries(node.credentials).map(([type, reference]) => [
							type,
							{ ...reference, id: credentialIds.get(reference.id) ?? reference.id },
						]),
					),
				}
			: node;

	return {
		userFolder,
		server,
		/**
		 * credentials: [{ id, name, type, data }]; importing an id again replaces that credential. Their
		 * secret-looking values are then watched for in every output.
		 */
		async importCredentials(credentials) {
			for (const { id, name, type, data } of credentials) {
				for (const [field, value] of Object.entries(data)) {
					if (SECRET_FIELD.test(field) && typeof value === 'string' && value.length >= 6)
						secrets.push(value);
				}
				if (credentialIds.has(id)) {
					await server.api('PATCH', `/rest/credentials/${credentialIds.get(id)}`, {
						name,
						type,
						data,
					});
				} else {
					credentialIds.set(
						id,
						body(await server.api('POST', '/rest/credentials', { name, type, data })).id,
					);
				}
			}
		},
		/**
		 * Saves and runs a workflow from its Manual Trigger, as the editor's "Execute workflow" does;
		 * resolves with its run data whether or not a node failed.
		 */
		async run(workflow) {
			const nodes = workflow.nodes.map(withCredentialIds);
			const trigger = nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
			if (!trigger) throw new Error(`Workflow ${workflow.id} has no Manual Trigger to run from`);
			const { id: _id, active: _active, ...rest } = workflow;
			const saved = body(
				await server.api('POST', '/rest/workflows', { ...rest, nodes, active: false }),
			);
			const started = Date.now();
			const answer = body(
				await server.api('POST', `/rest/workflows/${saved.id}/run`, {
					workflowData: saved,
					triggerToStartFrom: { name: trigger.name },
				}),
			);
			if (!answer?.executionId)
				throw new Error(`n8n did not start ${workflow.id}: ${JSON.stringify(answer)}`);
			let execution;
			for (;;) {
				execution = await server.execution(answer.executionId).catch(() => undefined);
				if (execution && (FINISHED.has(execution.status) || execution.finished)) break;
				if (Date.now() - started > RUN_TIMEOUT_MS)
					throw new Error(`${workflow.id} did not finish within ${RUN_TIMEOUT_MS / 60_000} min`);
				// Each look reads the execution from n8n's database: often at first, then less, so a
				// long run is not slowed by the polling.
				await pause(Math.min(1_000, 100 + (Date.now() - started) / 20));
			}
			const durationMs = Date.now() - started;
			const stdout = JSON.stringify(execution);
			// What n8n produced (run data, errors, its log), not the workflow the test wrote: a secret the
			// test typed into a node's parameters (the HTTP Request node's headers) is no leak.
			const stderr = watchForSecrets(
				JSON.stringify(execution.data ?? {}),
				`running ${workflow.id}`,
			);
			return new RunResult(execution, { stdout, stderr }, durationMs);
		},
		secrets,
		stop: async () => {
			running.delete(server);
			await server.stop();
		},
	};
}

/** Stops every n8n this test file started (test/e2e/stopServers.js calls it after each file). */
async function stopN8nServers() {
	await Promise.all([...running].map((server) => server.stop()));
	running.clear();
}

class RunResult {
	constructor(execution, { stdout, stderr }, durationMs) {
		this.execution = execution;
		this.runData = execution?.data?.resultData?.runData;
		this.error = execution?.data?.resultData?.error;
		// What `n8n execute` answered: 0 for a run that ended well, 1 for one a node failed.
		this.exitCode = execution?.status === 'success' && !this.error ? 0 : 1;
		this.stdout = stdout;
		this.stderr = stderr;
		this.durationMs = durationMs;
	}

	/** Throws with n8n's own error text when the execution failed; returns the run otherwise. */
	assertSucceeded() {
		// No parsed result is a failure too: a run whose data cannot be read proves nothing.
		if (this.exitCode === 0 && this.execution && !this.error) return this;
		throw new Error(
			`The workflow failed (exit ${this.exitCode}): ${this.error?.message ?? ''}\n${this.stdout.slice(-2000)}\n${this.stderr.slice(-2000)}`,
		);
	}

	/** The first output's items of a node's last run, as { json, pairedItem }. */
	output(nodeName) {
		const runs = this.runData?.[nodeName];
		if (!runs)
			throw new Error(
				`Node "${nodeName}" did not run. exit ${this.exitCode}\n${this.stdout.slice(-3000)}\n${this.stderr.slice(-3000)}`,
			);
		return runs[runs.length - 1].data?.main?.[0] ?? [];
	}

	items(nodeName) {
		return this.output(nodeName).map((item) => item.json);
	}
}

/**
 * A workflow: Manual Trigger, then (when `input` is given) one item per input object, then `nodes`
 * in a chain. Each node: { name, type (short name in our package, or a full type), parameters,
 * credentials, onError }.
 */
function workflow({ id, input, nodes }) {
	const all = [
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
	];
	if (input) {
		all.push(
			{
				name: 'Input',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ items: input }) },
			},
			{
				name: 'Items',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				parameters: { fieldToSplitOut: 'items' },
			},
		);
	}
	for (const node of nodes) {
		all.push({
			typeVersion: 1,
			...node,
			type: node.type.includes('.') ? node.type : `${PACKAGE}.${node.type}`,
		});
	}
	const connections = {};
	all.forEach((node, index) => {
		node.id = `${id}-${index}`;
		node.position = [index * 220, 0];
		if (index > 0)
			connections[all[index - 1].name] = { main: [[{ node: node.name, type: 'main', index: 0 }]] };
	});
	return {
		id,
		name: id,
		active: false,
		nodes: all,
		connections,
		settings: { executionOrder: 'v1' },
	};
}

module.exports = {
	createN8n,
	createUserFolder,
	stopN8nServers,
	workflow,
	workRoot,
	installedNodesDir,
};
