#!/usr/bin/env node
/**
 * Runs an npm command that takes minutes (installing n8n) and says what it is doing, instead of
 * minutes of silence:
 *   - a line every 15 s on a terminal, every 30 s otherwise (a CI log stays short), with the elapsed
 *     time and npm's current phase: resolving manifests, downloading tarballs, running a package's
 *     install script;
 *   - npm's own warnings, one line each (their details summed up or left out, see createProgress);
 *   - at the end, how long it took, or on failure npm's last log lines and its exit code.
 * It runs as a process of its own so that synchronous callers (ensureN8n in tooling/n8nHost.js) can
 * wait for it with execFileSync and still get progress lines.
 *
 *   node tooling/npmProgress.js --label "n8n 2.8.4 install" [--every <seconds>] -- <npm arguments>
 *
 * NPM_PROGRESS_NPM names another npm executable (the tests use a fake one).
 */
const { spawn } = require('node:child_process');

/** A download pause this long means npm has moved on to unpacking what it fetched. */
const UNPACKING_AFTER_MS = 20_000;
/** The detail lines of npm's multi-line ERESOLVE (peer dependency) warning: summed up, not shown. */
const PEER_DETAIL =
	/^(While resolving:|Found:|Could not resolve dependency:|Conflicting peer dependency:|Fix the upstream|node_modules\/|peer |peerOptional |\d+ more|\s|$)/;

/**
 * What npm is doing, read from its `--loglevel=info` lines on stderr, and which of its warnings to
 * show. npm's multi-line warnings would fill a CI log (n8n's install prints about 100 lines of peer
 * dependency details): one-line warnings are shown, the peer-dependency and engine warnings are summed
 * up at the end, and the detail lines of others are left out.
 */
function createProgress(now = Date.now) {
	const state = {
		manifests: 0,
		tarballs: 0,
		lastPackage: undefined,
		lastFetchAt: 0,
		running: new Set(),
		scriptsRun: 0,
	};
	const peerOverrides = { count: 0, resolving: new Set() };
	const engines = new Map();
	let enginePackage;
	const shown = new Set();
	const showOnce = (line) => {
		if (shown.has(line)) return undefined;
		shown.add(line);
		return line;
	};
	return {
		state,
		/** Reads one stderr line; returns the line to show now (npm's warnings and errors), if any. */
		read(line) {
			const fetched = /^npm http (?:fetch GET \d+|cache) (\S+)/.exec(line);
			if (fetched) {
				state.lastFetchAt = now();
				const url = fetched[1];
				const tarball = /\/-\/([^/]+)\.tgz/.exec(url);
				if (tarball) {
					state.tarballs++;
					state.lastPackage = tarball[1];
				} else state.manifests++;
				return undefined;
			}
			const script = /^npm info run (\S+) (\S+) (.*)$/.exec(line);
			if (script) {
				// "npm info run pkg@1.0.0 install node_modules/pkg <command>" starts it, "… { code: 0 …" ends it;
				// npm runs several at once.
				const name = `${script[1]} (${script[2]})`;
				if (script[3].startsWith('{')) {
					state.running.delete(name);
					state.scriptsRun++;
				} else state.running.add(name);
				return undefined;
			}
			if (/^npm (error|ERR!)/.test(line)) return showOnce(line);
			const warning = /^npm warn (.*)$/.exec(line);
			if (!warning) return undefined;
			const text = warning[1];
			if (text.startsWith('ERESOLVE')) {
				peerOverrides.count++;
				return undefined;
			}
			const engine = /^EBADENGINE\s+(?:package: '([^']+)'|required: \{ node: '([^']+)' \})/.exec(
				text,
			);
			if (engine) {
				if (engine[1]) enginePackage = engine[1];
				else if (enginePackage) engines.set(enginePackage, engine[2]);
				return undefined;
			}
			if (text.startsWith('EBADENGINE')) return undefined;
			if (PEER_DETAIL.test(text)) {
				const resolving = /^While resolving: (\S+)/.exec(text);
				if (resolving) peerOverrides.resolving.add(resolving[1]);
				return undefined;
			}
			// Other warnings: the first line of each ("code text"), not its indented details.
			if (/^\S+ {2}|^\S+$/.test(text)) return undefined;
			return showOnce(line);
		},
		/** The warnings summed up, shown once npm is done. */
		summary() {
			const lines = [];
			if (peerOverrides.count) {
				const names = [...peerOverrides.resolving];
				lines.push(
					`npm warn ERESOLVE: peer dependency conflicts overridden while resolving ${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''}`,
				);
			}
			if (engines.size) {
				const list = [...engines].map(([name, wanted]) => `${name} (node ${wanted})`);
				lines.push(
					`npm warn EBADENGINE: ${engines.size} packages ask for another Node.js: ${list.slice(0, 5).join(', ')}${list.length > 5 ? ` and ${list.length - 5} more` : ''}`,
				);
			}
			return lines;
		},
		/** One short phrase: what npm is busy with now. */
		describe() {
			if (state.running.size)
				return `running the install scripts of ${[...state.running].join(', ')}`;
			if (state.scriptsRun) return `running install scripts (${state.scriptsRun} done)`;
			if (state.tarballs && now() - state.lastFetchAt >= UNPACKING_AFTER_MS)
				return `unpacking packages into node_modules (${state.tarballs} downloaded)`;
			if (state.tarballs)
				return `downloading packages (${state.tarballs} so far, last ${state.lastPackage})`;
			if (state.manifests)
				return `resolving the dependency tree (${state.manifests} package manifests read)`;
			return 'starting npm';
		},
	};
}

function formatDuration(ms) {
	const seconds = Math.round(ms / 1000);
	const minutes = Math.floor(seconds / 60);
	return minutes ? `${minutes}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}

function parseArgs(argv) {
	const split = argv.indexOf('--');
	const own = split === -1 ? argv : argv.slice(0, split);
	const npmArgs = split === -1 ? [] : argv.slice(split + 1);
	const flag = (name) => {
		const at = own.indexOf(name);
		return at === -1 ? undefined : own[at + 1];
	};
	return {
		label: flag('--label') ?? `npm ${npmArgs[0] ?? ''}`.trim(),
		every: flag('--every'),
		npmArgs,
	};
}

function main() {
	const { label, every, npmArgs } = parseArgs(process.argv.slice(2));
	const out = (line) => process.stderr.write(`${line}\n`);
	const everyMs = every ? Number(every) * 1000 : process.stderr.isTTY ? 15_000 : 30_000;
	const started = Date.now();
	const progress = createProgress();
	const tail = [];

	// --loglevel=info (given last, so it wins) is what carries the fetches and install scripts.
	const child = spawn(process.env.NPM_PROGRESS_NPM || 'npm', [...npmArgs, '--loglevel=info'], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let summary = '';
	child.stdout.on('data', (chunk) => {
		summary += chunk;
	});
	let pending = '';
	child.stderr.on('data', (chunk) => {
		pending += chunk;
		const lines = pending.split('\n');
		pending = lines.pop();
		for (const line of lines) {
			tail.push(line);
			if (tail.length > 40) tail.shift();
			const show = progress.read(line);
			if (show) out(`  ${show}`);
		}
	});
	const timer = setInterval(
		() => out(`  ${label}: ${formatDuration(Date.now() - started)}, ${progress.describe()}`),
		everyMs,
	);
	child.on('error', (error) => {
		clearInterval(timer);
		out(`${label} could not start npm: ${error.message}`);
		process.exit(1);
	});
	child.on('close', (code, signal) => {
		clearInterval(timer);
		for (const line of progress.summary()) out(`  ${line}`);
		const took = formatDuration(Date.now() - started);
		if (code === 0) {
			const added = /added \d+ packages?/.exec(summary)?.[0];
			out(`${label}: done in ${took}${added ? ` (${added})` : ''}`);
			process.exit(0);
		}
		out(`${label} failed after ${took} (npm exit ${code ?? signal}); npm's last lines:`);
		for (const line of tail) if (/^npm (error|ERR!)/.test(line)) out(`  ${line}`);
		process.exit(code || 1);
	});
}

module.exports = { createProgress, formatDuration };

if (require.main === module) main();
