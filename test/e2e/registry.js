/**
 * A local npm registry that an unlicensed n8n installs community packages from, through its own
 * Settings → Community Nodes: n8n refuses a custom registry without a licence
 * (N8N_COMMUNITY_PACKAGES_REGISTRY needs "feat:communityNodes:customRegistry"), so n8n keeps its
 * default registry address and this module stands in for that host:
 *   - verdaccio (pinned in tooling/tools/verdaccio.json) on 127.0.0.1, empty storage, no uplinks;
 *   - a throwaway CA and a certificate for the default registry host (openssl);
 *   - a forward proxy on 127.0.0.1 that answers CONNECT (and absolute-URL requests) for that host
 *     only, with TLS under that certificate, forwarding what is asked inside to verdaccio, and
 *     refusing every other host (api.n8n.io's "is it banned?" call included: n8n takes a failure there
 *     as "allowed").
 * `n8nEnv` is what the n8n process needs to go through it (proxy, CA, a private npm cache so nothing
 * fetched from the stand-in lands in the machine's shared npm cache).
 *
 *   const registry = await startLocalRegistry();
 *   await registry.publish('/path/to/package.tgz');
 *   startN8nServer({ ..., env: registry.n8nEnv });
 *   await registry.stop();
 */
const { execFile, execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const os = require('node:os');
const path = require('node:path');

const { ensureDebianPackages } = require('../../tooling/debian');
const { hostDir, freePort } = require('../../tooling/n8nHost');
const { ensureTool } = require('../../tooling/tools');

const DOCUMENTED_DEFAULT_REGISTRY = 'https://registry.npmjs.org';
const SYSTEM_CAS = '/etc/ssl/certs/ca-certificates.crt';
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The registry n8n installs from when none is configured, as the installed n8n's own config says. */
function n8nDefaultRegistry() {
	const config = path.join(
		hostDir,
		'node_modules',
		'n8n',
		'dist',
		'modules',
		'community-packages',
		'community-packages.config.js',
	);
	const text = fs.existsSync(config) ? fs.readFileSync(config, 'utf8') : '';
	return text.match(/this\.registry\s*=\s*'([^']+)'/)?.[1] ?? DOCUMENTED_DEFAULT_REGISTRY;
}

/** A throwaway CA and a server certificate for `host` signed by it; files in `dir`. */
function makeCertificates(dir, host) {
	ensureDebianPackages({ openssl: '/usr/bin/openssl' });
	const file = (name) => path.join(dir, name);
	const openssl = (args) =>
		execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
	openssl([
		'req',
		'-x509',
		'-newkey',
		'rsa:2048',
		'-nodes',
		'-keyout',
		'ca.key',
		'-out',
		'ca.crt',
		'-days',
		'2',
		'-subj',
		'/CN=Throwaway e2e registry CA',
		'-addext',
		'basicConstraints=critical,CA:TRUE',
		'-addext',
		'keyUsage=critical,keyCertSign,cRLSign',
	]);
	openssl([
		'req',
		'-newkey',
		'rsa:2048',
		'-nodes',
		'-keyout',
		'host.key',
		'-out',
		'host.csr',
		'-subj',
		`/CN=${host}`,
	]);
	fs.writeFileSync(
		file('host.ext'),
		`subjectAltName=DNS:${host}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n`,
	);
	openssl([
		'x509',
		'-req',
		'-in',
		'host.csr',
		'-CA',
		'ca.crt',
		'-CAkey',
		'ca.key',
		'-CAcreateserial',
		'-out',
		'host.crt',
		'-days',
		'2',
		'-extfile',
		'host.ext',
	]);
	// npm's cafile replaces its whole CA list: keep the system's next to ours.
	const system = fs.existsSync(SYSTEM_CAS) ? fs.readFileSync(SYSTEM_CAS, 'utf8') : '';
	fs.writeFileSync(file('bundle.crt'), `${system}\n${fs.readFileSync(file('ca.crt'), 'utf8')}`);
	return {
		ca: file('ca.crt'),
		bundle: file('bundle.crt'),
		key: fs.readFileSync(file('host.key')),
		cert: fs.readFileSync(file('host.crt')),
	};
}

async function waitForPing(url, child, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null)
			throw new Error(`verdaccio exited with code ${child.exitCode} before it answered`);
		try {
			if ((await fetch(`${url}/-/ping`)).ok) return;
		} catch {
			// not listening yet
		}
		await pause(200);
	}
	throw new Error(`verdaccio did not answer on ${url} within ${timeoutMs / 1000} s`);
}

/**
 * Starts verdaccio and the stand-in proxy. `host`: the registry host to stand in for (default: the
 * one n8n uses). `workDir`: where storage, certificates and logs go (default: a new temp folder,
 * removed by stop()).
 */
async function startLocalRegistry({ registry = n8nDefaultRegistry(), workDir } = {}) {
	const host = new URL(registry).hostname;
	const ownDir = !workDir;
	const dir = workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-registry-'));
	fs.mkdirSync(dir, { recursive: true });
	const tls = makeCertificates(dir, host);

	// verdaccio: anyone may read, a signed-up user may publish, nothing is fetched from elsewhere.
	const verdaccioDir = ensureTool('verdaccio');
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const config = path.join(dir, 'verdaccio.yaml');
	fs.writeFileSync(
		config,
		[
			`storage: ${JSON.stringify(path.join(dir, 'storage'))}`,
			'auth:',
			'  htpasswd:',
			`    file: ${JSON.stringify(path.join(dir, 'htpasswd'))}`,
			'    max_users: 10',
			'uplinks: {}',
			'packages:',
			"  '**':",
			'    access: $all',
			'    publish: $authenticated',
			'    unpublish: $authenticated',
			'web:',
			'  enable: false',
			'log: { type: stdout, format: pretty, level: warn }',
			'',
		].join('\n'),
	);
	const logFile = path.join(dir, 'verdaccio.log');
	const output = fs.openSync(logFile, 'a');
	const verdaccio = spawn(
		process.execPath,
		[
			path.join(verdaccioDir, 'node_modules', 'verdaccio', 'bin', 'verdaccio'),
			'--config',
			config,
			'--listen',
			`127.0.0.1:${port}`,
		],
		{
			stdio: ['ignore', output, output],
		},
	);
	fs.closeSync(output);
	const verdaccioExited = new Promise((resolve) => verdaccio.once('exit', resolve));

	// Everything asked of the stand-in host, and every other host refused: for the tests to read.
	const requests = [];
	const refused = [];
	const forward = (req, res, pathAndQuery) => {
		requests.push(`${req.method} ${pathAndQuery}`);
		// verdaccio writes tarball addresses from these: they then point at the stand-in host too.
		const headers = { ...req.headers, host, 'x-forwarded-proto': 'https' };
		const upstream = http.request(
			{ host: '127.0.0.1', port, method: req.method, path: pathAndQuery, headers },
			(answer) => {
				res.writeHead(answer.statusCode, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', (error) => res.destroy(error));
		req.pipe(upstream);
	};
	const inside = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) =>
		forward(req, res, req.url),
	);
	const proxy = http.createServer((req, res) => {
		// An absolute-URL request (axios sends https requests to a plain-HTTP proxy this way).
		let target;
		try {
			target = new URL(req.url);
		} catch {
			target = undefined;
		}
		if (target?.hostname === host) return forward(req, res, `${target.pathname}${target.search}`);
		refused.push(`${req.method} ${req.url}`);
		res.writeHead(403, { 'content-type': 'text/plain' }).end(`This test proxy serves ${host} only`);
	});
	proxy.on('connect', (req, socket, head) => {
		const [connectHost, connectPort] = req.url.split(':');
		socket.on('error', () => {});
		if (connectHost !== host || connectPort !== '443') {
			refused.push(`CONNECT ${req.url}`);
			socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
			return;
		}
		socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
		if (head.length) socket.unshift(head);
		inside.emit('connection', socket);
	});
	const sockets = new Set();
	proxy.on('connection', (socket) => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
	});
	const proxyPort = await new Promise((resolve, reject) => {
		proxy.once('error', reject);
		proxy.listen(0, '127.0.0.1', () => resolve(proxy.address().port));
	});

	const stop = async () => {
		for (const socket of sockets) socket.destroy();
		await new Promise((resolve) => proxy.close(() => resolve()));
		if (verdaccio.exitCode === null && verdaccio.signalCode === null) verdaccio.kill('SIGTERM');
		await verdaccioExited;
		if (ownDir) fs.rmSync(dir, { recursive: true, force: true });
	};

	try {
		await waitForPing(url, verdaccio, 60_000);
	} catch (error) {
		const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : '';
		await stop().catch(() => {});
		throw new Error(`${error.message}\n${log}`);
	}

	// A throwaway publisher, signed up on this empty registry only; its token lives in a private npmrc.
	const user = {
		name: 'e2e-publisher',
		password: `pw-${process.pid}-${Date.now()}`,
		email: 'e2e-publisher@example.com',
	};
	const signUp = await fetch(`${url}/-/user/org.couchdb.user:${user.name}`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ ...user, type: 'user', roles: [], date: new Date().toISOString() }),
	});
	const { token } = await signUp.json();
	if (!signUp.ok || !token) {
		await stop();
		throw new Error(`verdaccio refused the throwaway user: ${signUp.status}`);
	}
	const npmrc = path.join(dir, 'publisher.npmrc');
	fs.writeFileSync(npmrc, `//127.0.0.1:${port}/:_authToken=${token}\n`);

	const npmEnv = Object.fromEntries(
		Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)),
	);
	const proxyUrl = `http://127.0.0.1:${proxyPort}`;
	return {
		/** verdaccio's own address (publish and read here directly, without the proxy). */
		url,
		/** The address n8n believes it installs from. */
		registry,
		requests,
		refused,
		/**
		 * Publishes an `npm pack` tarball; resolves with its name and version. Asynchronous, so n8n can
		 * start meanwhile (and so a caller's proxy, in this same process, keeps answering).
		 */
		async publish(tarball) {
			await new Promise((resolve, reject) => {
				execFile(
					'npm',
					[
						'publish',
						tarball,
						`--registry=${url}`,
						`--userconfig=${npmrc}`,
						'--access=public',
						'--loglevel=error',
					],
					{ env: npmEnv },
					(error, stdout, stderr) =>
						error
							? reject(
									new Error(
										`npm publish ${path.basename(tarball)} failed: ${error.message}\n${stderr}`,
									),
								)
							: resolve(),
				);
			});
			const manifest = JSON.parse(
				execFileSync('tar', ['-xzOf', tarball, 'package/package.json']).toString(),
			);
			return { name: manifest.name, version: manifest.version };
		},
		/** Added to n8n's environment: its installs then reach this registry at the default address. */
		n8nEnv: {
			HTTPS_PROXY: proxyUrl,
			https_proxy: proxyUrl,
			NO_PROXY: '127.0.0.1,localhost',
			no_proxy: '127.0.0.1,localhost',
			NODE_EXTRA_CA_CERTS: tls.ca,
			npm_config_cafile: tls.bundle,
			npm_config_cache: path.join(dir, 'npm-cache'),
		},
		stop,
	};
}

module.exports = { startLocalRegistry, n8nDefaultRegistry };
