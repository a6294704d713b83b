/**
 * Runs workflow JSON in a real n8n (CLI: import:credentials, import:workflow, execute) with this
 * package installed the way a user gets it: the `npm pack` tarball in the user folder's nodes
 * directory, so node types are `n8n-nodes-qhub-qflow-humanly.*`. Plain JS: the community lint of
 * `n8n-node lint` forbids node:child_process in .ts files, and this is test tooling, not shipped code.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { n8nBin, n8nEnv, PACKAGE, line, freePort } = require('../../tooling/n8nHost');

// One work folder per n8n line: a run on one line never wipes the other's.
const workRoot = path.resolve(__dirname, '..', '..', '.e2e-work', line);
const installedNodesDir = path.join(workRoot, 'installed', 'nodes');
const SECRET_FIELD = /key|secret|password|token/i;

/**
 * Runs the n8n CLI with its output going to files, not pipes: n8n prints the result in one large
 * write and then calls process.exit(), and a pipe the reader drains slowly (a loaded machine, a
 * 1,000-item result) takes only part of it before the process is gone. Writes to a file are
 * synchronous in Node, so the whole result is there.
 */
function exec(args, env, outputDir) {
	const files = ['stdout', 'stderr'].map((stream) =>
		path.join(
			outputDir,
			`${stream}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.log`,
		),
	);
	const fds = files.map((file) => fs.openSync(file, 'w'));
	return new Promise((resolve) => {
		const child = spawn(n8nBin, args, { env, stdio: ['ignore', fds[0], fds[1]] });
		const timer = setTimeout(() => child.kill('SIGKILL'), 15 * 60 * 1000);
		let ended = false;
		const done = (exitCode) => {
			if (ended) return;
			ended = true;
			clearTimeout(timer);
			fds.forEach((fd) => fs.closeSync(fd));
			const [stdout, stderr] = files.map((file) => fs.readFileSync(file, 'utf8'));
			files.forEach((file) => fs.rmSync(file, { force: true }));
			resolve({ exitCode, stdout, stderr });
		};
		child.once('error', (error) => {
			fs.writeSync(fds[1], String(error));
			done(1);
		});
		child.once('exit', (code) => done(typeof code === 'number' ? code : 1));
	});
}

/**
 * n8n prints log lines around the result (before it, and on some versions after it): the result is
 * the JSON from a line that opens with `{` to the last line that is a lone `}`.
 */
function parseResult(stdout) {
	const lines = stdout.split('\n');
	const last = lines.map((text) => text.trimEnd()).lastIndexOf('}');
	for (let first = 0; first <= last; first++) {
		if (!lines[first].startsWith('{')) continue;
		try {
			return JSON.parse(lines.slice(first, last + 1).join('\n'));
		} catch {
			// a log line that happened to open with `{`: try the next one
		}
	}
	return undefined;
}

/** A fresh n8n user folder whose nodes directory holds the packed package, as a user installs it. */
function createUserFolder(name) {
	const userFolder = fs.mkdtempSync(path.join(workRoot, `${name}-`));
	fs.mkdirSync(path.join(userFolder, '.n8n'), { recursive: true });
	fs.symlinkSync(installedNodesDir, path.join(userFolder, '.n8n', 'nodes'), 'dir');
	return userFolder;
}

/** Runs workflows with the n8n CLI on a fresh user folder; one per test file. `env` adds to n8n's environment. */
async function createN8n(name, { env: extraEnv = {} } = {}) {
	const userFolder = createUserFolder(name);
	// Its own task-broker port: n8n processes of other test files or checkouts may run at once.
	const env = { ...n8nEnv(userFolder, await freePort()), ...extraEnv };
	const secrets = [];

	async function n8n(args) {
		const result = await exec(args, env, userFolder);
		const output = result.stdout + result.stderr;
		const leaked = secrets.find((secret) => output.includes(secret));
		if (leaked)
			throw new Error(
				`n8n printed a credential secret (${leaked.slice(0, 3)}…) while running ${args[0]}`,
			);
		return result;
	}

	return {
		userFolder,
		/** credentials: [{ id, name, type, data }]; their secret-looking values are then watched for in every output. */
		async importCredentials(credentials) {
			for (const { data } of credentials) {
				for (const [field, value] of Object.entries(data)) {
					if (SECRET_FIELD.test(field) && typeof value === 'string' && value.length >= 6)
						secrets.push(value);
				}
			}
			const file = path.join(userFolder, `credentials-${Date.now()}.json`);
			fs.writeFileSync(file, JSON.stringify(credentials));
			const result = await n8n(['import:credentials', `--input=${file}`]);
			if (result.exitCode !== 0)
				throw new Error(`import:credentials failed:\n${result.stdout}\n${result.stderr}`);
		},
		/** Imports and executes a workflow; resolves with its run data whether or not a node failed. */
		async run(workflow) {
			const file = path.join(userFolder, `${workflow.id}.json`);
			fs.writeFileSync(file, JSON.stringify(workflow));
			const imported = await n8n(['import:workflow', `--input=${file}`]);
			if (imported.exitCode !== 0)
				throw new Error(`import:workflow failed:\n${imported.stdout}\n${imported.stderr}`);
			const started = Date.now();
			const result = await n8n(['execute', `--id=${workflow.id}`, '--rawOutput']);
			return new RunResult(result, parseResult(result.stdout), Date.now() - started);
		},
		secrets,
	};
}

class RunResult {
	constructor({ exitCode, stdout, stderr }, parsed, durationMs) {
		this.exitCode = exitCode;
		this.stdout = stdout;
		this.stderr = stderr;
		this.durationMs = durationMs;
		this.execution = parsed;
		this.runData = parsed?.data?.resultData?.runData;
		this.error = parsed?.data?.resultData?.error;
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

module.exports = { createN8n, createUserFolder, workflow, workRoot, installedNodesDir };
