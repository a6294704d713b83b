const { startQHubMock, QHUB_SANDBOX } = require('../../sandbox/qhub');
const { createN8n, workflow } = require('./harness');

const CREDENTIAL = { id: 'qhubSandbox', name: 'Q-Hub sandbox' };
let mock;
let n8n;

beforeAll(async () => {
	mock = await startQHubMock({ limit: 1000 });
	n8n = await createN8n('qhub');
	await n8n.importCredentials([
		{ ...CREDENTIAL, type: 'qHubApi', data: { apiKey: QHUB_SANDBOX.apiKey, apiSecret: QHUB_SANDBOX.apiSecret, baseUrl: mock.url } },
	]);
}, 120_000);

afterAll(async () => {
	await mock?.close();
});

beforeEach(() => mock.reset());

function qhub(parameters, extra = {}) {
	return { name: 'Q-Hub', type: 'qHub', parameters, credentials: { qHubApi: CREDENTIAL }, ...extra };
}

test('User Create sends one POST per item and returns the created users', async () => {
	const run = await n8n.run(
		workflow({
			id: 'qhubUserCreate',
			input: [
				{ first: 'Grace', last: 'Hopper', mail: 'grace@example.com' },
				{ first: 'Alan', last: 'Turing', mail: 'alan@example.com' },
			],
			nodes: [
				qhub({
					resource: 'user',
					operation: 'create',
					firstName: '={{ $json.first }}',
					lastName: '={{ $json.last }}',
					email: '={{ $json.mail }}',
					accessLevel: 'view',
				}),
			],
		}),
	);
	expect(run.exitCode).toBe(0);
	const items = run.output('Q-Hub');
	expect(items.map((item) => item.json.email)).toEqual(['grace@example.com', 'alan@example.com']);
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(mock.requests.filter((r) => r.method === 'POST' && r.path === '/users')).toHaveLength(2);
	expect([...mock.state.users.values()].map((u) => u.email)).toContain('alan@example.com');
}, 60_000);
