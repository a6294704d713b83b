#!/usr/bin/env node
/**
 * Prints figures, asserts nothing: requests sent, items completed and time inside n8n, for our nodes
 * against n8n's own HTTP Request node doing the same job on the same sandbox. Run: npm run bench
 */
const fs = require('node:fs');
const path = require('node:path');

const { ensureN8n, installPackage } = require('../sandbox/n8nHost');
const { startQHubMock, QHUB_SANDBOX, qhubCredential } = require('../sandbox/qhub');
const { startHumanlyMock, HUMANLY_SANDBOX, humanlyCredential } = require('../sandbox/humanly');
const { createN8n, workflow, workRoot, installedNodesDir } = require('../test/e2e/harness');

const QHUB_CREDENTIAL = { id: 'benchQHub', name: 'bench Q-Hub' };
const HUMANLY_CREDENTIAL = { id: 'benchHumanly', name: 'bench Humanly' };

function httpRequestNode(url, headers, jsonBody) {
	return {
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		onError: 'continueRegularOutput',
		parameters: {
			method: 'POST',
			url,
			sendHeaders: true,
			headerParameters: { parameters: Object.entries(headers).map(([name, value]) => ({ name, value })) },
			sendBody: true,
			specifyBody: 'json',
			jsonBody,
		},
	};
}

/** Time the engine spent, from the execution's own timestamps (not process start-up). */
function engineMs(run) {
	return Date.parse(run.execution.stoppedAt) - Date.parse(run.execution.startedAt);
}

function row(label, run, nodeName, requests) {
	const items = run.items(nodeName);
	const failed = items.filter((item) => item.error).length;
	return { label, items: items.length, failed, requests, ms: engineMs(run) };
}

function print(title, ours, theirs) {
	console.log(`\n${title}`);
	for (const r of [ours, theirs]) {
		console.log(`  ${r.label.padEnd(26)} items ${String(r.items).padStart(5)}  failed ${String(r.failed).padStart(4)}  requests ${String(r.requests).padStart(5)}  time ${String(r.ms).padStart(7)} ms`);
	}
	const ratio = (a, b) => (b === 0 ? 'n/a' : (a / b).toFixed(2));
	console.log(`  ratio ours/HTTP Request:   requests ${ratio(ours.requests, theirs.requests)}  time ${ratio(ours.ms, theirs.ms)}`);
}

async function qhubScenario(n8n, title, mockOptions, count) {
	const mock = await startQHubMock(mockOptions);
	await n8n.importCredentials([{ ...QHUB_CREDENTIAL, ...qhubCredential(mock) }]);
	const input = Array.from({ length: count }, (_, index) => ({ name: `Site ${index + 1}` }));
	const ours = await n8n.run(
		workflow({
			id: `benchQHubOurs${count}`,
			input,
			nodes: [{ name: 'Q-Hub', type: 'qHub', onError: 'continueRegularOutput', credentials: { qHubApi: QHUB_CREDENTIAL }, parameters: { resource: 'location', operation: 'create', name: '={{ $json.name }}', additionalFields: {} } }],
		}),
	);
	const oursRequests = mock.requests.length;
	mock.reset();
	await new Promise((resolve) => setTimeout(resolve, mockOptions.windowMs ?? 0));
	const theirs = await n8n.run(
		workflow({
			id: `benchQHubHttp${count}`,
			input,
			nodes: [httpRequestNode(`${mock.url}/locations`, { 'x-api-key': QHUB_SANDBOX.apiKey, 'x-api-secret': QHUB_SANDBOX.apiSecret }, '={{ JSON.stringify({ name: $json.name }) }}')],
		}),
	);
	print(title, row('Q-Hub node', ours, 'Q-Hub', oursRequests), row('HTTP Request node', theirs, 'HTTP Request', mock.requests.length));
	await mock.close();
}

async function humanlyScenario(n8n, count) {
	const mock = await startHumanlyMock({ perMinute: 100_000, perHour: 100_000 });
	await n8n.importCredentials([{ ...HUMANLY_CREDENTIAL, ...humanlyCredential(mock) }]);
	const teamId = HUMANLY_SANDBOX.teamIds[0];
	const input = Array.from({ length: count }, (_, index) => ({ firstName: 'User', lastName: String(index), email: `bench${index}@example.com` }));
	const ours = await n8n.run(
		workflow({
			id: `benchHumanlyOurs${count}`,
			input,
			nodes: [{ name: 'Humanly', type: 'humanly', onError: 'continueRegularOutput', credentials: { humanlyApi: HUMANLY_CREDENTIAL }, parameters: { resource: 'user', operation: 'create', firstName: '={{ $json.firstName }}', lastName: '={{ $json.lastName }}', email: '={{ $json.email }}', teamIds: [teamId] } }],
		}),
	);
	const oursRequests = mock.requests.length;
	mock.reset();
	const theirs = await n8n.run(
		workflow({
			id: `benchHumanlyHttp${count}`,
			input,
			nodes: [httpRequestNode(`${mock.url}/qsi/gather/users`, { 'x-api-key': HUMANLY_SANDBOX.apiKey }, `={{ JSON.stringify({ users: [{ firstName: $json.firstName, lastName: $json.lastName, email: $json.email, teamIds: ['${teamId}'] }] }) }}`)],
		}),
	);
	print(`Humanly: create ${count} users`, row('Humanly node (batched)', ours, 'Humanly', oursRequests), row('HTTP Request node', theirs, 'HTTP Request', mock.requests.length));
	await mock.close();
}

async function main() {
	ensureN8n();
	fs.rmSync(workRoot, { recursive: true, force: true });
	installPackage(installedNodesDir, path.join(workRoot, 'pack'));
	const n8n = await createN8n('bench');
	await qhubScenario(n8n, 'Q-Hub: create 50 locations, generous limit', { limit: 100_000 }, 50);
	await qhubScenario(n8n, 'Q-Hub: create 20 locations, 5 requests per 5 s window', { limit: 5, windowMs: 5_000 }, 20);
	await humanlyScenario(n8n, 1000);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
