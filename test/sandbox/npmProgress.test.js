/**
 * The first `npm start` installs n8n for minutes: tooling/npmProgress.js must say what npm is doing
 * meanwhile, pass npm's warnings on, and end with how long it took (or npm's error). A fake npm stands
 * in for the real one; it finishes only once the wrapper has printed a progress line, so no test
 * depends on how fast this machine is.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { createProgress } = require('../../tooling/npmProgress');

const wrapper = path.join(__dirname, '..', '..', 'tooling', 'npmProgress.js');
let dir;

beforeAll(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-progress-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A fake npm: prints a few npm-like log lines, waits for the stop file, then ends with `exitCode`. */
function fakeNpm(name, exitCode) {
	const file = path.join(dir, name);
	fs.writeFileSync(
		file,
		`#!${process.execPath}
const fs = require('node:fs');
fs.writeFileSync(${JSON.stringify(path.join(dir, `${name}.args`))}, JSON.stringify(process.argv.slice(2)));
process.stderr.write('npm info using npm@11.0.0\\n');
process.stderr.write('npm http fetch GET 200 https://registry.npmjs.org/n8n 120ms (cache miss)\\n');
process.stderr.write('npm warn deprecated glob@7.2.3: Glob versions prior to v9 are no longer supported\\n');
process.stderr.write('npm warn deprecated glob@7.2.3: Glob versions prior to v9 are no longer supported\\n');
process.stderr.write('npm http fetch GET 200 https://registry.npmjs.org/sqlite3/-/sqlite3-5.1.7.tgz 80ms (cache miss)\\n');
const stop = ${JSON.stringify(path.join(dir, `${name}.stop`))};
const giveUp = setTimeout(() => process.exit(3), 60_000);
const poll = setInterval(() => {
	if (!fs.existsSync(stop)) return;
	clearInterval(poll);
	clearTimeout(giveUp);
	if (${exitCode} === 0) process.stdout.write('\\nadded 1234 packages in 5m\\n');
	else process.stderr.write('npm error code E404\\nnpm error 404 Not Found - GET https://registry.npmjs.org/nope\\n');
	process.exit(${exitCode});
}, 20);
`,
		{ mode: 0o755 },
	);
	return file;
}

/** Runs the wrapper on a fake npm; writes the stop file once a progress line names the download. */
function runWrapper(name, exitCode) {
	const npm = fakeNpm(name, exitCode);
	return new Promise((resolve) => {
		const child = spawn(
			process.execPath,
			[wrapper, '--label', 'n8n 9.9.9 install', '--every', '0.1', '--', 'install', '--no-audit'],
			{
				env: { ...process.env, NPM_PROGRESS_NPM: npm },
			},
		);
		let stderr = '';
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
			if (/n8n 9\.9\.9 install: \d+s, downloading packages/.test(stderr))
				fs.writeFileSync(path.join(dir, `${name}.stop`), '');
		});
		child.on('close', (code) =>
			resolve({
				code,
				lines: stderr.trim().split('\n'),
				args: JSON.parse(fs.readFileSync(path.join(dir, `${name}.args`), 'utf8')),
			}),
		);
	});
}

test('reads the phase from npm log lines and passes only warnings and errors on', () => {
	let clock = 0;
	const progress = createProgress(() => clock);
	expect(progress.describe()).toBe('starting npm');
	expect(
		progress.read(
			'npm http fetch GET 200 https://registry.npmjs.org/@n8n%2fconfig 90ms (cache miss)',
		),
	).toBeUndefined();
	expect(progress.describe()).toBe('resolving the dependency tree (1 package manifests read)');
	progress.read(
		'npm http cache luxon@https://registry.npmjs.org/luxon/-/luxon-3.4.4.tgz 0ms (cache hit)',
	);
	expect(progress.describe()).toBe('downloading packages (1 so far, last luxon-3.4.4)');
	// Downloads stop while npm writes them into node_modules, which takes minutes for n8n.
	clock += 20_000;
	expect(progress.describe()).toBe('unpacking packages into node_modules (1 downloaded)');
	progress.read(
		'npm info run sqlite3@5.1.7 install node_modules/sqlite3 prebuild-install -r napi || node-gyp rebuild',
	);
	progress.read(
		'npm info run cpu-features@0.0.10 install node_modules/cpu-features node buildcheck.js',
	);
	expect(progress.describe()).toBe(
		'running the install scripts of sqlite3@5.1.7 (install), cpu-features@0.0.10 (install)',
	);
	progress.read('npm info run cpu-features@0.0.10 install { code: 0, signal: null }');
	expect(progress.describe()).toBe('running the install scripts of sqlite3@5.1.7 (install)');
	progress.read('npm info run sqlite3@5.1.7 install { code: 0, signal: null }');
	expect(progress.describe()).toBe('running install scripts (2 done)');
	expect(progress.read('npm warn deprecated inflight@1.0.6: This module is not supported')).toBe(
		'npm warn deprecated inflight@1.0.6: This module is not supported',
	);
	expect(progress.read('npm info ok')).toBeUndefined();
});

test("npm's multi-line warnings become one line each, or a summary at the end", () => {
	const progress = createProgress();
	const shown = [
		'npm warn ERESOLVE overriding peer dependency',
		'npm warn While resolving: @getzep/zep-cloud@1.0.6',
		'npm warn Found: @langchain/core@1.1.8',
		'npm warn node_modules/@n8n/n8n-nodes-langchain/node_modules/@langchain/core',
		'npm warn   @langchain/core@"1.1.8" from @n8n/n8n-nodes-langchain@2.8.1',
		'npm warn',
		'npm warn Could not resolve dependency:',
		'npm warn peerOptional @langchain/core@"~0.1.29" from @getzep/zep-cloud@1.0.6',
		'npm warn Conflicting peer dependency: @langchain/core@0.1.63',
		'npm warn EBADENGINE Unsupported engine {',
		"npm warn EBADENGINE   package: 'utilium@3.9.0',",
		"npm warn EBADENGINE   required: { node: '>=22.0.0' },",
		"npm warn EBADENGINE   current: { node: 'v20.20.2', npm: '11.19.1' }",
		'npm warn EBADENGINE }',
		'npm warn install-scripts 2 packages have install scripts not yet covered by allowScripts:',
		'npm warn install-scripts   sqlite3@5.1.7 (install: prebuild-install -r napi || node-gyp rebuild)',
		'npm warn install-scripts',
		'npm warn deprecated tar@6.2.1: Old versions of tar are not supported',
	]
		.map((line) => progress.read(line))
		.filter(Boolean);
	expect(shown).toEqual([
		'npm warn install-scripts 2 packages have install scripts not yet covered by allowScripts:',
		'npm warn deprecated tar@6.2.1: Old versions of tar are not supported',
	]);
	expect(progress.summary()).toEqual([
		'npm warn ERESOLVE: peer dependency conflicts overridden while resolving @getzep/zep-cloud@1.0.6',
		'npm warn EBADENGINE: 1 packages ask for another Node.js: utilium@3.9.0 (node >=22.0.0)',
	]);
});

test('a long install prints progress lines, npm warnings once each, and how long it took', async () => {
	const { code, lines, args } = await runWrapper('npm-ok', 0);
	expect(code).toBe(0);
	// The wrapper asks npm for the log level that carries fetches and install scripts.
	expect(args).toEqual(['install', '--no-audit', '--loglevel=info']);
	expect(lines.filter((line) => line.includes('npm warn deprecated glob@7.2.3'))).toHaveLength(1);
	expect(lines).toContainEqual(
		expect.stringMatching(
			/^ {2}n8n 9\.9\.9 install: \d+s, downloading packages \(1 so far, last sqlite3-5\.1\.7\)$/,
		),
	);
	expect(lines.at(-1)).toMatch(/^n8n 9\.9\.9 install: done in \d+s \(added 1234 packages\)$/);
	expect(lines.some((line) => line.includes('npm http'))).toBe(false);
}, 60_000);

test('a failed install ends with npm exit code and error lines', async () => {
	const { code, lines } = await runWrapper('npm-fail', 1);
	expect(code).toBe(1);
	expect(lines).toContainEqual(
		expect.stringMatching(/^n8n 9\.9\.9 install failed after \d+s \(npm exit 1\)/),
	);
	expect(lines).toContainEqual(expect.stringContaining('npm error 404 Not Found'));
}, 60_000);
