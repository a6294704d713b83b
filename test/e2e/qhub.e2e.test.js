/**
 * Every Q-Hub operation in a real n8n, against the Q-Hub sandbox: output items, pairing, and what the
 * sandbox received and holds afterwards.
 */
const { startQHubMock, qhubCredential } = require('../../sandbox/qhub');
const { createN8n, workflow } = require('./harness');

const CREDENTIAL = { id: 'qhubSandbox', name: 'Q-Hub sandbox' };
const TIMEOUT = 120_000;
let mock;
let n8n;

beforeAll(async () => {
	mock = await startQHubMock({ limit: 1000 });
	n8n = await createN8n('qhub');
	await n8n.importCredentials([{ ...CREDENTIAL, ...qhubCredential(mock) }]);
}, TIMEOUT);

afterAll(async () => {
	await mock?.close();
});

beforeEach(() => mock.reset());

function qhub(name, parameters, extra = {}) {
	return { name, type: 'qHub', parameters, credentials: { qHubApi: CREDENTIAL }, ...extra };
}

const byId = (value) => ({ __rl: true, mode: 'id', value });
const sent = (method, path) =>
	mock.requests.filter((request) => request.method === method && request.path === path);

test(
	'User: Create (with locations) then Suspend',
	async () => {
		const run = await n8n.run(
			workflow({
				id: 'qhubUsers',
				input: [
					{ first: 'Grace', last: 'Hopper', mail: 'grace@example.com', level: 'standard' },
					{ first: 'Alan', last: 'Turing', mail: 'alan@example.com', level: 'view' },
				],
				nodes: [
					qhub('Create User', {
						resource: 'user',
						operation: 'create',
						firstName: '={{ $json.first }}',
						lastName: '={{ $json.last }}',
						email: '={{ $json.mail }}',
						accessLevel: '={{ $json.level }}',
						locationIds: ['loc_seed0001'],
					}),
					qhub('Suspend User', {
						resource: 'user',
						operation: 'suspend',
						userId: '={{ $json.id }}',
					}),
				],
			}),
		);
		run.assertSucceeded();
		const created = run.output('Create User');
		expect(
			created.map((item) => [item.json.email, item.json.accessLevel, item.json.locationIds]),
		).toEqual([
			['grace@example.com', 'standard', ['loc_seed0001']],
			['alan@example.com', 'view', ['loc_seed0001']],
		]);
		expect(created.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const suspended = run.items('Suspend User');
		expect(suspended.map((user) => user.status)).toEqual(['suspended', 'suspended']);
		expect(sent('POST', '/users')).toHaveLength(2);
		const stored = [...mock.state.users.values()].filter(
			(user) => user.email !== 'admin@example.com',
		);
		expect(stored.map((user) => user.status)).toEqual(['suspended', 'suspended']);
	},
	TIMEOUT,
);

test(
	'User: Suspend the account admin fails that item with Q-Hub’s business rule, others go on',
	async () => {
		const run = await n8n.run(
			workflow({
				id: 'qhubSuspendAdmin',
				input: [{ id: 'usr_admin001' }, { id: 'usr_missing1' }],
				nodes: [
					qhub(
						'Q-Hub',
						{ resource: 'user', operation: 'suspend', userId: '={{ $json.id }}' },
						{ onError: 'continueRegularOutput' },
					),
				],
			}),
		);
		const [admin, missing] = run.output('Q-Hub');
		expect(admin.json).toMatchObject({
			error:
				'Q-Hub: The account admin cannot be suspended. Transfer the account admin role to another admin first.',
			httpCode: '409',
			code: 'business_rule',
			requestId: expect.stringMatching(/^qh_req_/),
		});
		expect(missing.json).toMatchObject({ httpCode: '404', code: 'not_found' });
		expect(missing.pairedItem).toEqual({ item: 1 });
		expect(mock.state.users.get('usr_admin001').status).toBe('active');
	},
	TIMEOUT,
);

test(
	'Location: Create, Update, Archive, then Delete another',
	async () => {
		const run = await n8n.run(
			workflow({
				id: 'qhubLocations',
				nodes: [
					qhub('Create Location', {
						resource: 'location',
						operation: 'create',
						name: 'Leeds Depot',
						additionalFields: {
							code: 'LDS',
							address: '1 Canal St, Leeds',
							parentId: 'loc_seed0001',
						},
					}),
					qhub('Update Location', {
						resource: 'location',
						operation: 'update',
						locationId: byId('={{ $json.id }}'),
						updateFields: { name: 'Leeds Depot North' },
					}),
					qhub('Archive Location', {
						resource: 'location',
						operation: 'archive',
						locationId: byId('={{ $json.id }}'),
					}),
					qhub('Delete Location', {
						resource: 'location',
						operation: 'delete',
						locationId: byId('loc_seed0002'),
					}),
				],
			}),
		);
		run.assertSucceeded();
		const [created] = run.items('Create Location');
		expect(created).toMatchObject({
			name: 'Leeds Depot',
			code: 'LDS',
			parentId: 'loc_seed0001',
			status: 'active',
		});
		expect(run.items('Update Location')[0]).toMatchObject({
			id: created.id,
			name: 'Leeds Depot North',
			code: 'LDS',
		});
		expect(run.items('Archive Location')[0]).toMatchObject({ id: created.id, status: 'archived' });
		expect(run.items('Delete Location')).toEqual([{ id: 'loc_seed0002', deleted: true }]);
		expect(mock.state.locations.get(created.id)).toMatchObject({
			name: 'Leeds Depot North',
			status: 'archived',
		});
		expect(mock.state.locations.has('loc_seed0002')).toBe(false);
		expect(sent('PATCH', `/locations/${created.id}`)[0].body).toEqual({
			name: 'Leeds Depot North',
		});
	},
	TIMEOUT,
);

test(
	'Data Set: Create from all items in one request, then Update from a JSON field',
	async () => {
		const run = await n8n.run(
			workflow({
				id: 'qhubDataSets',
				input: [
					{ employeeId: 'E1', course: 'Fire safety', passed: true },
					{ employeeId: 'E2', course: 'First aid', passed: false },
					{ employeeId: 'E3', course: 'Fire safety', passed: true },
				],
				nodes: [
					qhub('Create Data Set', {
						resource: 'dataSet',
						operation: 'create',
						name: 'Training records',
						rowsFrom: 'items',
					}),
					qhub('Update Data Set', {
						resource: 'dataSet',
						operation: 'update',
						dataSetId: '={{ $json.id }}',
						updateFields: { name: 'Training records 2026' },
						rowsFrom: 'json',
						rows: '[{"employeeId":"E4","course":"Manual handling","passed":true}]',
					}),
				],
			}),
		);
		run.assertSucceeded();
		const created = run.output('Create Data Set');
		expect(created).toHaveLength(1);
		expect(created[0].json).toMatchObject({
			name: 'Training records',
			rowCount: 3,
			columns: ['course', 'employeeId', 'passed'],
		});
		expect(created[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(sent('POST', '/data-sets')).toHaveLength(1);
		expect(run.items('Update Data Set')[0]).toMatchObject({
			id: created[0].json.id,
			name: 'Training records 2026',
			rowCount: 1,
		});
		expect(mock.state.dataSets.get(created[0].json.id).rows).toEqual([
			{ employeeId: 'E4', course: 'Manual handling', passed: true },
		]);
	},
	TIMEOUT,
);

test(
	'Form Entry and Process Entry: Get Many with Limit, Return All and filters',
	async () => {
		const run = await n8n.run(
			workflow({
				id: 'qhubEntries',
				nodes: [
					qhub('Forms Limit', {
						resource: 'formEntry',
						operation: 'getAll',
						returnAll: false,
						limit: 5,
						filters: { formId: 'frm_audit' },
					}),
					qhub(
						'Forms All',
						{ resource: 'formEntry', operation: 'getAll', returnAll: true, filters: {} },
						{ executeOnce: true },
					),
					qhub(
						'Processes',
						{
							resource: 'processEntry',
							operation: 'getAll',
							returnAll: true,
							filters: {
								processId: 'prc_capa',
								from: '2026-01-10T00:00:00.000Z',
								to: '2026-02-01',
							},
						},
						{ executeOnce: true },
					),
				],
			}),
		);
		run.assertSucceeded();
		const limited = run.items('Forms Limit');
		expect(limited).toHaveLength(5);
		expect(new Set(limited.map((entry) => entry.formId))).toEqual(new Set(['frm_audit']));
		expect(sent('GET', '/form-entries')[0].query).toMatchObject({
			formId: 'frm_audit',
			page: '1',
			perPage: '5',
		});
		expect(run.items('Forms All')).toHaveLength(mock.state.formEntries.length);
		const processes = run.items('Processes');
		const expected = mock.state.processEntries.filter(
			(entry) =>
				entry.processId === 'prc_capa' &&
				entry.createdAt >= '2026-01-10' &&
				entry.createdAt < '2026-02-02',
		);
		expect(processes.map((entry) => entry.id)).toEqual(expected.map((entry) => entry.id));
		expect(processes.length).toBeGreaterThan(0);
	},
	TIMEOUT,
);

test(
	'Bad input under continue-on-fail: each bad item fails alone and nothing is sent for it',
	async () => {
		const run = await n8n.run(
			workflow({
				id: 'qhubBadInput',
				input: [
					{ mail: 'ok@example.com', level: 'view' },
					{ mail: 'not-an-email', level: 'view' },
					{ mail: 'fine@example.com', level: 'owner' },
				],
				nodes: [
					qhub(
						'Q-Hub',
						{
							resource: 'user',
							operation: 'create',
							firstName: 'Pat',
							lastName: 'Lee',
							email: '={{ $json.mail }}',
							accessLevel: '={{ $json.level }}',
						},
						{ onError: 'continueRegularOutput' },
					),
				],
			}),
		);
		run.assertSucceeded();
		expect(run.items('Q-Hub')).toEqual([
			expect.objectContaining({ email: 'ok@example.com' }),
			{
				error: 'Invalid email: must be a valid email address, like jane.doe@example.com',
				description: 'Nothing was sent.',
			},
			{
				error: 'Invalid accessLevel: must be one of admin, standard, view',
				description: 'Nothing was sent.',
			},
		]);
		expect(run.output('Q-Hub').map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(mock.requests).toHaveLength(1);
	},
	TIMEOUT,
);
