/**
 * Where the real n8n of the e2e suite and the start script lives, and how it is installed: in its own
 * folder (outside the repo, reused between runs), from test/e2e/n8n-host/package.json, the one place
 * the n8n version is pinned. That folder carries the xlsx override the node package must not carry.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const hostManifest = path.join(__dirname, 'n8n-host', 'package.json');
const n8nVersion = require(hostManifest).dependencies.n8n;
const hostDir =
	process.env.N8N_HOST_DIR || path.join(os.homedir(), '.cache', 'n8n-nodes-qhub-qflow-humanly', `n8n-${n8nVersion}`);
const n8nBin = path.join(hostDir, 'node_modules', '.bin', 'n8n');

/** Installs n8n into hostDir unless the same manifest is already installed there. */
function ensureN8n(log = (line) => process.stderr.write(`${line}\n`)) {
	const wanted = fs.readFileSync(hostManifest, 'utf8');
	const installedManifest = path.join(hostDir, 'package.json');
	const current = fs.existsSync(installedManifest) ? fs.readFileSync(installedManifest, 'utf8') : '';
	if (current === wanted && fs.existsSync(n8nBin)) return n8nBin;
	// A half-built or older install is replaced whole: npm would not rerun the native builds in it.
	fs.rmSync(hostDir, { recursive: true, force: true });
	fs.mkdirSync(hostDir, { recursive: true });
	log(`Installing n8n ${n8nVersion} into ${hostDir} (first run only, about 5 minutes)...`);
	// Settings npm passes down to scripts (this package's ignore-scripts=true among them) must not reach
	// this install: n8n builds native modules (sqlite3) with its install scripts, against Node's headers.
	const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_config_/i.test(name)));
	env.npm_config_ignore_scripts = 'false';
	env.npm_config_nodedir = path.resolve(process.execPath, '..', '..');
	fs.writeFileSync(installedManifest, wanted);
	execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: hostDir, env, stdio: ['ignore', 'inherit', 'inherit'] });
	return n8nBin;
}

module.exports = { ensureN8n, n8nBin, n8nVersion, hostDir };
