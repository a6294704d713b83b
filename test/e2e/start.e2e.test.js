/** The README's first command: `npm start` brings up the sandboxes and an n8n that lists our nodes. */
const { execFile } = require('node:child_process');
const path = require('node:path');

const { line } = require('../../tooling/n8nHost');

test('npm start -- --check: n8n lists the three nodes (and their AI-tool variants), and each credential test passes', async () => {
	const env = {
		...process.env,
		// The line under test: npm start alone opens the current one.
		N8N_LINE: line,
		N8N_PORT: '5690',
		QHUB_PORT: '4110',
		QFLOW_PORT: '4120',
		HUMANLY_PORT: '4130',
	};
	const stdout = await new Promise((resolve, reject) => {
		execFile(
			'node',
			[path.join(__dirname, '..', '..', 'sandbox', 'start.js'), '--check'],
			{ env, timeout: 300_000 },
			(error, out, err) =>
				error ? reject(new Error(`${error.message}\n${out}\n${err}`)) : resolve(out),
		);
	});
	const result = JSON.parse(stdout.trim().split('\n').pop());
	expect(result.ok).toBe(true);
	expect(result.nodes).toEqual(
		expect.arrayContaining([
			'n8n-nodes-qhub-qflow-humanly.qHub',
			'n8n-nodes-qhub-qflow-humanly.qflow',
			'n8n-nodes-qhub-qflow-humanly.humanly',
			'n8n-nodes-qhub-qflow-humanly.qHubTool',
		]),
	);
	expect(result.credentialTests).toEqual({ qHubApi: 'OK', qflowApi: 'OK', humanlyApi: 'OK' });
}, 300_000);
