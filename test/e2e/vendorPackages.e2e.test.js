/**
 * The per-vendor packages load in a real n8n as a user installs them: the three tarballs in one user
 * folder's `.n8n/nodes` (each package keeps its own folder and its own copy of the shared code, so
 * one cannot lend another a missing file), then n8n lists each package's own nodes and nothing else,
 * and each credential's test passes against its sandbox.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { freePort, installTarballs, line } = require('../../tooling/n8nHost');
const { startN8nServer } = require('../../tooling/n8nServer');
const { startQHubMock, qhubCredential } = require('../../sandbox/qhub');
const { startQflowMock, qflowCredential } = require('../../sandbox/qflow');
const { startHumanlyMock, humanlyCredential } = require('../../sandbox/humanly');
const { buildPackages } = require('../../scripts/vendorPackages');
const { workRoot } = require('./harness');

const TIMEOUT = 300_000;
let mocks;
let n8n;
let credentials;
let userFolder;

beforeAll(async () => {
	// The e2e global setup has just built dist/. The user folder is outside the repo: `n8n start`
	// writes its editor's ~700 JavaScript files into <user folder>/.cache, and the root lint
	// (eslint .) would read them.
	userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `vendor-packages-${line}-`));
	const outDir = path.join(userFolder, 'packages');
	const { packages, cleanup } = buildPackages({ build: false, vendorsOnly: true, outDir });
	try {
		installTarballs(
			path.join(userFolder, '.n8n', 'nodes'),
			packages.map((entry) => entry.tarball),
		);
	} finally {
		cleanup();
	}
	mocks = {
		qhub: await startQHubMock(),
		qflow: await startQflowMock(),
		humanly: await startHumanlyMock(),
	};
	credentials = [
		{ id: 'qhubVendor', name: 'Q-Hub', ...qhubCredential(mocks.qhub) },
		{ id: 'qflowVendor', name: 'Qflow', ...qflowCredential(mocks.qflow) },
		{ id: 'humanlyVendor', name: 'Humanly', ...humanlyCredential(mocks.humanly) },
	];
	n8n = await startN8nServer({
		userFolder,
		port: await freePort(),
		credentials,
		log: path.join(userFolder, 'n8n.log'),
	});
}, TIMEOUT);

afterAll(async () => {
	await n8n?.stop();
	await Promise.all(Object.values(mocks ?? {}).map((mock) => mock.close()));
	if (!userFolder) return;
	// n8n's log stays with the other e2e work, for a failure's post-mortem.
	const log = path.join(userFolder, 'n8n.log');
	fs.mkdirSync(workRoot, { recursive: true });
	if (fs.existsSync(log)) fs.copyFileSync(log, path.join(workRoot, 'vendor-packages-n8n.log'));
	fs.rmSync(userFolder, { recursive: true, force: true });
});

// One test, the large node list read last: on a loaded machine, parsing it can outlast n8n's 5 s
// keep-alive, and the next request on that connection then meets "other side closed".
test(
	"each credential test passes, and n8n lists each vendor package's own nodes (with the AI-tool variant) and nothing else",
	async () => {
		const results = {};
		for (const { id, name, type, data } of credentials) {
			const test = await n8n.api('POST', '/rest/credentials/test', {
				credentials: { id, name, type, data },
			});
			results[type] = test.json?.data?.status === 'OK' ? 'OK' : JSON.stringify(test.json?.data);
		}
		expect(results).toEqual({ qHubApi: 'OK', qflowApi: 'OK', humanlyApi: 'OK' });
		// The tests reached the sandboxes: each answered at least one request.
		expect(
			[mocks.qhub, mocks.qflow, mocks.humanly].map((mock) => mock.requests.length > 0),
		).toEqual([true, true, true]);

		const types = (await n8n.api('GET', '/types/nodes.json')).json.map((type) => type.name);
		const ofPackage = (name) =>
			[...new Set(types.filter((type) => type.startsWith(`${name}.`)))].sort();
		expect(ofPackage('n8n-nodes-qhub')).toEqual([
			'n8n-nodes-qhub.qHub',
			'n8n-nodes-qhub.qHubTool',
			'n8n-nodes-qhub.qHubTrigger',
		]);
		expect(ofPackage('n8n-nodes-qflow')).toEqual([
			'n8n-nodes-qflow.qflow',
			'n8n-nodes-qflow.qflowTool',
			'n8n-nodes-qflow.qflowTrigger',
		]);
		expect(ofPackage('n8n-nodes-humanly')).toEqual([
			'n8n-nodes-humanly.humanly',
			'n8n-nodes-humanly.humanlyTool',
			'n8n-nodes-humanly.humanlyTrigger',
		]);
	},
	TIMEOUT,
);
