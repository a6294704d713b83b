/**
 * Debian packages a test needs (Chromium, Redis, PostgreSQL), installed by the test itself on a fresh
 * machine of this project's kind: nothing is installed by hand. Runs apt-get only when a package's
 * program is missing, under a lock so parallel test files do not run apt at once.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const LOCK = path.join(os.tmpdir(), 'n8n-nodes-qhub-qflow-humanly-apt.lock');

function pause(ms) {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** `packages`: { debianPackage: programThatProvesItIsInstalled }. */
function ensureDebianPackages(packages, log = (line) => process.stderr.write(`${line}\n`)) {
	const missing = () =>
		Object.entries(packages)
			.filter(([, program]) => !fs.existsSync(program))
			.map(([name]) => name);
	if (missing().length === 0) return;
	for (;;) {
		try {
			fs.mkdirSync(LOCK);
			break;
		} catch {
			const age =
				Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
			if (age > 20 * 60_000) fs.rmSync(LOCK, { recursive: true, force: true });
			else pause(1_000);
		}
	}
	try {
		const wanted = missing();
		if (wanted.length === 0) return;
		log(`Installing Debian packages: ${wanted.join(' ')}...`);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		const sudo = process.getuid && process.getuid() !== 0 ? ['sudo'] : [];
		const run = (args) =>
			execFileSync(sudo[0] ?? args[0], sudo.length ? args : args.slice(1), {
				env,
				stdio: ['ignore', 'ignore', 'inherit'],
			});
		try {
			run(['apt-get', 'install', '-y', '--no-install-recommends', ...wanted]);
		} catch {
			// A fresh machine may not have the package lists yet.
			run(['apt-get', 'update']);
			run(['apt-get', 'install', '-y', '--no-install-recommends', ...wanted]);
		}
	} finally {
		fs.rmSync(LOCK, { recursive: true, force: true });
	}
}

module.exports = { ensureDebianPackages };
