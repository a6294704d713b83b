/**
 * What we publish, checked as n8n and npm will see it: the combined package and one package per
 * vendor (n8n verifies only packages that serve one service). Each tarball holds only what n8n loads;
 * each passes n8n-node lint and both legs of n8n's own scanner; `npm publish --dry-run` accepts each.
 * These checks read files, not a running n8n: they run on the node20 line only (the packages loading
 * in n8n is tested on both lines, in vendorPackages.e2e.test.js). About two minutes: named heavy.
 */
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { line, freePort } = require('../../tooling/n8nHost');
const { analyze } = require('../../tooling/scanner');
const {
	buildPackages,
	coverageProblems,
	lint,
	lintPackages,
	requireProblems,
	vendorManifests,
} = require('../../scripts/vendorPackages');

const onNode20 = line === 'node20' ? describe : describe.skip;
const MAIN = 'n8n-nodes-qhub-qflow-humanly';
/** Each vendor package: the folders of dist/nodes and the credential it must hold, and nothing else. */
const VENDORS = {
	'n8n-nodes-qhub': {
		folder: 'QHub',
		nodes: ['QHub', 'QHubTrigger'],
		credential: 'QHubApi',
		label: 'Q-Hub',
		others: ['Qflow', 'Humanly'],
	},
	'n8n-nodes-qflow': {
		folder: 'Qflow',
		nodes: ['Qflow', 'QflowTrigger'],
		credential: 'QflowApi',
		label: 'Qflow',
		others: ['Q-Hub', 'Humanly'],
	},
	'n8n-nodes-humanly': {
		folder: 'Humanly',
		nodes: ['Humanly', 'HumanlyTrigger'],
		credential: 'HumanlyApi',
		label: 'Humanly',
		others: ['Q-Hub', 'Qflow'],
	},
};
/** A file n8n loads, or the map that names its source line in a stack. */
const SHIPPED = /^dist\/(nodes|credentials)\/.+\.(js|js\.map|json|svg)$/;

let packages;
let cleanup;
let scratch;
let lintControl;
const byName = (name) => packages.find((entry) => entry.name === name);
const paths = (entry) => entry.files.map((file) => file.path).sort();

onNode20('the four published packages', () => {
	beforeAll(async () => {
		// Outside the repo: the root lint would read any source left under it.
		scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'distribution-'));
		// The e2e global setup has just built dist/; lint runs in each assembled vendor package.
		({ packages, cleanup } = buildPackages({
			build: false,
			outDir: path.join(scratch, 'packages'),
		}));
		// A control lint must refuse: the Q-Hub package whose node asks for the Qflow credential.
		const control = path.join(scratch, 'lint-control');
		fs.cpSync(byName('n8n-nodes-qhub').dir, control, { recursive: true });
		const node = path.join(control, 'nodes', 'QHub', 'QHub.node.ts');
		fs.writeFileSync(
			node,
			fs.readFileSync(node, 'utf8').replace("name: 'qHubApi'", "name: 'qflowApi'"),
		);
		[, lintControl] = await Promise.all([lintPackages(packages), lint(control)]);
	}, 600_000);
	afterAll(() => {
		cleanup?.();
		if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
	});

	test('there are four: the combined package and one per vendor, all of the same version', () => {
		const { version } = require('../../package.json');
		expect(packages.map((entry) => entry.name).sort()).toEqual(
			[...Object.keys(VENDORS), MAIN].sort(),
		);
		for (const entry of packages) expect(entry.version).toBe(version);
	});

	test('the combined tarball holds the three nodes and credentials and no build leftovers', () => {
		const files = paths(byName(MAIN));
		const leftovers = files.filter(
			(file) =>
				!SHIPPED.test(file) && !['package.json', 'README.md', 'LICENSE', 'index.js'].includes(file),
		);
		expect(leftovers).toEqual([]);
		expect(
			files.filter((file) =>
				/tsbuildinfo|\.d\.ts$|(^|\/)test|\.test\.|^dist\/package\.json$/.test(file),
			),
		).toEqual([]);
		const { n8n } = require('../../package.json');
		expect(files).toEqual(expect.arrayContaining([...n8n.nodes, ...n8n.credentials]));
		// Source maps are kept on purpose, one per compiled file (see the commit that set "files").
		const js = files.filter((file) => file.endsWith('.js') && file.startsWith('dist/'));
		expect(js.filter((file) => !files.includes(`${file}.map`))).toEqual([]);
	});

	test.each(Object.entries(VENDORS))(
		'%s holds its own node and credential, the shared code, and nothing else',
		(name, vendor) => {
			const files = paths(byName(name));
			const foreign = files.filter(
				(file) =>
					!['package.json', 'README.md', 'LICENSE'].includes(file) &&
					!file.startsWith(`dist/nodes/${vendor.folder}/`) &&
					!file.startsWith('dist/nodes/shared/') &&
					!file.startsWith(`dist/credentials/${vendor.credential}.credentials.js`),
			);
			expect(foreign).toEqual([]);
			expect(
				files.filter(
					(file) => !SHIPPED.test(file) && !['package.json', 'README.md', 'LICENSE'].includes(file),
				),
			).toEqual([]);
			const nodes = vendor.nodes.map((node) => `dist/nodes/${vendor.folder}/${node}.node.js`);
			expect(files).toEqual(
				expect.arrayContaining([
					...nodes,
					`dist/credentials/${vendor.credential}.credentials.js`,
					'dist/nodes/shared/transport/index.js',
					'LICENSE',
				]),
			);

			const manifest = JSON.parse(
				fs.readFileSync(path.join(byName(name).unpacked, 'package.json'), 'utf8'),
			);
			expect(manifest.n8n.nodes).toEqual(nodes);
			expect(manifest.n8n.credentials).toEqual([
				`dist/credentials/${vendor.credential}.credentials.js`,
			]);
			expect(manifest.keywords).toContain('n8n-community-node-package');
			expect(manifest.dependencies).toBeUndefined();
		},
	);

	test.each(Object.entries(VENDORS))(
		"%s has a README of its vendor's parts of the main README",
		(name, vendor) => {
			const readme = fs.readFileSync(path.join(byName(name).dir, 'README.md'), 'utf8');
			expect(readme).toMatch(new RegExp(`^# ${name}\\n`));
			expect(readme).toContain(`Settings → Community Nodes → Install → \`${name}\``);
			expect(readme).toContain(`### ${vendor.label}\n`);
			expect(readme).toContain(`| **${vendor.label} API** |`);
			expect(readme).toContain(`nodes/${vendor.folder}/api.ts`);
			expect(readme).toContain(`**${vendor.label} Tool**`);
			expect(readme.includes(`| **${vendor.label} Trigger**`)).toBe(
				vendor.nodes.some((node) => node.endsWith('Trigger')),
			);
			for (const other of vendor.others) {
				expect(readme).not.toContain(`### ${other}`);
				expect(readme).not.toContain(`| **${other} API** |`);
				expect(readme).not.toContain(`| **${other} Trigger**`);
			}
		},
	);

	test('the vendor packages together ship every node and credential of the main one, each once', () => {
		const root = require('../../package.json');
		const manifests = vendorManifests();
		expect(coverageProblems(manifests, root)).toEqual([]);
		// A trigger added to the main package only would be noticed.
		const withoutTrigger = manifests.map((manifest) => ({
			...manifest,
			n8n: {
				...manifest.n8n,
				nodes: manifest.n8n.nodes.filter((node) => !node.endsWith('QHubTrigger.node.js')),
			},
		}));
		expect(coverageProblems(withoutTrigger, root)).toEqual([
			'dist/nodes/QHub/QHubTrigger.node.js (n8n.nodes of package.json) is in 0 of the packages/*/package.json, not in exactly one',
		]);
	});

	test('every require() of every package resolves inside it or to a module n8n provides', () => {
		for (const entry of packages)
			expect(
				requireProblems(
					entry.dir,
					entry.name === MAIN
						? require('../../package.json')
						: JSON.parse(fs.readFileSync(path.join(entry.dir, 'package.json'), 'utf8')),
				),
			).toEqual([]);
		// The check notices a package that lost a shared file.
		const broken = path.join(scratch, 'broken');
		fs.cpSync(byName('n8n-nodes-qhub').dir, broken, {
			recursive: true,
			filter: (source) => !source.endsWith('node_modules'),
		});
		fs.rmSync(path.join(broken, 'dist', 'nodes', 'shared', 'transport'), { recursive: true });
		const manifest = vendorManifests().find((entry) => entry.name === 'n8n-nodes-qhub');
		expect(requireProblems(broken, manifest)).toContainEqual(
			expect.stringMatching(/requires "(\.\.\/)+shared\/transport", which is not in the package/),
		);
	});

	test.each(Object.keys(VENDORS))('n8n-node lint passes in %s', (name) => {
		const result = byName(name).lint;
		process.stderr.write(
			`n8n-node lint in ${name}: ${result.ok ? 'passed' : 'FAILED'} (${result.output.trim().split('\n').filter(Boolean).length} lines of output)\n`,
		);
		expect(result.output).not.toMatch(/\d+ problems?/);
		expect(result.ok).toBe(true);
	});

	test('n8n-node lint fails a vendor package whose node uses a credential it does not ship', () => {
		expect(lintControl.ok).toBe(false);
		expect(lintControl.output).toMatch(/no-credential-reuse/);
	});

	test("n8n's scanner passes both legs for all four packages, and fails a package with a runtime dependency", async () => {
		const targets = [];
		for (const entry of packages) {
			// entry.unpacked: the tarball's content, unpacked by buildPackages.
			targets.push(
				{ name: `${entry.name} source`, dir: entry.dir, patterns: 'source' },
				{ name: `${entry.name} tarball`, dir: entry.unpacked, patterns: 'tarball' },
			);
		}
		// A control the scanner must refuse: the Q-Hub tarball with a runtime dependency added.
		const tampered = path.join(scratch, 'tampered');
		fs.cpSync(byName('n8n-nodes-qhub').unpacked, tampered, { recursive: true });
		const manifest = JSON.parse(fs.readFileSync(path.join(tampered, 'package.json'), 'utf8'));
		fs.writeFileSync(
			path.join(tampered, 'package.json'),
			JSON.stringify({ ...manifest, dependencies: { axios: '1.7.0' } }, null, 2),
		);
		targets.push({ name: 'tampered tarball', dir: tampered, patterns: 'tarball' });

		const results = await analyze(targets);
		const verdicts = Object.fromEntries(
			targets.map((target, index) => [
				target.name,
				results[index].passed ? 'passed' : (results[index].details ?? results[index].message),
			]),
		);
		const control = verdicts['tampered tarball'];
		delete verdicts['tampered tarball'];
		process.stderr.write(
			`n8n scanner: ${Object.entries(verdicts)
				.map(([name, verdict]) => `${name} ${verdict}`)
				.join('; ')}; control (runtime dependency) refused: ${control}\n`,
		);
		expect(verdicts).toEqual(
			Object.fromEntries(targets.slice(0, -1).map((target) => [target.name, 'passed'])),
		);
		expect(control).toMatch(/no-runtime-dependencies/);
	}, 600_000);

	test('npm publish --dry-run accepts each tarball and would publish exactly its files, with the registry unreachable', async () => {
		// A port nothing listens on: npm asks the registry once (is the version taken?) and goes on.
		const registry = `http://127.0.0.1:${await freePort()}/`;
		for (const entry of packages) {
			const report = await new Promise((resolve, reject) => {
				execFile(
					'npm',
					[
						'publish',
						entry.tarball,
						'--dry-run',
						'--json',
						'--access',
						'public',
						`--registry=${registry}`,
						'--fetch-retries=0',
					],
					{
						cwd: scratch,
						env: Object.fromEntries(
							Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)),
						),
					},
					(error, stdout, stderr) =>
						error
							? reject(new Error(`${entry.name}: ${error.message}\n${stderr}`))
							: resolve(JSON.parse(stdout)),
				);
			});
			const published = report[entry.name] ?? report;
			expect(published.id).toBe(`${entry.name}@${entry.version}`);
			expect(published.files.map((file) => file.path).sort()).toEqual(paths(entry));
		}
	}, 300_000);
});
