/**
 * The real n8n that the start script and the e2e suite run, and this package installed into it the
 * way a user gets it. n8n lives in its own folder (outside the repo, reused between runs), installed
 * from sandbox/n8n-host/package.json: the one place the n8n version is pinned, and the place of the
 * xlsx override that the node package itself must not carry.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repo = path.resolve(__dirname, '..');
const PACKAGE = require(path.join(repo, 'package.json')).name;
const hostManifest = path.join(__dirname, 'n8n-host', 'package.json');
const n8nVersion = require(hostManifest).dependencies.n8n;
const hostDir = process.env.N8N_HOST_DIR || path.join(os.homedir(), '.cache', PACKAGE, `n8n-${n8nVersion}`);
const n8nBin = path.join(hostDir, 'node_modules', '.bin', 'n8n');

/** npm settings passed down to child processes (this package's ignore-scripts=true among them). */
function cleanNpmEnv() {
	return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_config_/i.test(name)));
}

/** A fresh clone has no node_modules: install the dev tools (build, lint, jest) first. */
function ensureDevDependencies() {
	if (fs.existsSync(path.join(repo, 'node_modules', '.bin', 'n8n-node'))) return;
	process.stderr.write('Installing the development dependencies (npm ci)...\n');
	const options = { cwd: repo, env: cleanNpmEnv(), stdio: ['ignore', 'inherit', 'inherit'] };
	try {
		execFileSync('npm', ['ci', '--no-audit', '--no-fund'], options);
	} catch {
		execFileSync('npm', ['install', '--no-audit', '--no-fund'], options);
	}
}

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
	// n8n builds native modules (sqlite3) in its install scripts, against Node's own headers.
	const env = { ...cleanNpmEnv(), npm_config_ignore_scripts: 'false', npm_config_nodedir: path.resolve(process.execPath, '..', '..') };
	fs.writeFileSync(installedManifest, wanted);
	execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: hostDir, env, stdio: ['ignore', 'inherit', 'inherit'] });
	return n8nBin;
}

/**
 * Builds and packs this package, then installs the tarball into `nodesDir` (an n8n user folder's
 * `.n8n/nodes`) as n8n installs a community package: no dev or peer dependencies.
 */
function installPackage(nodesDir, workDir) {
	const run = (command, args, cwd) => execFileSync(command, args, { cwd, env: cleanNpmEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
	run('npm', ['run', 'build', '--silent'], repo);
	fs.mkdirSync(workDir, { recursive: true });
	const tarball = run('npm', ['pack', '--silent', `--pack-destination=${workDir}`], repo).toString().trim().split('\n').pop();
	fs.rmSync(nodesDir, { recursive: true, force: true });
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
	run('npm', ['install', '--legacy-peer-deps', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', path.join(workDir, tarball)], nodesDir);
	// n8n refuses the whole package when one listed file is missing: say which.
	const installed = path.join(nodesDir, 'node_modules', PACKAGE);
	const { n8n } = require(path.join(installed, 'package.json'));
	const missing = [...n8n.nodes, ...n8n.credentials].filter((file) => !fs.existsSync(path.join(installed, file)));
	if (missing.length) throw new Error(`The packed package lacks files its package.json lists: ${missing.join(', ')}`);
}

/** Environment of an n8n process on `userFolder`: quiet, local, its own task-broker port. */
function n8nEnv(userFolder, brokerPort) {
	return {
		...cleanNpmEnv(),
		// jest sets NODE_ENV=test, under which n8n's CLI prints no execution result.
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
	};
}

module.exports = { ensureDevDependencies, ensureN8n, installPackage, n8nEnv, n8nBin, n8nVersion, hostDir, PACKAGE, repo };
