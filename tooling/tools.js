/**
 * Test tools that are not dev dependencies of this package (they would bloat every `npm ci` and
 * they need overrides the package itself must not carry): each is pinned by a manifest in
 * tooling/tools/<name>.json and installed from the npm registry into a folder of its own outside the
 * repo, once, reused between runs, under a lock (the way tooling/n8nHost.js installs n8n).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { PACKAGE, cleanNpmEnv, npmWithProgress } = require('./n8nHost');
const { withLock } = require('./lock');

const manifests = path.join(__dirname, 'tools');

/**
 * Installs the tool `name` unless its manifest was fully installed before; returns its folder
 * (`TOOLS_<NAME>_DIR` overrides it). `ignoreScripts`: for a tool whose install scripts cannot run here.
 */
function ensureTool(
	name,
	{ ignoreScripts = false, log = (line) => process.stderr.write(`${line}\n`) } = {},
) {
	const wanted = fs.readFileSync(path.join(manifests, `${name}.json`), 'utf8');
	const dir = toolDir(name);
	// Written only after a complete install: a folder left half-built is never taken for ready.
	const doneMarker = path.join(dir, '.installed-manifest.json');
	const installed = () =>
		fs.existsSync(doneMarker) && fs.readFileSync(doneMarker, 'utf8') === wanted;
	if (installed()) return dir;
	return withLock(`${dir}.lock`, () => {
		if (installed()) return dir;
		log(`Installing ${name} into ${dir} (first run only, under a minute)...`);
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, 'package.json'), wanted);
		const args = [
			'install',
			'--no-audit',
			'--no-fund',
			...(ignoreScripts ? ['--ignore-scripts'] : []),
		];
		npmWithProgress(`${name} install`, args, { cwd: dir, env: cleanNpmEnv() });
		fs.writeFileSync(doneMarker, wanted);
		return dir;
	});
}

function toolDir(name) {
	return (
		process.env[`TOOLS_${name.toUpperCase()}_DIR`] ||
		path.join(os.homedir(), '.cache', PACKAGE, `tools-${name}`)
	);
}

module.exports = { ensureTool, toolDir };
