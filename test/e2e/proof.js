/**
 * Tools of the fault suite (faults.heavy.e2e.test.js) and the bad-input table (bad-inputs.e2e.test.js):
 * a workflow of several branches run in one n8n execution, the accounting of items in and out, the
 * search for secrets in what n8n printed and stored, and the printed tables.
 */
const fs = require('node:fs');
const path = require('node:path');

const { PACKAGE } = require('../../tooling/n8nHost');

/**
 * One execution, several independent branches: Manual Trigger → per branch "<name> Input" (the
 * branch's items) → "<name> Items" → the branch's node. Branches run one after another, top first
 * (n8n's v1 order), so a test can read each node's output by its name.
 */
function branchedWorkflow({ id, branches }) {
	const nodes = [
		{
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			parameters: {},
			position: [0, 0],
		},
	];
	const connections = { Start: { main: [[]] } };
	branches.forEach(({ name, input, node }, row) => {
		const y = row * 200;
		const chain = [
			{
				name: `${name} Input`,
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ items: input }) },
			},
			{
				name: `${name} Items`,
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				parameters: { fieldToSplitOut: 'items' },
			},
			{
				typeVersion: 1,
				...node,
				name,
				type: node.type.includes('.') ? node.type : `${PACKAGE}.${node.type}`,
			},
		];
		chain.forEach((step, column) => nodes.push({ ...step, position: [220 * (column + 1), y] }));
		connections.Start.main[0].push({ node: chain[0].name, type: 'main', index: 0 });
		connections[chain[0].name] = { main: [[{ node: chain[1].name, type: 'main', index: 0 }]] };
		connections[chain[1].name] = { main: [[{ node: chain[2].name, type: 'main', index: 0 }]] };
	});
	nodes.forEach((node, index) => {
		node.id = `${id}-${index}`;
	});
	return { id, name: id, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

/**
 * What came out of a node for `inputCount` input items: how many inputs got no output item (lost), more
 * than one (duplicated), or an output paired with anything but exactly that one input, in order.
 */
function account(output, inputCount) {
	const perInput = Array.from({ length: inputCount }, () => 0);
	let badPairing = 0;
	output.forEach((item, position) => {
		const paired = item.pairedItem;
		const index = paired && !Array.isArray(paired) ? paired.item : undefined;
		if (index === undefined || index !== position) badPairing += 1;
		if (index !== undefined && index >= 0 && index < inputCount) perInput[index] += 1;
	});
	return {
		in: inputCount,
		out: output.length,
		lost: perInput.filter((n) => n === 0).length,
		duplicated: perInput.filter((n) => n > 1).length,
		badPairing,
	};
}

/** The files of an n8n user folder where n8n keeps what it ran: the database and its journal. */
function storedFiles(userFolder) {
	const dir = path.join(userFolder, '.n8n');
	return fs
		.readdirSync(dir)
		.filter((name) => name.startsWith('database.sqlite'))
		.map((name) => path.join(dir, name));
}

/**
 * Every place a secret was found: `places` maps a name (n8n's output, the database...) to its text or
 * bytes; `secrets` maps a label to the secret value. A secret is also looked for URL-encoded.
 */
function findSecrets(places, secrets) {
	const found = [];
	for (const [label, value] of Object.entries(secrets)) {
		if (typeof value !== 'string' || value.length < 6)
			throw new Error(`secret ${label} is too short to search for`);
		const forms = [...new Set([value, encodeURIComponent(value)])];
		for (const [place, content] of Object.entries(places)) {
			if (forms.some((form) => content.includes(form))) found.push(`${label} in ${place}`);
		}
	}
	return found;
}

/** The places of one run to search: what n8n printed (the execution data among it) and its database. */
function placesOf(run, userFolder) {
	const places = { "n8n's output": run.stdout, "n8n's log": run.stderr };
	for (const file of storedFiles(userFolder))
		places[`the database (${path.basename(file)})`] = fs.readFileSync(file);
	return places;
}

/** A plain text table, columns padded, for the test output. */
function table(header, rows) {
	const cells = [header, ...rows].map((row) => row.map(String));
	const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
	const line = (row) => row.map((cell, column) => cell.padEnd(widths[column])).join(' | ');
	return [
		line(cells[0]),
		widths.map((width) => '-'.repeat(width)).join('-|-'),
		...cells.slice(1).map(line),
	].join('\n');
}

module.exports = { branchedWorkflow, account, findSecrets, placesOf, storedFiles, table };
