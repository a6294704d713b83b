/**
 * A small HTTP proxy in front of a sandbox, for the bench: it adds latency to every answer (a vendor
 * across the internet, not on localhost), can drop response headers (a vendor that announces no rate
 * limit), and can run a hook once before the first request it forwards (another client spending the
 * key just before the run starts; rearm() runs it again before the next run).
 */
const http = require('node:http');

async function startProxy(target, { delayMs = 0, dropHeaders = [], beforeFirst } = {}) {
	const upstream = new URL(target);
	const agent = new http.Agent({ keepAlive: true });
	const dropped = new Set(dropHeaders.map((name) => name.toLowerCase()));
	let firstDone;

	function forward(req, body) {
		return new Promise((resolve, reject) => {
			const request = http.request(
				{
					host: upstream.hostname,
					port: upstream.port,
					method: req.method,
					path: req.url,
					headers: { ...req.headers, host: upstream.host },
					agent,
				},
				(response) => {
					const chunks = [];
					response.on('data', (chunk) => chunks.push(chunk));
					response.on('end', () =>
						resolve({
							status: response.statusCode,
							headers: response.headers,
							body: Buffer.concat(chunks),
						}),
					);
					response.on('error', reject);
				},
			);
			request.on('error', reject);
			request.end(body);
		});
	}

	const server = http.createServer(async (req, res) => {
		try {
			firstDone ??= Promise.resolve(beforeFirst?.());
			await firstDone;
			const chunks = [];
			for await (const chunk of req) chunks.push(chunk);
			const answer = await forward(req, Buffer.concat(chunks));
			await new Promise((resolve) => setTimeout(resolve, delayMs));
			const headers = Object.fromEntries(
				Object.entries(answer.headers).filter(
					([name]) => !dropped.has(name) && name !== 'transfer-encoding',
				),
			);
			res.writeHead(answer.status, { ...headers, 'content-length': answer.body.length });
			res.end(answer.body);
		} catch (error) {
			res.writeHead(502, { 'content-type': 'text/plain' });
			res.end(`bench proxy: ${error.message}`);
		}
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		rearm() {
			firstDone = undefined;
		},
		close() {
			agent.destroy();
			server.closeAllConnections();
			return new Promise((resolve) => server.close(resolve));
		},
	};
}

module.exports = { startProxy };
