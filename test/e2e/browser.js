/**
 * A real browser on n8n's editor: Debian's Chromium (installed by the test itself) driven by
 * playwright-core, whose own browser download cannot reach its host. Selectors are n8n's
 * `data-test-id`s and roles, checked on n8n 2.8.4; waits are generous (other test suites share this
 * machine's two cores) and never fixed sleeps.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { chromium } = require('playwright-core');

const { ensureDebianPackages } = require('../../tooling/debian');

const CHROMIUM = '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps calling home, which floods a closed network.
const ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/**
 * Launches Chromium with a fresh profile. `screenshots`: the folder `shot(name)` writes `<name>.png`
 * into. Returns { page, shot, close }.
 */
async function launchBrowser({ screenshots, timeoutMs = 60_000 }) {
	ensureDebianPackages({ chromium: CHROMIUM });
	fs.mkdirSync(screenshots, { recursive: true });
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-'));
	// playwright refuses --user-data-dir in args: a persistent context is how it takes one.
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		args: ARGS,
		headless: true,
		viewport: { width: 1280, height: 800 },
	});
	context.setDefaultTimeout(timeoutMs);
	const page = context.pages()[0] ?? (await context.newPage());
	// "Leave this page?" on an unsaved workflow: a user moving on says yes.
	page.on('dialog', (dialog) => dialog.accept().catch(() => {}));
	return {
		page,
		context,
		/** Saves `<name>.png` of the page (or of `locator`), without the passing toasts that cover it. */
		async shot(name, locator) {
			const file = path.join(screenshots, `${name}.png`);
			await (locator ?? page).screenshot({
				path: file,
				style: '.el-notification { display: none !important; }',
			});
			return file;
		},
		async close() {
			await context.close();
			fs.rmSync(profile, { recursive: true, force: true });
		},
	};
}

/** n8n's sign-in form, as a user fills it. */
async function signIn(page, baseUrl, { email, password }) {
	await page.goto(`${baseUrl}/signin`);
	await page.locator('input[name="emailOrLdapLoginId"]').fill(email);
	await page.locator('input[name="password"]').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

/** A new workflow with the node panel open and `query` typed into its search. */
async function searchNodePanel(page, baseUrl, query) {
	await page.goto(`${baseUrl}/workflow/new`);
	// The canvas's own "Add first step" box kept moving under load (playwright never saw it stable):
	// the toolbar's + button opens the same panel.
	await page.locator('[data-test-id="node-creator-plus-button"]').click();
	const creator = page.locator('[data-test-id="node-creator"]');
	await creator
		.locator('[data-test-id="node-creator-search-bar"] input, input[placeholder^="Search"]')
		.first()
		.fill(query);
	return creator;
}

/**
 * Closes the parameter panel and opens the node panel from the canvas's + button, `query` typed in:
 * the next node joins the same workflow after the last one (no page load).
 */
async function searchNextNode(page, query) {
	const ndv = page.locator('[data-test-id="ndv"]');
	if (await ndv.isVisible()) {
		await ndv.locator('[data-test-id="ndv-close-button"]').click();
		await ndv.waitFor({ state: 'hidden' });
	}
	await page.locator('[data-test-id="node-creator-plus-button"]').click();
	const creator = page.locator('[data-test-id="node-creator"]');
	await creator
		.locator('[data-test-id="node-creator-search-bar"] input, input[placeholder^="Search"]')
		.first()
		.fill(query);
	return creator;
}

/** Closes the parameter panel, tidies the workflow up and fits it into view (for a screenshot). */
async function showCanvas(page) {
	const ndv = page.locator('[data-test-id="ndv"]');
	if (await ndv.isVisible()) {
		await ndv.locator('[data-test-id="ndv-close-button"]').click();
		await ndv.waitFor({ state: 'hidden' });
	}
	// Nodes added from the panel can land on top of each other: "Tidy up" lays them out in a row.
	await page.locator('[data-test-id="tidy-up-button"]').click();
	await page.locator('[data-test-id="zoom-to-fit"]').click();
}

/** The names of the nodes on the canvas, left to right (n8n names a new node after its action). */
async function canvasNodeNames(page) {
	const nodes = await page.locator('[data-test-id="canvas-node"]').evaluateAll((elements) =>
		elements.map((element) => ({
			name: element.getAttribute('data-node-name'),
			x: element.getBoundingClientRect().x,
		})),
	);
	return nodes.sort((a, b) => a.x - b.x).map((node) => node.name);
}

/** The node entries the panel lists: name and icon (its address, and whether it loaded). */
async function panelNodes(creator) {
	await creator.locator('[data-test-id="item-iterator-item"]').first().waitFor();
	return creator
		.locator('[data-test-id="item-iterator-item"][data-keyboard-nav-type="node"]')
		.evaluateAll((items) =>
			items.map((item) => {
				const img = item.querySelector('img');
				return {
					name: item.querySelector('[data-test-id="node-creator-item-name"]')?.textContent?.trim(),
					icon: img
						? { src: img.getAttribute('src'), loaded: img.complete && img.naturalWidth > 0 }
						: undefined,
				};
			}),
		);
}

/**
 * Opens a node's page in the panel. Returns its trigger and action entries as the panel lists them,
 * each with its icon's address (the trigger section suggests n8n's own triggers when the node has
 * none, and then says so: `noTriggers`).
 */
async function openPanelNode(creator, name) {
	await creator
		.locator('[data-test-id="node-creator-item-name"]', {
			hasText: new RegExp(`^${escapeRegExp(name)}$`),
		})
		.click();
	const items = creator.locator(
		'[data-test-id="item-iterator-item"][data-keyboard-nav-type="action"]',
	);
	await items.first().waitFor();
	const read = () =>
		items.evaluateAll((elements) =>
			elements.map((item) => ({
				name: item.innerText.trim(),
				icon: item.querySelector('img')?.getAttribute('src') ?? undefined,
			})),
		);
	let entries = await read();
	// A node with triggers of its own, on an empty workflow: the panel shows them and folds the
	// actions away under "Actions (N)". A click unfolds them; where they were open, a second one
	// opens them again.
	const actionsHeader = creator
		.locator('[data-test-id="node-creator-category-item"]', { hasText: /Actions \(\d+\)/ })
		.first();
	if (await actionsHeader.isVisible()) {
		await actionsHeader.click();
		await creator.page().waitForTimeout(500);
		const unfolded = await read();
		if (unfolded.length > entries.length) entries = unfolded;
		else {
			await actionsHeader.click();
			await creator.page().waitForTimeout(500);
			entries = await read();
		}
	}
	const noTriggers = await creator
		.locator('[data-test-id="actions-panel-no-triggers-callout"]')
		.isVisible();
	return { entries, noTriggers };
}

/** Clicks an action in the open node page; resolves with the parameter panel (NDV) it opens. */
async function chooseAction(page, creator, action) {
	await creator
		.locator('[data-test-id="item-iterator-item"][data-keyboard-nav-type="action"]', {
			hasText: action,
		})
		.first()
		.click();
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.waitFor();
	return ndv;
}

/** The credential the parameter panel shows as selected. */
async function selectedCredential(ndv) {
	const select = ndv.locator('[data-test-id="node-credentials-select"] input');
	await select.waitFor();
	return select.inputValue();
}

/**
 * A dropdown parameter's own select box. Its container can hold more (Credential Type also holds the
 * credential picker below it once a type is chosen), so a click on the container may miss it.
 */
const dropdown = (ndv, parameter) =>
	ndv.locator(`[data-test-id="parameter-input-${parameter}"] input[role="combobox"]`).first();

/** Chooses `option` in a dropdown parameter (typing filters long lists, such as credential types). */
async function chooseOption(page, ndv, parameter, option, { type } = {}) {
	await dropdown(ndv, parameter).click();
	if (type) await page.keyboard.type(type);
	await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

/** The options a dropdown parameter offers after typing `type` into it (closed again after). */
async function dropdownOptions(page, ndv, parameter, type) {
	await dropdown(ndv, parameter).click();
	if (type) await page.keyboard.type(type);
	const list = page.locator('.el-select-dropdown__item:visible');
	await list.first().waitFor();
	const options = (await list.allInnerTexts()).map((text) => text.split('\n')[0].trim());
	await page.keyboard.press('Escape');
	return options;
}

/** Runs the node ("Execute step") and reads the output panel's table as rows of { column: text }. */
async function executeStep(ndv, { timeoutMs = 120_000 } = {}) {
	await ndv.locator('[data-test-id="node-execute-button"]').click();
	const output = ndv.locator('[data-test-id="output-panel"]');
	const table = output.locator('table');
	const error = output
		.locator('[data-test-id="node-error-message"], [data-test-id="node-error-description"]')
		.first();
	await table.or(error).first().waitFor({ timeout: timeoutMs });
	if (await error.isVisible())
		throw new Error(`The step failed in the editor: ${await output.innerText()}`);
	return outputTable(output);
}

async function outputTable(output) {
	const radio = output.locator('[data-test-id="radio-button-table"]');
	if (await radio.isVisible()) await radio.click();
	return output
		.locator('table')
		.first()
		.evaluate((table) => {
			const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
			return [...table.querySelectorAll('tbody tr')].map((tr) => {
				const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent.trim());
				return Object.fromEntries(
					headers.map((header, index) => [header, cells[index]]).filter(([header]) => header),
				);
			});
		});
}

function escapeRegExp(text) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

module.exports = {
	launchBrowser,
	signIn,
	searchNodePanel,
	searchNextNode,
	showCanvas,
	canvasNodeNames,
	panelNodes,
	openPanelNode,
	chooseAction,
	selectedCredential,
	chooseOption,
	dropdownOptions,
	executeStep,
	outputTable,
};
