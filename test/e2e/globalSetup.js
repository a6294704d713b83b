/**
 * Before the e2e suite: make sure the pinned n8n is installed, then build and pack this package and
 * install the tarball the way n8n installs a community package (no dev or peer dependencies).
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { ensureN8n } = require('./n8nHost');
const { workRoot, installedNodesDir, PACKAGE } = require('./harness');

const repo = path.resolve(__dirname, '..', '..');

module.exports = async function globalSetup() {
	ensureN8n();
	fs.rmSync(workRoot, { recursive: true, force: true });
	fs.mkdirSync(installedNodesDir, { recursive: true });
	const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
	run('npm', ['run', 'build', '--silent'], repo);
	const tarball = run('npm', ['pack', '--silent', `--pack-destination=${workRoot}`], repo).toString().trim().split('\n').pop();
	fs.writeFileSync(path.join(installedNodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
	run('npm', ['install', '--legacy-peer-deps', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', path.join(workRoot, tarball)], installedNodesDir);
	// n8n refuses the whole package when one listed file is missing: say which, instead of
	// "Unrecognized node type" in every test.
	const installed = path.join(installedNodesDir, 'node_modules', PACKAGE);
	const { n8n } = require(path.join(installed, 'package.json'));
	const missing = [...n8n.nodes, ...n8n.credentials].filter((file) => !fs.existsSync(path.join(installed, file)));
	if (missing.length) throw new Error(`The packed package lacks files its package.json lists: ${missing.join(', ')}`);
};
