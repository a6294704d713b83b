/**
 * Debian packages a test needs (Chromium, Redis, PostgreSQL), installed by the test itself on a fresh
 * machine of this project's kind: nothing is installed by hand. Runs apt-get only when a package's
 * program is missing, under a lock so parallel test files do not run apt at once.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { withLock } = require('./lock');

const LOCK = path.join(os.tmpdir(), 'n8n-nodes-qhub-qflow-humanly-apt.lock');

/** `packages`: { debianPackage: programThatProvesItIsInstalled }. */
function ensureDebianPackages(packages, log = (line) => process.stderr.write(`${line}\n`)) {
	const missing = () =>
		Object.entries(packages)
			.filter(([, program]) => !fs.existsSync(program))
			.map(([name]) => name);
	if (missing().length === 0) return;
	withLock(
		LOCK,
		() => {
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
		},
		{ staleMs: 20 * 60_000 },
	);
}

module.exports = { ensureDebianPackages };
