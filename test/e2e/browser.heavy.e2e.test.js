/**
 * The package the way users get it and use it, in a real browser (headless Chromium) on a running
 * n8n 2.8.4 that starts with NO community package:
 *   1. Settings → Community Nodes → Install fetches it from an npm registry (a local verdaccio standing
 *      in for n8n's default registry host: test/e2e/registry.js) and the card lists our three nodes;
 *   2. a credential's test (Qflow's, which signs in) passes with the right password and shows the
 *      sign-in's own message with a wrong one;
 *   3. HTTP Request → Authentication → Predefined Credential Type offers our three credentials, and a
 *      call through each reaches its sandbox (Qflow's token from the credential's sign-in);
 *   4. each node is found in the node panel with its icon, lists its actions, and one operation per
 *      vendor runs from the editor with the sandbox credential preselected.
 * The tests share one n8n and one browser and run in this order (each needs the install). Screenshots
 * go to .test-results/screenshots/; the ones the docs show are copied to docs/screenshots/. Heavy:
 * node20 line only.
 */
const fs = require('node:fs');
const path = require('node:path');

const { freePort, PACKAGE, repo } = require('../../tooling/n8nHost');
const { startN8nServer } = require('../../tooling/n8nServer');
const { startQHubMock, qhubCredential } = require('../../sandbox/qhub');
const { startQflowMock, qflowCredential, QFLOW_SANDBOX } = require('../../sandbox/qflow');
const { startHumanlyMock, humanlyCredential } = require('../../sandbox/humanly');
const { workRoot } = require('./harness');
const { startLocalRegistry } = require('./registry');
const B = require('./browser');

const SCREENSHOTS = path.join(repo, '.test-results', 'screenshots');
/** The screenshots the README and docs show, retaken by every run: docs/screenshots/<name>.png. */
const DOCS_SCREENSHOTS = {
	'01-community-nodes-install-dialog': 'community-nodes-install',
	'02-community-nodes-installed': 'community-nodes-installed',
	'04-credential-test-wrong-password': 'qflow-credential-test-wrong-password',
	'05-http-request-predefined-credential-types': 'http-request-predefined-credential-types',
	'06-http-request-qflow': 'http-request-qflow-sandbox-call',
	'08-node-panel-actions-qhub': 'node-panel-qhub-actions',
	'09-run-qhub': 'qhub-create-location-run',
	'10-workflow-of-the-three-nodes': 'workflow-qhub-qflow-humanly',
};
const STEP = 300_000;
const SECRET_FIELD = /key|secret|password|token/i;

const VENDORS = {
	qhub: { node: 'Q-Hub', credentialType: 'Q-Hub API', credential: 'Q-Hub sandbox' },
	qflow: { node: 'Qflow', credentialType: 'Qflow API', credential: 'Qflow sandbox' },
	humanly: { node: 'Humanly', credentialType: 'Humanly API', credential: 'Humanly sandbox' },
};

let mocks;
let registry;
let n8n;
let browser;
let page;
let credentials;
let n8nLog;
const phases = {};

/** Runs `fn` and keeps its wall time for the summary line printed at the end. */
async function timed(name, fn) {
	const started = Date.now();
	try {
		return await fn();
	} finally {
		phases[name] = Math.round((Date.now() - started) / 100) / 10;
	}
}

/** Requests a mock received after `from` (an index into its log), as "METHOD path status". */
const received = (mock, from = 0) =>
	mock.requests.slice(from).map((request) => `${request.method} ${request.path} ${request.status}`);

beforeAll(async () => {
	await timed('setup', async () => {
		mocks = {
			qhub: await startQHubMock(),
			qflow: await startQflowMock(),
			humanly: await startHumanlyMock(),
		};
		credentials = [
			{ id: 'qhubSandbox', name: VENDORS.qhub.credential, ...qhubCredential(mocks.qhub) },
			{ id: 'qflowSandbox', name: VENDORS.qflow.credential, ...qflowCredential(mocks.qflow) },
			{
				id: 'humanlySandbox',
				name: VENDORS.humanly.credential,
				...humanlyCredential(mocks.humanly),
			},
		];
		const packDir = path.join(workRoot, 'pack');
		const tarball = fs.readdirSync(packDir).find((file) => file.endsWith('.tgz'));
		if (!tarball) throw new Error(`No packed tarball in ${packDir}: the e2e globalSetup packs one`);

		registry = await timed('setup.registry', () =>
			startLocalRegistry({ workDir: fs.mkdtempSync(path.join(workRoot, 'registry-')) }),
		);
		// A user folder of its own whose .n8n/nodes stays empty: the package must come from the registry.
		const userFolder = fs.mkdtempSync(path.join(workRoot, 'browser-'));
		n8nLog = path.join(userFolder, 'n8n.log');
		const port = await freePort();
		// The three slow starts overlap: publishing, n8n, Chromium.
		// Each handle is kept as soon as it exists, so afterAll stops it even when another start failed.
		const [published] = await Promise.all([
			timed('setup.publish', () => registry.publish(path.join(packDir, tarball))),
			timed('setup.n8n', async () => {
				n8n = await startN8nServer({
					userFolder,
					port,
					credentials,
					env: registry.n8nEnv,
					log: n8nLog,
				});
			}),
			timed('setup.chromium', async () => {
				browser = await B.launchBrowser({ screenshots: SCREENSHOTS });
			}),
		]);
		page = browser.page;
		expect(published.name).toBe(PACKAGE);
		expect(fs.existsSync(path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE))).toBe(
			false,
		);
		await B.signIn(page, n8n.url, n8n.owner);
	});
}, 900_000);

afterAll(async () => {
	for (const [shot, kept] of Object.entries(DOCS_SCREENSHOTS)) {
		const taken = path.join(SCREENSHOTS, `${shot}.png`);
		if (fs.existsSync(taken))
			fs.copyFileSync(taken, path.join(repo, 'docs', 'screenshots', `${kept}.png`));
	}
	await browser?.close().catch(() => {});
	await n8n?.stop();
	await registry?.stop();
	await Promise.all(Object.values(mocks ?? {}).map((mock) => mock.close()));
	process.stderr.write(`browser e2e phases (s): ${JSON.stringify(phases)}\n`);
}, 120_000);

test(
	'Settings → Community Nodes → Install takes the package from the npm registry and lists every node of it',
	() =>
		timed('install', async () => {
			await page.goto(`${n8n.url}/home/workflows`);
			await page.locator('[data-test-id="main-sidebar-settings"]').click();
			await page.locator('[data-test-id="settings-community-nodes"]').click();
			await page.getByRole('button', { name: 'Install a community node' }).click();
			const dialog = page.locator('[data-test-id="communityPackageInstall-modal"]');
			await dialog.locator('[data-test-id="package-name-input"]').fill(PACKAGE);
			await dialog.locator('[data-test-id="user-agreement-checkbox"]').click();
			await browser.shot('01-community-nodes-install-dialog');
			await dialog.locator('[data-test-id="install-community-package-button"]').click();
			await dialog.waitFor({ state: 'hidden', timeout: 240_000 });

			const card = page.locator('[data-test-id="community-package-card"]', { hasText: PACKAGE });
			await card.waitFor();
			await browser.shot('02-community-nodes-installed');
			const text = await card.innerText();
			// The card names every node of the package, triggers included (package.json's n8n.nodes).
			const names = require(path.join(repo, 'package.json'))
				.n8n.nodes.map((file) => {
					const NodeClass = Object.values(require(path.join(repo, file)))[0];
					return new NodeClass().description.displayName;
				})
				.sort();
			expect(text).toMatch(new RegExp(`${names.length} nodes:\\s*${names.join(',\\s*')}`));
			expect(text).toContain(`v${require(path.join(repo, 'package.json')).version}`);

			// It came from the registry, through the stand-in for n8n's default registry address.
			expect(registry.requests).toEqual(
				expect.arrayContaining([
					`GET /${PACKAGE}`,
					expect.stringMatching(new RegExp(`^GET /${PACKAGE}/-/${PACKAGE}-.*\\.tgz$`)),
				]),
			);
			const installed = path.join(
				n8n.userFolder,
				'.n8n',
				'nodes',
				'node_modules',
				PACKAGE,
				'package.json',
			);
			expect(JSON.parse(fs.readFileSync(installed, 'utf8')).name).toBe(PACKAGE);
		}),
	STEP,
);

test(
	"a credential's test: 'Connection tested successfully' with the right password, the sign-in's own message with a wrong one",
	() =>
		timed('credentialTest', async () => {
			await page.goto(`${n8n.url}/home/credentials`);
			const tested = () =>
				page.waitForResponse(
					(response) =>
						response.url().includes('/rest/credentials/test') &&
						response.request().method() === 'POST',
				);
			const status = async (response) => (await (await response).json()).data?.status;
			// Opening a saved credential tests it; Retry is the test button.
			const opened = tested();
			await page
				.locator('[data-test-id="resources-list-item"]', { hasText: VENDORS.qflow.credential })
				.click();
			const modal = page.locator('[data-test-id="editCredential-modal"]');
			expect(await status(opened)).toBe('OK');
			const success = modal.getByText('Connection tested successfully');
			await success.waitFor();
			const from = mocks.qflow.requests.length;
			const retried = tested();
			await modal.getByRole('button', { name: 'Retry' }).click();
			expect(await status(retried)).toBe('OK');
			await success.waitFor();
			// The credential's test call, which needs both the token and the subscription key.
			expect(received(mocks.qflow, from)).toContain('GET /users/v1/api/users/total 200');
			await browser.shot('03-credential-test-ok');

			// Runs while the credential holds no token, as when a user sets it up. Once it holds one (a
			// node run or a test stores it), n8n's test reuses the token and skips the sign-in, so a
			// wrong password still tests "successfully" until the token expires.
			const password = modal.locator('[data-test-id="parameter-input-password"] input');
			await password.fill('Not-The-Password-9');
			const refused = tested();
			await modal.locator('[data-test-id="credential-save-button"]').click();
			expect(await status(refused)).toBe('Error');
			await modal.getByText('Couldn’t connect with these settings').waitFor();
			await modal.getByText('More details').click();
			const details = modal.getByText(/Sign-in refused/);
			await details.waitFor();
			expect(await details.innerText()).toMatch(/Username or Password is wrong/);
			expect(await details.innerText()).not.toContain('Not-The-Password-9');
			await browser.shot('04-credential-test-wrong-password');

			// Put the right password back, as a user fixing it would.
			await password.fill(QFLOW_SANDBOX.password);
			const fixed = tested();
			await modal.locator('[data-test-id="credential-save-button"]').click();
			expect(await status(fixed)).toBe('OK');
			await success.waitFor();
		}),
	STEP,
);

test(
	'HTTP Request → Predefined Credential Type offers our three credentials, and each call reaches its sandbox',
	() =>
		timed('httpRequest', async () => {
			// Paths the nodes do not cover (Q-Hub's user list) or cover otherwise: the escape hatch. One
			// HTTP Request node per vendor in one workflow; Qflow's, which answers three items, comes last.
			const calls = {
				qhub: { url: `${mocks.qhub.url}/users`, column: 'data', answered: 'GET /users 200' },
				humanly: {
					url: `${mocks.humanly.url}/qsi/gather/teams`,
					column: 'data',
					answered: 'GET /qsi/gather/teams 200',
				},
				qflow: {
					url: `${mocks.qflow.url}/users/v1/api/users?page=1&pageSize=3`,
					column: 'email',
					answered: 'GET /users/v1/api/users 200',
				},
			};
			let first = true;
			for (const [vendor, call] of Object.entries(calls)) {
				const { credentialType, credential } = VENDORS[vendor];
				const creator = first
					? await B.searchNodePanel(page, n8n.url, 'HTTP Request')
					: await B.searchNextNode(page, 'HTTP Request');
				await creator
					.locator('[data-test-id="node-creator-item-name"]', { hasText: /^HTTP Request$/ })
					.click();
				const ndv = page.locator('[data-test-id="ndv"]');
				await ndv.waitFor();
				await B.chooseOption(page, ndv, 'authentication', 'Predefined Credential Type');
				if (first) {
					// What a user sees typing "Q": our two Q credentials among n8n's own.
					await ndv
						.locator('[data-test-id="parameter-input-nodeCredentialType"] input[role="combobox"]')
						.first()
						.click();
					await page.keyboard.type('Q');
					await page
						.locator('.el-select-dropdown__item:visible', { hasText: 'Qflow API' })
						.waitFor();
					await browser.shot('05-http-request-predefined-credential-types');
					await page.keyboard.press('Escape');
				}
				const typed = credentialType.split(' ')[0];
				expect(await B.dropdownOptions(page, ndv, 'nodeCredentialType', typed)).toContain(
					credentialType,
				);
				await B.chooseOption(page, ndv, 'nodeCredentialType', credentialType, { type: typed });
				// The only credential of the type is preselected.
				expect(await B.selectedCredential(ndv)).toBe(credential);
				await ndv.locator('[data-test-id="parameter-input-url"] input').fill(call.url);

				const mock = mocks[vendor];
				// A fresh Qflow sandbox voids the token the credential test stored: the call must sign in.
				if (vendor === 'qflow') mock.reset();
				const from = mock.requests.length;
				const signInsBefore = vendor === 'qflow' ? mock.counters.passwordGrants : undefined;
				const rows = await timed(`httpRequest.${vendor}.execute`, () => B.executeStep(ndv));
				await browser.shot(`06-http-request-${vendor}`);
				expect(rows.length).toBeGreaterThan(0);
				expect(Object.keys(rows[0])).toContain(call.column);
				expect(received(mock, from)).toContain(call.answered);
				if (vendor === 'qflow') {
					// Refused with the void token, then sent again with one from the credential's sign-in.
					expect(mock.counters.passwordGrants).toBeGreaterThan(signInsBefore);
					expect(received(mock, from)).toContain('GET /users/v1/api/users 401');
				}
				first = false;
			}
		}),
	STEP,
);

test(
	'each node: found in the node panel with its icon, its actions listed, one operation run with the sandbox credential',
	() =>
		timed('nodes', async () => {
			const { json: types } = await n8n.api('GET', '/types/nodes.json');
			const ours = types.filter(
				(type) => type.name.startsWith(`${PACKAGE}.`) && !type.name.endsWith('Tool'),
			);
			const runs = {
				qhub: {
					action: 'Create a location',
					fill: async (ndv) =>
						ndv.locator('[data-test-id="parameter-input-name"] input').fill('Browser Test Site'),
					check: (rows, log) => {
						expect(rows).toEqual([
							expect.objectContaining({
								name: 'Browser Test Site',
								status: 'active',
								id: expect.stringMatching(/\S/),
							}),
						]);
						expect(log).toContain('POST /locations 201');
					},
				},
				qflow: {
					action: 'Count users',
					check: (rows, log) => {
						expect(rows).toEqual([{ total: expect.stringMatching(/^[1-9]\d*$/) }]);
						expect(log).toContain('GET /users/v1/api/users/total 200');
					},
				},
				humanly: {
					action: 'Get many teams',
					check: (rows, log) => {
						expect(rows.length).toBeGreaterThan(0);
						expect(rows.every((row) => row.id && row.name)).toBe(true);
						expect(log).toContain('GET /qsi/gather/teams 200');
					},
				},
			};
			// One workflow, as a user would build it: Manual Trigger → Q-Hub → Qflow → Humanly.
			let first = true;
			for (const [vendor, run] of Object.entries(runs)) {
				const { node, credential } = VENDORS[vendor];
				const type = ours.find((candidate) => candidate.displayName === node);
				expect(type).toBeDefined();
				const actions = [
					...new Set(
						type.properties
							.filter((p) => p.name === 'operation')
							.flatMap((p) => p.options.map((o) => o.action))
							.filter(Boolean),
					),
				];
				const triggers = types.filter(
					(candidate) =>
						candidate.name.startsWith(`${PACKAGE}.`) &&
						candidate.group.includes('trigger') &&
						candidate.displayName.startsWith(node),
				);

				const creator = first
					? await B.searchNodePanel(page, n8n.url, node)
					: await B.searchNextNode(page, node);
				const found = await B.panelNodes(creator);
				expect(found).toContainEqual({
					name: node,
					icon: { src: expect.stringContaining(`/icons/${PACKAGE}/`), loaded: true },
				});
				await browser.shot(`07-node-panel-search-${vendor}`);

				const listed = await B.openPanelNode(creator, node);
				await browser.shot(`08-node-panel-actions-${vendor}`);
				// The node's own entries carry its icon; the others are n8n's trigger suggestions.
				const ownEntries = listed.entries
					.filter((entry) => entry.icon?.includes(`/icons/${PACKAGE}/`))
					.map((entry) => entry.name);
				// A node with triggers of its own lists them (with its icon) besides the actions.
				expect(ownEntries).toEqual(expect.arrayContaining(actions));
				// On an empty workflow the panel lists the node's triggers too (with none, it says so); once
				// the workflow has a trigger, it offers actions only.
				if (first) {
					expect(ownEntries.filter((name) => !actions.includes(name)).length > 0).toBe(
						triggers.length > 0,
					);
					expect(listed.noTriggers).toBe(triggers.length === 0);
				}

				const ndv = await B.chooseAction(page, creator, run.action);
				expect(await B.selectedCredential(ndv)).toBe(credential);
				await run.fill?.(ndv);
				const mock = mocks[vendor];
				const from = mock.requests.length;
				const rows = await timed(`nodes.${vendor}.execute`, () => B.executeStep(ndv));
				await browser.shot(`09-run-${vendor}`);
				run.check(rows, received(mock, from));
				first = false;
			}
			await B.showCanvas(page);
			// n8n names a node after its operation's action: short names, as n8n's own nodes get.
			expect(await B.canvasNodeNames(page)).toEqual([
				'When clicking ‘Execute workflow’',
				...Object.values(runs).map((run) => run.action),
			]);
			await browser.shot('10-workflow-of-the-three-nodes');
		}),
	STEP,
);

test("no credential secret in n8n's own log", () => {
	const secrets = credentials.flatMap(({ data }) =>
		Object.entries(data)
			.filter(
				([field, value]) =>
					SECRET_FIELD.test(field) && typeof value === 'string' && value.length >= 6,
			)
			.map(([, value]) => value),
	);
	expect(secrets.length).toBeGreaterThan(3);
	const log = fs.readFileSync(n8nLog, 'utf8');
	expect(log).toMatch(/Community package installed/);
	expect(secrets.filter((secret) => log.includes(secret))).toEqual([]);
});
