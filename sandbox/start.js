#!/usr/bin/env node
/**
 * One command for a new user: the three vendor sandboxes, then n8n with this package installed and
 * a sandbox credential for each vendor, ready in a browser.
 *
 *   npm start            run until Ctrl-C
 *   npm start -- --check start everything, prove n8n lists our nodes and each sandbox credential
 *                        passes its test, stop (used by the tests)
 *
 * Ports: N8N_PORT (5678), QHUB_PORT (4010), QFLOW_PORT (4020), HUMANLY_PORT (4030).
 * n8n: the current line (N8N_LINE=current, what users run now) unless N8N_LINE says otherwise; the
 * tests default to the oldest supported line, node20.
 */
process.env.N8N_LINE ||= 'current';

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const {
	ensureDevDependencies,
	ensureN8n,
	installPackage,
	n8nVersion,
	repo,
	PACKAGE,
} = require('../tooling/n8nHost');
const { startN8nServer, OWNER } = require('../tooling/n8nServer');
const { startQHubMock, qhubCredential } = require('./qhub');
const { startQflowMock, qflowCredential } = require('./qflow');
const { startHumanlyMock, humanlyCredential } = require('./humanly');

const check = process.argv.includes('--check');
const port = (name, fallback) => Number(process.env[name] || fallback);
const N8N_PORT = port('N8N_PORT', 5678);
const userFolder = path.join(repo, '.sandbox', check ? 'check' : 'n8n');

/** The credentials a user finds in n8n, pointing at the local sandboxes. */
function sandboxCredentials({ qhub, qflow, humanly }) {
	return [
		{ id: 'qhubSandbox', name: 'Q-Hub sandbox', ...qhubCredential(qhub) },
		{ id: 'qflowSandbox', name: 'Qflow sandbox', ...qflowCredential(qflow) },
		{ id: 'humanlySandbox', name: 'Humanly sandbox', ...humanlyCredential(humanly) },
	];
}

/**
 * The example workflows shipped in examples/ (JSON a user can also import by hand): imported into the
 * sandbox n8n, inactive, with the sandbox credentials they name by id.
 */
function exampleWorkflows() {
	const folder = path.join(repo, 'examples');
	if (!fs.existsSync(folder)) return [];
	return fs
		.readdirSync(folder)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')));
}

/** An n8n already on the port would answer our checks in place of the one we start. */
function assertPortFree(portNumber) {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', () =>
			reject(new Error(`Port ${portNumber} is in use: stop what runs there, or set N8N_PORT.`)),
		);
		probe.listen(portNumber, '127.0.0.1', () => probe.close(resolve));
	});
}

/** Stops n8n and the sandboxes; replaced once they run, so a failure never leaves n8n behind. */
let stop = async (code) => process.exit(code);

async function main() {
	ensureDevDependencies();
	ensureN8n();
	console.log('Building and installing this package into the sandbox n8n...');
	fs.rmSync(userFolder, { recursive: true, force: true });
	installPackage(path.join(userFolder, '.n8n', 'nodes'), path.join(userFolder, 'pack'));

	// The Q-Hub sandbox keeps the documented 25 requests per key but a 1-minute window, so clicking
	// around in the editor does not lock you out for 15 minutes.
	const mocks = {
		qhub: await startQHubMock({ port: port('QHUB_PORT', 4010), windowMs: 60_000 }),
		qflow: await startQflowMock({ port: port('QFLOW_PORT', 4020) }),
		humanly: await startHumanlyMock({ port: port('HUMANLY_PORT', 4030) }),
	};
	await assertPortFree(N8N_PORT);
	const credentials = sandboxCredentials(mocks);
	const n8n = await startN8nServer({
		userFolder,
		port: N8N_PORT,
		credentials,
		workflows: exampleWorkflows(),
		stdio: check ? 'ignore' : ['ignore', 'inherit', 'inherit'],
	});
	let stopping = false;
	stop = async (code) => {
		if (stopping) return;
		stopping = true;
		await n8n.stop();
		await Promise.all(Object.values(mocks).map((mock) => mock.close()));
		process.exit(code);
	};
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));
	// n8n ending on its own (a port in use, a crash) ends the sandbox too, as a failure.
	n8n.exited().then((code) => stop(code || 1));
	const base = n8n.url;

	if (check) {
		const types = (await n8n.api('GET', '/types/nodes.json')).json;
		const ours = types.map((type) => type.name).filter((name) => name.startsWith(`${PACKAGE}.`));
		// Each credential's own test, as the credential screen's "Test" button runs it.
		const credentialTests = {};
		for (const { id, name, type, data } of credentials) {
			const test = await n8n.api('POST', '/rest/credentials/test', {
				credentials: { id, name, type, data },
			});
			credentialTests[type] = test.json?.data?.status;
		}
		console.log(
			JSON.stringify({ ok: true, n8nVersion, nodes: [...new Set(ours)].sort(), credentialTests }),
		);
		await stop(0);
		return;
	}
	console.log(`
n8n ${n8nVersion} is ready with ${PACKAGE} installed:  ${base}
  log in:   ${OWNER.email} / ${OWNER.password}
  credentials (already in n8n): "Q-Hub sandbox", "Qflow sandbox", "Humanly sandbox"
  sandboxes: Q-Hub ${mocks.qhub.url}  Qflow ${mocks.qflow.url}  Humanly ${mocks.humanly.url}
Add a Q-Hub, Qflow or Humanly node to a workflow, pick its sandbox credential and run it.
Ctrl-C stops everything.`);
}

main().catch(async (error) => {
	console.error(error.message);
	await stop(1);
});
