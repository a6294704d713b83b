/**
 * The real n8n that the start script and the e2e suite run, and this package installed into it the
 * way a user gets it. n8n lives in its own folder (outside the repo, reused between runs), installed
 * from a manifest in tooling/n8n-host/: the one place each n8n version is pinned, and the place of the
 * overrides that the node package itself must not carry. Two lines (N8N_LINE):
 *   node20  (default) n8n 2.8.4, the newest that runs on this machine's Node 20;
 *   current           the current n8n, on a Node 24 binary installed from the npm registry.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { withLock } = require('./lock');

const repo = path.resolve(__dirname, '..');
const PACKAGE = require(path.join(repo, 'package.json')).name;
const line = process.env.N8N_LINE || 'node20';
const hostFiles = path.join(__dirname, 'n8n-host');
const hostManifest = path.join(hostFiles, `${line}.json`);
if (!fs.existsSync(hostManifest))
	throw new Error(`Unknown N8N_LINE "${line}": use node20 or current`);
const manifest = require(hostManifest);
const n8nVersion = manifest.dependencies.n8n;
const hostDir =
	process.env.N8N_HOST_DIR || path.join(os.homedir(), '.cache', PACKAGE, `n8n-${n8nVersion}`);
const n8nBin = path.join(hostDir, 'node_modules', '.bin', 'n8n');
/** The Node that runs n8n: a registry-installed binary when the line needs one, else this one. */
const runtimeDir = manifest.runtime
	? path.join(hostDir, 'runtime', 'node_modules', manifest.runtime.split('@')[0])
	: undefined;
const nodeDir = runtimeDir ?? path.resolve(process.execPath, '..', '..');
const withRuntimePath = (env) =>
	runtimeDir
		? { ...env, PATH: `${path.join(runtimeDir, 'bin')}${path.delimiter}${env.PATH}` }
		: env;

/** npm settings passed down to child processes (this package's ignore-scripts=true among them). */
function cleanNpmEnv() {
	return Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !/^npm_config_/i.test(name)),
	);
}

/** A fresh clone has no node_modules: install the dev tools (build, lint, jest) first. */
function ensureDevDependencies() {
	if (fs.existsSync(path.join(repo, 'node_modules', '.bin', 'n8n-node'))) return;
	process.stderr.write('Installing the development dependencies (npm ci)...\n');
	// No fallback to `npm install`: a lockfile out of step with package.json must fail loudly.
	npmWithProgress('npm ci', ['ci', '--no-audit', '--no-fund'], { cwd: repo, env: cleanNpmEnv() });
}

/**
 * `npm <args>` in `cwd` for installs that take minutes: tooling/npmProgress.js prints what npm is
 * doing every 15 to 30 s, npm's warnings, and how long it took, where a bare npm prints nothing.
 */
function npmWithProgress(label, args, { cwd, env }) {
	execFileSync(
		process.execPath,
		[path.join(__dirname, 'npmProgress.js'), '--label', label, '--', ...args],
		{
			cwd,
			env,
			stdio: ['ignore', 'inherit', 'inherit'],
		},
	);
}

/** Installs n8n into hostDir unless this manifest was fully installed there before. */
function ensureN8n(log = (line) => process.stderr.write(`${line}\n`)) {
	const wanted = fs.readFileSync(hostManifest, 'utf8');
	// Written only after a complete install: a folder left half-built is never taken for ready.
	const doneMarker = path.join(hostDir, '.installed-manifest.json');
	const installed = () =>
		fs.existsSync(n8nBin) &&
		fs.existsSync(doneMarker) &&
		fs.readFileSync(doneMarker, 'utf8') === wanted;
	if (installed()) return n8nBin;
	return withLock(`${hostDir}.lock`, () => {
		if (installed()) return n8nBin;
		fs.rmSync(hostDir, { recursive: true, force: true });
		fs.mkdirSync(hostDir, { recursive: true });
		log(
			`Installing n8n ${n8nVersion} (${line}) into ${hostDir} (first run only, 5 to 8 minutes)...`,
		);
		const npmInstall = (label, cwd, args, env) =>
			npmWithProgress(label, ['install', '--no-audit', '--no-fund', ...args], { cwd, env });
		if (manifest.runtime) {
			const runtimeRoot = path.join(hostDir, 'runtime');
			fs.mkdirSync(runtimeRoot, { recursive: true });
			fs.writeFileSync(path.join(runtimeRoot, 'package.json'), '{"private":true}');
			npmInstall(
				`Node.js for n8n (${manifest.runtime})`,
				runtimeRoot,
				[manifest.runtime],
				cleanNpmEnv(),
			);
		}
		fs.cpSync(path.join(hostFiles, 'kafka-stub'), path.join(hostDir, 'kafka-stub'), {
			recursive: true,
		});
		fs.writeFileSync(path.join(hostDir, 'package.json'), wanted);
		// n8n builds native modules (sqlite3) in its install scripts, against the headers of the Node
		// that will run it.
		npmInstall(
			`n8n ${n8nVersion} install`,
			hostDir,
			[],
			withRuntimePath({
				...cleanNpmEnv(),
				npm_config_ignore_scripts: 'false',
				npm_config_nodedir: nodeDir,
			}),
		);
		fs.writeFileSync(doneMarker, wanted);
		return n8nBin;
	});
}

/**
 * Builds and packs this package, then installs the tarball into `nodesDir` (an n8n user folder's
 * `.n8n/nodes`) as n8n installs a community package.
 */
function installPackage(nodesDir, workDir) {
	const run = (command, args, cwd) =>
		execFileSync(command, args, { cwd, env: cleanNpmEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
	run('npm', ['run', 'build', '--silent'], repo);
	fs.mkdirSync(workDir, { recursive: true });
	const tarball = run('npm', ['pack', '--silent', `--pack-destination=${workDir}`], repo)
		.toString()
		.trim()
		.split('\n')
		.pop();
	installTarballs(nodesDir, [path.join(workDir, tarball)]);
}

/**
 * Installs packed packages into `nodesDir` (an n8n user folder's `.n8n/nodes`) as n8n installs a
 * community package: no dev or peer dependencies, no scripts.
 */
function installTarballs(nodesDir, tarballs) {
	fs.rmSync(nodesDir, { recursive: true, force: true });
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true }),
	);
	execFileSync(
		'npm',
		[
			'install',
			'--legacy-peer-deps',
			'--omit=dev',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			...tarballs,
		],
		{
			cwd: nodesDir,
			env: cleanNpmEnv(),
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	// n8n refuses the whole package when one listed file is missing: say which.
	for (const name of Object.keys(
		JSON.parse(fs.readFileSync(path.join(nodesDir, 'package.json'), 'utf8')).dependencies,
	)) {
		const installed = path.join(nodesDir, 'node_modules', name);
		const { n8n } = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
		const missing = [...n8n.nodes, ...n8n.credentials].filter(
			(file) => !fs.existsSync(path.join(installed, file)),
		);
		if (missing.length)
			throw new Error(
				`The packed package ${name} lacks files its package.json lists: ${missing.join(', ')}`,
			);
	}
}

/** A TCP port nothing listens on now (for n8n's task broker, which must differ per process). */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = require('node:net').createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Environment of an n8n process on `userFolder`: quiet, local, its own task-broker port. */
function n8nEnv(userFolder, brokerPort) {
	return {
		...withRuntimePath(cleanNpmEnv()),
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

module.exports = {
	freePort,
	ensureDevDependencies,
	ensureN8n,
	installPackage,
	installTarballs,
	n8nEnv,
	n8nBin,
	n8nVersion,
	line,
	hostDir,
	PACKAGE,
	repo,
	cleanNpmEnv,

	npmWithProgress,
};
