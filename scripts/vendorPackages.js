#!/usr/bin/env node
/**
 * The packages this repository publishes: the combined n8n-nodes-qhub-qflow-humanly, and one package
 * per vendor (n8n-nodes-qhub, n8n-nodes-qflow, n8n-nodes-humanly), because n8n verifies only packages
 * that serve one service. The vendor packages come from the same build: each holds its vendor's node
 * and credential, the shared code (nodes/shared) compiled in, no runtime dependencies, and a README made
 * from that vendor's parts of the main README.
 *
 * Each vendor's package.json is kept in packages/<name>/package.json (n8n's scanner looks for it in
 * the source checkout its provenance names). This script assembles each vendor package from it in a
 * temporary folder: the sources n8n-node lint and the scanner read, dist/ copied from the root build,
 * README.md. It packs all four into .packages/<name>-<version>.tgz (`tar tzf` lists one). Nothing else
 * is left under the repo: the root `n8n-node lint` runs `eslint .`, which enters dot folders and
 * would lint (and fail on) sources and declarations there, and jest would find a second package.json
 * of each name.
 *
 *   npm run build:packages                  build, assemble, pack, print the sizes
 *   npm run build:packages -- --no-build    reuse the dist/ already built
 *   npm run build:packages -- --lint        also run n8n-node lint in each vendor package
 */
const { execFile, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repo = path.resolve(__dirname, '..');
const defaultOutDir = path.join(repo, '.packages');
const manifestsDir = path.join(repo, 'packages');

/** The README part of each vendor package: the label its sections carry in the main README. */
const README_LABELS = {
	'n8n-nodes-qhub': 'Q-Hub',
	'n8n-nodes-qflow': 'Qflow',
	'n8n-nodes-humanly': 'Humanly',
};
/** The fields a vendor package shares with the main one; a release bumps them all together. */
const SHARED_FIELDS = ['version', 'license', 'author', 'homepage', 'peerDependencies'];
/** What shipped code may require besides its own files (the rule of the house; n8n provides them). */
const ALLOWED_IMPORTS = /^(n8n-workflow|zod|luxon|lodash(\/[\w.-]+)?|p-limit|node:crypto)$/;

const cleanEnv = () =>
	Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_config_/i.test(name)));
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

function vendorManifests() {
	return fs
		.readdirSync(manifestsDir)
		.filter((name) => fs.existsSync(path.join(manifestsDir, name, 'package.json')))
		.sort()
		.map((name) => readJson(path.join(manifestsDir, name, 'package.json')));
}

/**
 * The vendor packages must together ship what the main one ships, each entry once: a node or
 * credential added to the main package.json and to no vendor package would be missing from them.
 */
function coverageProblems(manifests, root) {
	const problems = [];
	for (const kind of ['nodes', 'credentials']) {
		const shipped = manifests.flatMap((manifest) => manifest.n8n?.[kind] ?? []);
		for (const entry of root.n8n[kind]) {
			const count = shipped.filter((file) => file === entry).length;
			if (count !== 1)
				problems.push(
					`${entry} (n8n.${kind} of package.json) is in ${count} of the packages/*/package.json, not in exactly one`,
				);
		}
		for (const entry of shipped)
			if (!root.n8n[kind].includes(entry))
				problems.push(`${entry} is in a packages/*/package.json but not in the main package.json`);
	}
	return problems;
}

/** A vendor package.json that drifted from the main one would publish a mismatched release. */
function manifestProblems(manifest, root) {
	const problems = [];
	const file = `packages/${manifest.name}/package.json`;
	for (const field of SHARED_FIELDS) {
		if (JSON.stringify(manifest[field]) !== JSON.stringify(root[field]))
			problems.push(
				`${file}: "${field}" must equal the main package.json's (${JSON.stringify(root[field])})`,
			);
	}
	if (manifest.repository?.url !== root.repository?.url)
		problems.push(
			`${file}: "repository.url" must equal the main package.json's (npm checks it against the provenance)`,
		);
	if (manifest.dependencies && Object.keys(manifest.dependencies).length)
		problems.push(`${file}: no runtime dependencies allowed`);
	if (!manifest.keywords?.includes('n8n-community-node-package'))
		problems.push(`${file}: keywords must include n8n-community-node-package`);
	if (!README_LABELS[manifest.name])
		problems.push(`${file}: scripts/vendorPackages.js has no README label for ${manifest.name}`);
	return problems;
}

// ---------------------------------------------------------------------------------------------
// README: the vendor's parts of the main README.

/** Splits markdown into sections at headings of level 1 to 3 (code fences never hold a heading here). */
function markdownSections(markdown) {
	const sections = [{ level: 0, title: '', lines: [] }];
	for (const line of markdown.split('\n')) {
		const heading = /^(#{1,3}) (.*)$/.exec(line);
		if (heading) sections.push({ level: heading[1].length, title: heading[2], lines: [] });
		else sections.at(-1).lines.push(line);
	}
	return sections;
}

function vendorReadme(manifest, rootReadme, root) {
	const label = README_LABELS[manifest.name];
	const sections = markdownSections(rootReadme);
	const need = (description, found) => {
		if (found === undefined)
			throw new Error(
				`README.md lacks ${description}: the README of ${manifest.name} is made from it (scripts/vendorPackages.js)`,
			);
		return found;
	};
	const under = (parentTitle, match) => {
		const parent = sections.findIndex(
			(section) => section.level === 2 && section.title === parentTitle,
		);
		need(`a "## ${parentTitle}" section`, parent === -1 ? undefined : parent);
		const end = sections.findIndex((section, index) => index > parent && section.level <= 2);
		const children = sections.slice(parent + 1, end === -1 ? undefined : end);
		return {
			intro: sections[parent].lines,
			child: children.find((section) => match(section.title)),
		};
	};
	const body = (lines) => lines.join('\n').trim();

	// The intro list item of this vendor, continuation lines included.
	const intro = sections[0].lines.concat(sections[1]?.lines ?? []);
	const start = intro.findIndex((line) => line.startsWith(`- **${label}**`));
	need(`an intro list item "- **${label}** …"`, start === -1 ? undefined : start);
	let end = start + 1;
	while (end < intro.length && /^ {2}\S/.test(intro[end])) end++;
	const summary = intro
		.slice(start, end)
		.map((line) => line.trim())
		.join(' ')
		.replace(/^- /, '');

	const credentials = need(
		'a "## Credentials" section',
		sections.find((section) => section.level === 2 && section.title === 'Credentials'),
	);
	const credentialLines = credentials.lines.filter(
		(line) => !line.startsWith('| **') || line.startsWith(`| **${label} `),
	);
	const operations = under('Operations', (title) => title === label);
	const everyNode = under('Operations', (title) => title === 'Every node');
	// The triggers table, this vendor's rows only (the text after it is about the sandbox).
	const triggers = under('Operations', (title) => title === 'Triggers').child;
	const triggerTable = (triggers?.lines ?? []).filter((line) => line.startsWith('|'));
	const triggerRows = triggerTable.filter((line) => line.startsWith(`| **${label} Trigger**`));
	const triggerSection = triggerRows.length
		? `### Trigger\n\n${[...triggerTable.slice(0, 2), ...triggerRows].join('\n')}\n\n`
		: '';
	const assumptions = under('Assumptions to check', (title) => title.startsWith(`${label} `));
	const tested = ['node20', 'current'].map((line) => {
		const host = readJson(path.join(repo, 'tooling', 'n8n-host', `${line}.json`));
		return `${host.dependencies.n8n} (${host.runtime ? `Node.js ${host.runtime.split('@')[1].split('.')[0]}` : 'Node.js 20'})`;
	});
	const webUrl = root.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
	const docsPage = `docs/${label.toLowerCase().replace(/[^a-z]/g, '')}.md`;

	return `# ${manifest.name}

n8n community node for ${summary}

This is the ${label} part of [${root.name}](${root.homepage}), built from the same sources, for
installs that want only ${label}. Install one or the other, not both: both define the credential
type of ${label}.

## Install in your n8n

Settings → Community Nodes → Install → \`${manifest.name}\`. The package has no runtime dependencies;
it uses the \`zod\` that n8n itself ships. Tested end to end in n8n ${tested.join(' and ')}.

## Credentials

${body(credentialLines)}

## Operations

### ${label}

${body(need(`a "### ${label}" section under "## Operations"`, operations.child).lines)}

${triggerSection}### Every node

${body(need('a "### Every node" section under "## Operations"', everyNode.child).lines)}

## Using the node as an AI tool

The ${label} node is also the **${label} Tool**, for n8n's AI Agent or any MCP client through n8n's
MCP Server Trigger. How to let the agent fill fields with \`$fromAI\`, and an example MCP server
workflow: [Using the nodes as AI tools](${root.homepage.replace(/#readme$/, '')}#using-the-nodes-as-ai-tools).

## Assumptions to check

${body(assumptions.intro)}

### ${need(`a "### ${label} …" section under "## Assumptions to check"`, assumptions.child).title}

${body(assumptions.child.lines)}

What ${label} publishes and what this node assumes, with sources: [${docsPage}](${webUrl}/blob/main/${docsPage}).
`;
}

// ---------------------------------------------------------------------------------------------
// Assembly.

/** The source files and folders behind a package's n8n entries, plus the shared code. */
function sourcePaths(manifest) {
	const paths = new Set(['nodes/shared']);
	for (const entry of manifest.n8n.nodes)
		paths.add(path.posix.dirname(entry).replace(/^dist\//, ''));
	for (const entry of manifest.n8n.credentials)
		paths.add(entry.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	return [...paths];
}

function copyInto(from, to) {
	fs.mkdirSync(path.dirname(to), { recursive: true });
	fs.cpSync(from, to, { recursive: true });
}

/**
 * Follows every relative require() from the package's n8n entries: each must resolve inside the
 * package, and anything else must be a module n8n provides. Returns the problems found.
 */
function requireProblems(packageDir, manifest) {
	const problems = [];
	const seen = new Set();
	const queue = [...manifest.n8n.nodes, ...manifest.n8n.credentials].map((entry) =>
		path.join(packageDir, entry),
	);
	while (queue.length) {
		const file = queue.shift();
		if (seen.has(file)) continue;
		seen.add(file);
		const relativeFile = path.relative(packageDir, file);
		if (!fs.existsSync(file)) {
			problems.push(`${manifest.name}: ${relativeFile} is required but missing`);
			continue;
		}
		for (const [, target] of fs.readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)) {
			if (!target.startsWith('.')) {
				if (!ALLOWED_IMPORTS.test(target))
					problems.push(
						`${manifest.name}: ${relativeFile} requires "${target}", which n8n does not provide`,
					);
				continue;
			}
			const resolved = path.resolve(path.dirname(file), target);
			const candidate = [
				resolved,
				`${resolved}.js`,
				`${resolved}.json`,
				path.join(resolved, 'index.js'),
			].find((name) => fs.existsSync(name) && fs.statSync(name).isFile());
			if (!candidate || path.relative(packageDir, candidate).startsWith('..'))
				problems.push(
					`${manifest.name}: ${relativeFile} requires "${target}", which is not in the package`,
				);
			else queue.push(candidate);
		}
	}
	return problems;
}

/** <workspace>/<name>/: package.json, README.md, the sources (for lint and the scanner), dist/. */
function assembleVendor(manifest, rootReadme, root, workspace) {
	const dir = path.join(workspace, manifest.name);
	fs.mkdirSync(dir, { recursive: true });
	for (const source of sourcePaths(manifest)) {
		copyInto(path.join(repo, source), path.join(dir, source));
		// dist/ mirrors the source tree: a folder compiles to a folder, X.ts to X.js, .js.map, .d.ts.
		const compiled = path.join(repo, 'dist', source.replace(/\.ts$/, ''));
		if (fs.existsSync(compiled)) copyInto(compiled, path.join(dir, 'dist', source));
		else {
			const prefix = path.basename(compiled);
			const folder = path.dirname(compiled);
			for (const file of fs.readdirSync(folder).filter((name) => name.startsWith(`${prefix}.`))) {
				copyInto(path.join(folder, file), path.join(dir, 'dist', path.dirname(source), file));
			}
		}
	}
	for (const file of ['tsconfig.json', 'eslint.config.mjs', 'LICENSE'])
		fs.copyFileSync(path.join(repo, file), path.join(dir, file));
	fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	fs.writeFileSync(path.join(dir, 'README.md'), vendorReadme(manifest, rootReadme, root));
	// n8n-node lint runs eslint through `npm exec` in this folder: it finds the repo's dev tools here.
	fs.symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	return dir;
}

/** `npm pack` of `dir` into `outDir`; returns npm's report (filename, files, size, unpackedSize…). */
function pack(dir, outDir) {
	const output = execFileSync('npm', ['pack', '--json', `--pack-destination=${outDir}`], {
		cwd: dir,
		env: cleanEnv(),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [report] = JSON.parse(output.toString());
	return { ...report, tarball: path.join(outDir, report.filename) };
}

/** n8n-node lint in `dir`; resolves with { ok, output }. */
function lint(dir) {
	const cli = path.join(repo, 'node_modules', '@n8n', 'node-cli', 'bin', 'n8n-node.mjs');
	// NODE_ENV as in a shell: under jest's NODE_ENV=test, eslint-plugin-n8n-nodes-base takes every file for "Test.node.ts".
	const env = { ...cleanEnv(), NODE_ENV: 'production' };
	return new Promise((resolve) => {
		execFile(
			process.execPath,
			[cli, 'lint'],
			{ cwd: dir, env, maxBuffer: 16 * 1024 * 1024 },
			(error, stdout, stderr) =>
				// eslint's colours (the CLI forces them) would only clutter a log or a test message.
				resolve({ ok: !error, output: `${stdout}${stderr}`.replace(/\x1b\[[0-9;]*m/g, '') }),
		);
	});
}

/** n8n-node lint in every vendor package at once; sets `lint` on each entry of buildPackages(). */
async function lintPackages(packages) {
	const vendors = packages.filter((entry) => entry.dir !== repo);
	const results = await Promise.all(vendors.map((entry) => lint(entry.dir)));
	vendors.forEach((entry, index) => {
		entry.lint = results[index];
	});
	return packages;
}

/**
 * Builds (unless build: false), assembles and packs all four packages (the vendor ones only with
 * vendorsOnly) into `outDir` (default .packages/; tests that run at once each take their own).
 * Returns { packages, cleanup }: one entry per package, the main one first, { name, version, dir
 * (its sources: the repo, or a temporary folder), unpacked (the tarball's content, in a temporary
 * folder), tarball, files, size, unpackedSize, entryCount }; cleanup() removes the temporary folders.
 */
function buildPackages({ build = true, vendorsOnly = false, outDir = defaultOutDir } = {}) {
	const root = readJson(path.join(repo, 'package.json'));
	const manifests = vendorManifests();
	const problems = [
		...manifests.flatMap((manifest) => manifestProblems(manifest, root)),
		...coverageProblems(manifests, root),
	];
	if (problems.length)
		throw new Error(
			`The vendor packages disagree with the main package.json:\n  ${problems.join('\n  ')}`,
		);
	if (build)
		execFileSync('npm', ['run', 'build', '--silent'], {
			cwd: repo,
			env: cleanEnv(),
			stdio: ['ignore', 'ignore', 'inherit'],
		});
	const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-packages-'));
	const cleanup = () => fs.rmSync(workspace, { recursive: true, force: true });
	try {
		const rootReadme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
		const vendors = manifests.map((manifest) => ({
			manifest,
			dir: assembleVendor(manifest, rootReadme, root, workspace),
		}));
		const packages = vendorsOnly ? vendors : [{ manifest: root, dir: repo }, ...vendors];
		const broken = packages.flatMap(({ manifest, dir }) => requireProblems(dir, manifest));
		if (broken.length)
			throw new Error(`A package would not load in n8n:\n  ${broken.join('\n  ')}`);

		fs.mkdirSync(outDir, { recursive: true });
		// Tarballs of an older version would be published along with the new ones.
		const names = new Set(packages.map(({ manifest }) => manifest.name));
		for (const old of fs.readdirSync(outDir)) {
			if (old.endsWith('.tgz') && names.has(old.replace(/-\d+\.\d+\.\d+[^/]*\.tgz$/, '')))
				fs.rmSync(path.join(outDir, old));
		}
		const entries = packages.map(({ manifest, dir }) => {
			const report = pack(dir, outDir);
			const unpacked = path.join(workspace, 'unpacked', manifest.name);
			fs.mkdirSync(unpacked, { recursive: true });
			execFileSync('tar', ['-xzf', report.tarball, '-C', unpacked, '--strip-components=1']);
			return { name: manifest.name, version: manifest.version, dir, unpacked, ...report };
		});
		return { packages: entries, cleanup };
	} catch (error) {
		cleanup();
		throw error;
	}
}

module.exports = {
	buildPackages,
	lint,
	lintPackages,
	vendorManifests,
	manifestProblems,
	coverageProblems,
	vendorReadme,
	markdownSections,
	requireProblems,
};

async function main() {
	const args = process.argv.slice(2);
	let cleanup = () => {};
	try {
		const built = buildPackages({ build: !args.includes('--no-build') });
		cleanup = built.cleanup;
		const { packages } = built;
		if (args.includes('--lint')) await lintPackages(packages);
		const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
		for (const entry of packages) {
			const lintNote = entry.lint
				? entry.lint.ok
					? ', n8n-node lint: ok'
					: ', n8n-node lint: FAILED'
				: '';
			console.log(
				`${path.relative(repo, entry.tarball)}: ${entry.entryCount} files, ${kB(entry.size)} packed, ${kB(entry.unpackedSize)} unpacked${lintNote}`,
			);
			if (entry.lint && !entry.lint.ok) console.log(entry.lint.output);
		}
		if (packages.some((entry) => entry.lint && !entry.lint.ok)) process.exitCode = 1;
	} catch (error) {
		console.error(error.message);
		process.exitCode = 1;
	} finally {
		cleanup();
	}
}

if (require.main === module) main();
