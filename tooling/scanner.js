/**
 * n8n's community package scanner (@n8n/scan-community-package), the check n8n runs before it
 * verifies a package. Its CLI only scans published packages (it needs the registry's provenance and
 * GitHub), so the tests call what the CLI calls: `analyzePackage` on the source checkout with
 * `SOURCE_FILE_PATTERNS`, and on the unpacked tarball with `['**\/*.js', 'package.json']`.
 * Installed once into its own folder outside the repo, pinned by tooling/tools/scanner.json.
 */
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const { cleanNpmEnv } = require('./n8nHost');
const { ensureTool, toolDir } = require('./tools');

const scannerModule = path.join(
	toolDir('scanner'),
	'node_modules',
	'@n8n',
	'scan-community-package',
	'scanner',
	'scanner.mjs',
);

/** The legs of n8n's scan (scanner.mjs, analyzePackageByName): what each one lints. */
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

/**
 * Runs the scanner's analyzePackage on each { dir, patterns } (patterns: 'source' for
 * SOURCE_FILE_PATTERNS, 'tarball' for the tarball leg, or a list), in one process; resolves with
 * [{ passed, message, details }] in the same order.
 */
function analyze(targets) {
	// Its dependencies' install scripts cannot run here (tooling/tools/scanner.json says why).
	ensureTool('scanner', { ignoreScripts: true });
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));
	const script = `
		import { analyzePackage, SOURCE_FILE_PATTERNS } from ${JSON.stringify(pathToFileURL(scannerModule).href)};
		const targets = JSON.parse(process.argv[1]);
		const results = [];
		for (const { dir, patterns } of targets) {
			const globs = patterns === 'source' ? SOURCE_FILE_PATTERNS : patterns;
			const { passed, message, details } = await analyzePackage(dir, globs);
			results.push({ passed, message, details });
		}
		process.stdout.write('\\n' + JSON.stringify(results) + '\\n');`;
	const args = [
		'--input-type=module',
		'-e',
		script,
		JSON.stringify(
			targets.map(({ dir, patterns }) => ({
				dir: path.resolve(dir),
				patterns: patterns === 'tarball' ? TARBALL_PATTERNS : patterns,
			})),
		),
	];
	return new Promise((resolve, reject) => {
		// TMPDIR: the scanner makes a temp folder when it loads; keep it where we clean up. NODE_ENV:
		// under jest's NODE_ENV=test, eslint-plugin-n8n-nodes-base takes every file for "Test.node.ts".
		const env = { ...cleanNpmEnv(), TMPDIR: scratch, NODE_ENV: 'production' };
		execFile(
			process.execPath,
			args,
			{ env, maxBuffer: 64 * 1024 * 1024 },
			(error, stdout, stderr) => {
				fs.rmSync(scratch, { recursive: true, force: true });
				if (error)
					return reject(new Error(`The scanner failed to run: ${error.message}\n${stderr}`));
				resolve(JSON.parse(stdout.trim().split('\n').pop()));
			},
		);
	});
}

module.exports = { analyze, TARBALL_PATTERNS };
