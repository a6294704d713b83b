/**
 * Our nodes as AI tools, with a plain MCP client in place of a model. The example a user starts from,
 * examples/ai-tools-mcp.json (n8n's MCP Server Trigger and eight tool nodes whose fields are $fromAI
 * arguments), runs published in a real n8n against the three sandboxes. The client lists the tools
 * and calls them as an agent would: what each call sent to the vendor, what came back, how refusals
 * read, and that no answer carries a credential's secret.
 */
const fs = require('node:fs');
const path = require('node:path');

const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { SSEClientTransport } = require('@modelcontextprotocol/sdk/client/sse.js');
const {
	StreamableHTTPClientTransport,
} = require('@modelcontextprotocol/sdk/client/streamableHttp.js');

const { startHumanlyMock, humanlyCredential, HUMANLY_SANDBOX } = require('../../sandbox/humanly');
const { freePort, line, n8nVersion, repo } = require('../../tooling/n8nHost');
const { startN8nServer } = require('../../tooling/n8nServer');
const { startQflowMock, qflowCredential } = require('../../sandbox/qflow');
const { startQHubMock, qhubCredential } = require('../../sandbox/qhub');
const { createUserFolder } = require('./harness');

const TIMEOUT = 60_000;
const example = JSON.parse(
	fs.readFileSync(path.join(repo, 'examples', 'ai-tools-mcp.json'), 'utf8'),
);
const trigger = example.nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.mcpTrigger');
const mcpPath = `/mcp/${trigger.parameters.path}`;

/** What each tool asks of the agent: its arguments, and which of them it must give. */
const TOOLS = {
	'Q-Hub_Create_User': {
		properties: ['accessLevel', 'email', 'firstName', 'lastName', 'locationIds'],
		required: ['email', 'firstName', 'lastName'],
	},
	'Q-Hub_Get_Form_Entries': { properties: ['formId', 'from', 'limit', 'to'], required: [] },
	Qflow_Create_User: {
		properties: ['companyName', 'email', 'firstName', 'lastName', 'timeZoneId'],
		required: ['email', 'firstName', 'lastName'],
	},
	Qflow_Get_User_by_Email: { properties: ['email'], required: ['email'] },
	Humanly_Create_Candidate: {
		properties: ['email', 'externalId', 'firstName', 'lastName', 'phone'],
		required: ['email', 'firstName', 'lastName'],
	},
	Humanly_Find_Candidates: { properties: ['limit', 'search'], required: [] },
	Humanly_Invite_Candidate: {
		properties: ['candidateId', 'delivery', 'interviewId'],
		required: ['candidateId', 'interviewId'],
	},
	Humanly_List_Interviews: { properties: ['limit', 'status'], required: [] },
};

// The Qflow token fetch (once per run, stored in the credential) is n8n's credential at work, not a tool call.
const TOKEN_PATH = '/core/connect/token';

// Generous limits: other suites share this machine's two cores, and n8n's start slows with them.
const START_TIMEOUT = 600_000;

let mocks;
/** startN8nServer's promise, kept so that afterAll stops an n8n that beforeAll gave up waiting for. */
let starting;
let n8n;
let client;
let listing;
/** Every answer the MCP server gave, as JSON text: searched for secrets at the end. */
const answers = [];
const figures = { calls: 0, toolErrors: 0 };

/** The built node and credential classes: dist/, which globalSetup packed and installed into n8n. */
const built = (file) => require(path.join(repo, 'dist', file));
const NODE_CLASSES = {
	qHub: built('nodes/QHub/QHub.node.js').QHub,
	qflow: built('nodes/Qflow/Qflow.node.js').Qflow,
	humanly: built('nodes/Humanly/Humanly.node.js').Humanly,
};
const CREDENTIAL_CLASSES = [
	built('credentials/QHubApi.credentials.js').QHubApi,
	built('credentials/QflowApi.credentials.js').QflowApi,
	built('credentials/HumanlyApi.credentials.js').HumanlyApi,
];

/**
 * What the node says about the tool's operation: its short action (the canvas name) and the text an
 * agent reads, the default of the Tool Description field the node shows only on the tool.
 */
function operationTexts(toolNode) {
	const shortType = toolNode.type.split('.').pop().replace(/Tool$/, '');
	const { description } = new NODE_CLASSES[shortType]();
	const { resource, operation } = toolNode.parameters;
	const forOperation = (property) =>
		property.displayOptions?.show?.resource?.includes(resource) &&
		(property.name === 'operation' ||
			property.displayOptions?.show?.operation?.includes(operation));
	const dropdown = description.properties.find(
		(property) => property.name === 'operation' && forOperation(property),
	);
	const toolField = description.properties.find(
		(property) => property.name === 'toolDescription' && forOperation(property),
	);
	return {
		action: dropdown.options.find((option) => option.value === operation).action,
		agentText: toolField.default,
		node: description.defaults.name,
	};
}

/** Every value of a field the credential itself marks as a password. */
function secretsOf(credentials) {
	return credentials.flatMap(({ type, data }) => {
		const definition = CREDENTIAL_CLASSES.map((Credential) => new Credential()).find(
			(credential) => credential.name === type,
		);
		return definition.properties
			.filter((property) => property.typeOptions?.password)
			.map((property) => data[property.name])
			.filter((value) => typeof value === 'string' && value !== '');
	});
}

const requestLogs = () => ({
	qhub: mocks.qhub.requests,
	qflow: mocks.qflow.requests,
	humanly: mocks.humanly.requests,
});

/**
 * Calls a tool as an agent does and returns the answer with the vendor requests it caused:
 * `items` when it succeeded, `text` always.
 */
async function call(name, args) {
	const before = Object.fromEntries(
		Object.entries(requestLogs()).map(([vendor, log]) => [vendor, log.length]),
	);
	const answer = await client.callTool({ name, arguments: args });
	answers.push(JSON.stringify(answer));
	figures.calls += 1;
	if (answer.isError) figures.toolErrors += 1;
	const sent = Object.entries(requestLogs()).flatMap(([vendor, log]) =>
		log
			.slice(before[vendor])
			.filter((request) => request.path !== TOKEN_PATH)
			.map((request) => ({ vendor, ...request })),
	);
	const text = answer.content.map((part) => part.text ?? '').join('\n');
	return { answer, sent, text, items: answer.isError ? undefined : JSON.parse(text) };
}

/**
 * An MCP client connected to the trigger's production URL. n8n 2.41 lists the workflow as active a
 * moment before the trigger's webhook is registered (the URL answers 404 until then): retry on that.
 */
async function connectWhenServed(transport, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const mcp = new Client({ name: 'mcp-e2e', version: '1.0.0' });
		try {
			await mcp.connect(transport());
			return mcp;
		} catch (error) {
			await mcp.close().catch(() => {});
			if (!/not registered/.test(String(error?.message)) || Date.now() > deadline) throw error;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
}

const credentials = () => [
	{ id: 'qhubSandbox', name: 'Q-Hub sandbox', ...qhubCredential(mocks.qhub) },
	{ id: 'qflowSandbox', name: 'Qflow sandbox', ...qflowCredential(mocks.qflow) },
	{ id: 'humanlySandbox', name: 'Humanly sandbox', ...humanlyCredential(mocks.humanly) },
];

beforeAll(async () => {
	mocks = {
		qhub: await startQHubMock(),
		qflow: await startQflowMock(),
		humanly: await startHumanlyMock(),
	};
	const userFolder = createUserFolder('mcp');
	starting = startN8nServer({
		userFolder,
		port: await freePort(),
		credentials: credentials(),
		workflows: [example],
		publish: [example.id],
		log: path.join(userFolder, 'n8n.log'),
	});
	n8n = await starting;
	await n8n.waitActive();
	client = await connectWhenServed(
		() => new StreamableHTTPClientTransport(new URL(`${n8n.url}${mcpPath}`)),
	);
	listing = (await client.listTools()).tools;
	answers.push(JSON.stringify(listing));
}, START_TIMEOUT);

afterAll(async () => {
	await client?.close();
	n8n ??= await starting?.catch(() => undefined);
	await n8n?.stop();
	await Promise.all(Object.values(mocks ?? {}).map((mock) => mock.close()));
	if (!listing) return;
	const vendorRequests = Object.values(requestLogs()).reduce(
		(sum, log) => sum + log.filter((request) => request.path !== TOKEN_PATH).length,
		0,
	);
	process.stderr.write(
		[
			`\nMCP tools on n8n ${n8nVersion} (${line}):`,
			...listing.map((tool) => `  ${tool.name}: ${tool.description}`),
			`MCP calls: ${figures.calls} made, ${vendorRequests} vendor requests seen, ${figures.toolErrors} tool errors` +
				(mocks.qflow.counters?.tokenRequests === undefined
					? '\n'
					: `; Qflow token requests: ${mocks.qflow.counters.tokenRequests}\n`),
		].join('\n'),
	);
}, START_TIMEOUT);

test('lists the example’s tools, each described by what it does and returns (not its short canvas name), with the arguments it asks for', () => {
	expect(listing.map((tool) => tool.name).sort()).toEqual(Object.keys(TOOLS).sort());
	for (const tool of listing) {
		const node = example.nodes.find(
			(candidate) => candidate.name.replace(/[^a-zA-Z0-9_-]+/g, '_') === tool.name,
		);
		const { action, agentText, node: vendor } = operationTexts(node);
		expect(tool.description).toBe(agentText);
		expect(tool.description).toMatch(/\bReturns \S/);
		expect(tool.description).not.toBe(`${action} in ${vendor}`);
		const { properties, required = [] } = tool.inputSchema;
		expect({ properties: Object.keys(properties).sort(), required: [...required].sort() }).toEqual(
			TOOLS[tool.name],
		);
		// Every argument tells the agent what to give: a sentence, not a bare name.
		for (const [name, property] of Object.entries(properties)) {
			expect({ name, words: property.description.split(' ').length >= 4 }).toEqual({
				name,
				words: true,
			});
		}
	}
});

test(
	'an agent’s errand: look up a Qflow user, make them a Humanly candidate and invite them to an active interview',
	async () => {
		const qflowUser = [...mocks.qflow.state.users.values()].at(-1);

		const lookup = await call('Qflow_Get_User_by_Email', { email: qflowUser.email });
		expect(
			lookup.sent.map(({ vendor, method, query }) => ({ vendor, method, email: query.email })),
		).toEqual([{ vendor: 'qflow', method: 'GET', email: qflowUser.email }]);
		expect(lookup.items).toEqual([
			expect.objectContaining({
				id: qflowUser.id,
				email: qflowUser.email,
				firstName: qflowUser.firstName,
			}),
		]);

		const search = await call('Humanly_Find_Candidates', { search: qflowUser.email });
		expect(
			search.sent.map(({ vendor, method, query }) => ({ vendor, method, search: query.search })),
		).toEqual([{ vendor: 'humanly', method: 'GET', search: qflowUser.email }]);
		// No such candidate yet: an empty list, which tells the agent to create one.
		expect(search.items).toEqual([]);

		// Humanly's newer reference numbers the statuses: 0 is Active.
		const interviews = await call('Humanly_List_Interviews', { status: '0' });
		expect(
			interviews.sent.map(({ vendor, method, query }) => ({
				vendor,
				method,
				status: query.status,
			})),
		).toEqual([{ vendor: 'humanly', method: 'GET', status: '0' }]);
		expect(interviews.items.length).toBeGreaterThan(0);
		expect(new Set(interviews.items.map((interview) => interview.statusName))).toEqual(
			new Set(['Active']),
		);

		const candidate = {
			firstName: qflowUser.firstName,
			lastName: qflowUser.lastName,
			email: qflowUser.email,
			externalId: qflowUser.id,
		};
		const created = await call('Humanly_Create_Candidate', candidate);
		// The optional phone left out is not sent as an empty string.
		expect(created.sent.map(({ vendor, method, body }) => ({ vendor, method, body }))).toEqual([
			{ vendor: 'humanly', method: 'POST', body: candidate },
		]);
		expect(created.items).toEqual([
			expect.objectContaining({ ...candidate, id: expect.any(String) }),
		]);
		const candidateId = created.items[0].id;
		expect(mocks.humanly.state.candidates.get(candidateId)).toMatchObject(candidate);

		const interviewId = interviews.items[0].id;
		const invite = await call('Humanly_Invite_Candidate', { candidateId, interviewId });
		expect(invite.sent.map(({ vendor, method, body }) => ({ vendor, method, body }))).toEqual([
			{
				vendor: 'humanly',
				method: 'POST',
				body: { candidateId, interviewId, deliveryTypes: ['email'] },
			},
		]);
		expect(invite.items).toEqual([
			expect.objectContaining({
				candidateId,
				interviewId,
				status: 'invite_sent',
				// The newer reference answers the invite's token (the candidate's link is built from it).
				inviteToken: expect.any(String),
			}),
		]);
	},
	TIMEOUT,
);

test(
	'Qflow: Create User sends the arguments given, and nothing for the optional ones left out',
	async () => {
		const user = {
			firstName: 'Ada',
			lastName: 'Lovelace',
			email: 'ada.lovelace@example.com',
			companyName: 'Analytical Engines Ltd',
		};
		const created = await call('Qflow_Create_User', user);
		expect(created.sent.map(({ vendor, method, body }) => ({ vendor, method, body }))).toEqual([
			{ vendor: 'qflow', method: 'POST', body: user },
		]);
		expect(created.items).toEqual([expect.objectContaining({ ...user, id: expect.any(String) })]);
		expect(mocks.qflow.state.users.get(created.items[0].id)).toMatchObject(user);
	},
	TIMEOUT,
);

test(
	'Q-Hub: reads the entries of one form, and creates a view-only user in a location',
	async () => {
		const formId = mocks.qhub.state.formEntries[0].formId;
		const ofForm = mocks.qhub.state.formEntries
			.filter((entry) => entry.formId === formId)
			.map((entry) => entry.id);
		const entries = await call('Q-Hub_Get_Form_Entries', { formId, limit: 3 });
		expect(
			entries.sent.map(({ vendor, method, query }) => ({ vendor, method, formId: query.formId })),
		).toEqual([{ vendor: 'qhub', method: 'GET', formId }]);
		expect(entries.items).toHaveLength(Math.min(3, ofForm.length));
		for (const entry of entries.items)
			expect({ id: ofForm.includes(entry.id), formId: entry.formId }).toEqual({ id: true, formId });

		const locationId = [...mocks.qhub.state.locations.keys()][0];
		const user = { firstName: 'Grace', lastName: 'Hopper', email: 'grace.hopper@example.com' };
		const created = await call('Q-Hub_Create_User', { ...user, locationIds: locationId });
		// Access level left out: the example's default, view (no licence seat).
		expect(created.sent.map(({ vendor, method, body }) => ({ vendor, method, body }))).toEqual([
			{
				vendor: 'qhub',
				method: 'POST',
				body: { ...user, accessLevel: 'view', locationIds: [locationId] },
			},
		]);
		expect(created.items).toEqual([
			expect.objectContaining({
				...user,
				id: expect.any(String),
				accessLevel: 'view',
				locationIds: [locationId],
			}),
		]);
	},
	TIMEOUT,
);

test(
	'input the node refuses comes back as a tool error naming the field, and nothing is sent',
	async () => {
		const refusals = [
			await call('Qflow_Create_User', {
				firstName: 'Ada',
				lastName: 'Lovelace',
				email: 'ada.lovelace(at)example.com',
			}),
			await call('Humanly_Create_Candidate', {
				firstName: 'Jo',
				lastName: 'Lee',
				email: 'jo.lee@example.com',
				phone: '0044 7700 900123',
			}),
			await call('Q-Hub_Create_User', {
				firstName: 'Grace',
				lastName: 'Hopper',
				email: 'grace@example.com',
				accessLevel: 'owner',
			}),
		];
		expect(
			refusals.map(({ answer, sent }) => ({ isError: answer.isError, sent: sent.length })),
		).toEqual([
			{ isError: true, sent: 0 },
			{ isError: true, sent: 0 },
			{ isError: true, sent: 0 },
		]);
		expect(refusals[0].text).toMatch(/Invalid email: must be a valid email address/);
		expect(refusals[1].text).toMatch(/Invalid phone: must be in E\.164 form/);
		expect(refusals[2].text).toMatch(/Invalid accessLevel: must be one of admin, standard, view/);
	},
	TIMEOUT,
);

test(
	'a vendor’s refusal comes back as a tool error with the vendor’s own message',
	async () => {
		const qflowUser = [...mocks.qflow.state.users.values()][0];
		const qhubUser = [...mocks.qhub.state.users.values()][0];
		const noSms = [...mocks.humanly.state.candidates.values()].find(
			(candidate) => HUMANLY_SANDBOX.candidateIds.includes(candidate.id) && !candidate.smsOptIn,
		);
		const interviewId = HUMANLY_SANDBOX.interviewIds[0];

		const duplicateQflow = await call('Qflow_Create_User', {
			firstName: 'Twin',
			lastName: 'User',
			email: qflowUser.email,
		});
		const duplicateQHub = await call('Q-Hub_Create_User', {
			firstName: 'Twin',
			lastName: 'User',
			email: qhubUser.email,
		});
		const smsInvite = await call('Humanly_Invite_Candidate', {
			candidateId: noSms.id,
			interviewId,
			delivery: 'sms',
		});

		expect(
			[duplicateQflow, duplicateQHub, smsInvite].map(({ answer, sent }) => ({
				isError: answer.isError,
				sent: sent.map((request) => `${request.vendor} ${request.method} ${request.status}`),
			})),
		).toEqual([
			{ isError: true, sent: ['qflow POST 409'] },
			{ isError: true, sent: ['qhub POST 409'] },
			{ isError: true, sent: ['humanly POST 400'] },
		]);
		expect(duplicateQflow.text).toContain(
			`Qflow: A user with email ${qflowUser.email} already exists`,
		);
		expect(duplicateQHub.text).toContain(`A user with email ${qhubUser.email} already exists`);
		expect(smsInvite.text).toMatch(
			/Humanly: deliveryTypes sms is not allowed: the candidate has not opted in to SMS/,
		);
		expect(smsInvite.text).toContain('VALIDATION_ERROR');
	},
	TIMEOUT,
);

test(
	'the same URL serves MCP clients that speak the older SSE transport',
	async () => {
		const sse = await connectWhenServed(
			() => new SSEClientTransport(new URL(`${n8n.url}${mcpPath}`)),
		);
		try {
			const { tools } = await sse.listTools();
			expect(tools.map((tool) => tool.name).sort()).toEqual(Object.keys(TOOLS).sort());
			const qflowUser = [...mocks.qflow.state.users.values()][0];
			const answer = await sse.callTool({
				name: 'Qflow_Get_User_by_Email',
				arguments: { email: qflowUser.email },
			});
			answers.push(JSON.stringify(answer));
			figures.calls += 1;
			expect(JSON.parse(answer.content[0].text)).toEqual([
				expect.objectContaining({ id: qflowUser.id, email: qflowUser.email }),
			]);
		} finally {
			await sse.close();
		}
	},
	TIMEOUT,
);

test('no answer carries a secret of any credential', () => {
	const secrets = secretsOf(credentials());
	// Q-Hub's key and secret, Qflow's client secret, password, subscription key and SSO key, Humanly's key.
	expect(secrets.length).toBeGreaterThanOrEqual(7);
	expect(answers.length).toBeGreaterThan(10);
	const leaks = answers.flatMap((answer, index) =>
		secrets
			.filter((secret) => answer.includes(secret))
			.map((secret) => `answer ${index}: ${secret.slice(0, 3)}…`),
	);
	expect(leaks).toEqual([]);
	expect(answers.filter((answer) => /bearer\s+[\w.-]{8,}/i.test(answer))).toEqual([]);
});
