/**
 * Test tools that are not dev dependencies of this package (they would bloat every `npm ci` and
 * they need overrides the package itself must not carry): each is pinned by a manifest in
 * sandbox/tools/<name>.json and installed from the npm registry into a folder of its own outside the
 * repo, once, reused between runs, under a lock (the way sandbox/n8nHost.js installs n8n).
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { PACKAGE } = require('./n8nHost');

const manifests = path.join(__dirname, 'tools');

function pause(ms) {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function withLock(lock, fn) {
	fs.mkdirSync(path.dirname(lock), { recursive: true });
	for (;;) {
		try {
			fs.mkdirSync(lock);
			break;
		} catch {
			const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
			if (age > 20 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
			else pause(1_000);
		}
	}
	try {
		return fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

/** Installs the tool `name` unless its manifest was fully installed before; returns its folder. */
function ensureTool(name, log = (line) => process.stderr.write(`${line}\n`)) {
	const wanted = fs.readFileSync(path.join(manifests, `${name}.json`), 'utf8');
	const dir = process.env[`TOOLS_${name.toUpperCase()}_DIR`] || path.join(os.homedir(), '.cache', PACKAGE, `tools-${name}`);
	// Written only after a complete install: a folder left half-built is never taken for ready.
	const doneMarker = path.join(dir, '.installed-manifest.json');
	const installed = () => fs.existsSync(doneMarker) && fs.readFileSync(doneMarker, 'utf8') === wanted;
	if (installed()) return dir;
	return withLock(`${dir}.lock`, () => {
		if (installed()) return dir;
		log(`Installing ${name} into ${dir} (first run only, under a minute)...`);
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, 'package.json'), wanted);
		const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)));
		execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'inherit'] });
		fs.writeFileSync(doneMarker, wanted);
		return dir;
	});
}

module.exports = { ensureTool };
