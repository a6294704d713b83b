/**
 * Every Qflow operation in a real n8n, against the Qflow sandbox: output items, pairing, what the
 * sandbox received and holds afterwards, and how many tokens n8n's preAuthentication cache costs.
 * Users and SSO, then events, guests, team members, profiles, comms and the sending domain.
 */
const crypto = require('node:crypto');

const {
	startQflowMock,
	QFLOW_SANDBOX,
	SSO_EXAMPLE_KEY: SSO_KEY,
	SEED_IDS,
	qflowCredential,
} = require('../../sandbox/qflow');
const { createN8n, workflow } = require('./harness');

const CREDENTIAL = { id: 'qflowSandbox', name: 'Qflow sandbox' };
const UNTRUSTED = { id: 'qflowUntrusted', name: 'Qflow sandbox (KYC incomplete)' };
const WRONG_PASSWORD = { id: 'qflowWrongPass', name: 'Qflow sandbox (wrong password)' };
const TIMEOUT = 180_000;

const ID = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const OWNER = ID(1);
const ALICE = ID(3);
const BOB = ID(4);
const EMMA = ID(7);

let mock;
let n8n;

const credentialData = (overrides) => qflowCredential(mock, overrides).data;

beforeAll(async () => {
	mock = await startQflowMock();
	n8n = await createN8n('qflow');
	await n8n.importCredentials([
		{ ...CREDENTIAL, type: 'qflowApi', data: credentialData() },
		{
			...UNTRUSTED,
			type: 'qflowApi',
			data: credentialData({
				username: QFLOW_SANDBOX.untrustedUsername,
				password: QFLOW_SANDBOX.untrustedPassword,
			}),
		},
		{
			...WRONG_PASSWORD,
			type: 'qflowApi',
			data: credentialData({ password: 'Not-The-Password-9' }),
		},
	]);
}, TIMEOUT);

afterAll(async () => {
	await mock?.close();
});

beforeEach(() => mock.reset());

function qflow(name, parameters, extra = {}, credential = CREDENTIAL) {
	return { name, type: 'qflow', parameters, credentials: { qflowApi: credential }, ...extra };
}

const byId = (value) => ({ __rl: true, mode: 'id', value });
const byEmail = (value) => ({ __rl: true, mode: 'email', value });
// The stored token of an earlier test is void after mock.reset(): n8n's first call of a test may be
// refused with 401 and resent with a new token. These helpers list the calls that were answered.
const answered = () => mock.requests.filter((request) => request.status !== 401);
const sent = (method, apiPath) =>
	answered().filter(
		(request) => request.method === method && request.path === `/users/v1/api/${apiPath}`,
	);
const apiCalls = () =>
	answered().map((request) => `${request.method} ${request.path.replace('/users/v1/api/', '')}`);

function succeeded(run) {
	if (run.exitCode !== 0 || run.error) {
		throw new Error(
			`The workflow failed (exit ${run.exitCode}): ${run.error?.message ?? ''}\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`,
		);
	}
	return run;
}

async function execute(definition) {
	return succeeded(await n8n.run(workflow(definition)));
}

describe('User operations', () => {
	test(
		'Get: by ID (2 items), then by email from the previous output',
		async () => {
			const run = await execute({
				id: 'qflowGet',
				input: [{ id: ALICE }, { id: BOB }],
				nodes: [
					qflow('Get by ID', {
						resource: 'user',
						operation: 'get',
						userId: byId('={{ $json.id }}'),
					}),
					qflow('Get by Email Mode', {
						resource: 'user',
						operation: 'get',
						userId: byEmail('={{ $json.email }}'),
					}),
				],
			});
			const byIdItems = run.output('Get by ID');
			expect(byIdItems.map((item) => [item.json.id, item.json.email, item.json.userName])).toEqual([
				[ALICE, 'alice.anderson@example.com', '123/alice.anderson@example.com'],
				[BOB, 'bob.brown@example.com', '123/bob.brown@example.com'],
			]);
			expect(byIdItems.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(run.items('Get by Email Mode').map((user) => user.id)).toEqual([ALICE, BOB]);
			expect(sent('GET', `user/${ALICE}`)).toHaveLength(1);
			expect(sent('GET', 'users/email').map((request) => request.query)).toEqual([
				{ email: 'alice.anderson@example.com' },
				{ email: 'bob.brown@example.com' },
			]);
		},
		TIMEOUT,
	);

	test(
		'Get Many: Limit 3 is one small page; Return All reads every user',
		async () => {
			const run = await execute({
				id: 'qflowGetMany',
				nodes: [
					qflow('Limit 3', { resource: 'user', operation: 'getAll', returnAll: false, limit: 3 }),
					qflow(
						'All',
						{ resource: 'user', operation: 'getAll', returnAll: true },
						{ executeOnce: true },
					),
				],
			});
			expect(run.items('Limit 3').map((user) => user.email)).toEqual([
				'alice.anderson@example.com',
				'bob.brown@example.com',
				'carla.chen@example.com',
			]);
			expect(run.items('All')).toHaveLength(7);
			expect(sent('GET', 'users').map((request) => request.query)).toEqual([
				{ page: '1', pageSize: '3' },
				{ page: '1', pageSize: '100' },
			]);
		},
		TIMEOUT,
	);

	test(
		'Get by Email',
		async () => {
			const run = await execute({
				id: 'qflowGetByEmail',
				nodes: [
					qflow('Qflow', {
						resource: 'user',
						operation: 'getByEmail',
						email: 'carla.chen@example.com',
					}),
				],
			});
			expect(run.items('Qflow')).toEqual([mock.state.users.get(ID(5))]);
		},
		TIMEOUT,
	);

	test(
		'Create: one POST per item; the users exist and can sign in',
		async () => {
			const run = await execute({
				id: 'qflowCreate',
				input: [
					{ first: 'Grace', last: 'Hopper', mail: 'grace@example.com' },
					{ first: 'Alan', last: 'Turing', mail: 'alan@example.com' },
				],
				nodes: [
					qflow('Qflow', {
						resource: 'user',
						operation: 'create',
						firstName: '={{ $json.first }}',
						lastName: '={{ $json.last }}',
						email: '={{ $json.mail }}',
						additionalFields: {
							timeZoneId: 'Europe/Paris',
							customData: 'hr-import',
							password: 'Grace-Pass-1',
						},
					}),
				],
			});
			const created = run.output('Qflow');
			expect(
				created.map((item) => [item.json.email, item.json.userName, item.json.timeZoneId]),
			).toEqual([
				['grace@example.com', '123/grace@example.com', 'Europe/Paris'],
				['alan@example.com', '123/alan@example.com', 'Europe/Paris'],
			]);
			expect(created.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(sent('POST', 'user')).toHaveLength(2);
			expect(mock.state.users.get(created[0].json.id)).toMatchObject({
				firstName: 'Grace',
				lastName: 'Hopper',
			});
			expect(mock.state.passwords.get(created[1].json.id)).toBe('Grace-Pass-1');
			// The log never holds the password.
			expect(JSON.stringify(mock.requests)).not.toContain('Grace-Pass-1');
		},
		TIMEOUT,
	);

	test(
		'Create: invalid input fails its own item before anything is sent',
		async () => {
			const run = await execute({
				id: 'qflowCreateInvalid',
				input: [
					{ mail: 'not-an-email', pass: 'Good-Pass-1' },
					{ mail: 'ok@example.com', pass: 'weak' },
				],
				nodes: [
					qflow(
						'Qflow',
						{
							resource: 'user',
							operation: 'create',
							firstName: 'Test',
							lastName: 'User',
							email: '={{ $json.mail }}',
							additionalFields: { password: '={{ $json.pass }}' },
						},
						{ onError: 'continueRegularOutput' },
					),
				],
			});
			expect(run.items('Qflow')).toEqual([
				{
					error: 'Invalid email: must be a valid email address, like jane.doe@example.com',
					description: 'Nothing was sent.',
				},
				{
					error: 'Invalid password: must be at least 8 characters',
					description: expect.stringContaining('Nothing was sent.'),
				},
			]);
			expect(mock.counters.apiRequests).toBe(0);
			expect(mock.counters.tokenRequests).toBe(0);
		},
		TIMEOUT,
	);

	test(
		'Create or Update: the existing email is updated by id, the new one created',
		async () => {
			const run = await execute({
				id: 'qflowUpsert',
				input: [
					{ mail: 'alice.anderson@example.com', first: 'Alice', last: 'Andrews' },
					{ mail: 'new.person@example.com', first: 'New', last: 'Person' },
				],
				nodes: [
					qflow('Qflow', {
						resource: 'user',
						operation: 'upsert',
						email: '={{ $json.mail }}',
						firstName: '={{ $json.first }}',
						lastName: '={{ $json.last }}',
						additionalFields: { companyName: 'Upserted Ltd' },
					}),
				],
			});
			const [updated, created] = run.items('Qflow');
			expect(updated).toMatchObject({
				id: ALICE,
				lastName: 'Andrews',
				companyName: 'Upserted Ltd',
				timeZoneId: 'Europe/London',
				created: false,
			});
			expect(created).toMatchObject({
				email: 'new.person@example.com',
				companyName: 'Upserted Ltd',
				created: true,
			});
			// The lookups overlap (Concurrent Reads); the writes then go one by one, in input order.
			expect(apiCalls().filter((call) => !call.startsWith('GET user/'))).toEqual([
				'GET users/email',
				'GET users/email',
				'PUT user',
				'POST user',
			]);
			expect(sent('PUT', 'user')[0].body).toMatchObject({
				id: ALICE,
				email: 'alice.anderson@example.com',
				lastName: 'Andrews',
			});
			expect(mock.state.users.get(ALICE)).toMatchObject({
				lastName: 'Andrews',
				companyName: 'Upserted Ltd',
			});
			expect(mock.state.users.size).toBe(8);
		},
		TIMEOUT,
	);

	test(
		'Update: changes the given fields and keeps the others',
		async () => {
			const run = await execute({
				id: 'qflowUpdate',
				nodes: [
					qflow('Qflow', {
						resource: 'user',
						operation: 'update',
						userId: byId(BOB),
						updateFields: { lastName: 'Browning', customData: 'crm-77' },
					}),
				],
			});
			expect(run.items('Qflow')).toEqual([
				expect.objectContaining({
					id: BOB,
					firstName: 'Bob',
					lastName: 'Browning',
					customData: 'crm-77',
					timeZoneId: 'Europe/London',
				}),
			]);
			expect(mock.state.users.get(BOB)).toMatchObject({
				lastName: 'Browning',
				customData: 'crm-77',
				companyName: 'Sandbox Enterprise Ltd',
			});
			expect(apiCalls()).toEqual(expect.arrayContaining([`GET user/${BOB}`, 'PUT user']));
		},
		TIMEOUT,
	);

	test(
		'Delete: DELETE user?id=… and a clear success item',
		async () => {
			const run = await execute({
				id: 'qflowDelete',
				nodes: [qflow('Qflow', { resource: 'user', operation: 'delete', userId: byId(EMMA) })],
			});
			expect(run.items('Qflow')).toEqual([{ id: EMMA, deleted: true }]);
			expect(sent('DELETE', 'user').map((request) => request.query)).toEqual([{ id: EMMA }]);
			expect(mock.state.users.has(EMMA)).toBe(false);
		},
		TIMEOUT,
	);

	test(
		'Delete as an account without KYC: 403 trust_required says what trust is and where to get it',
		async () => {
			const run = await n8n.run(
				workflow({
					id: 'qflowTrustRequired',
					nodes: [
						qflow(
							'Qflow',
							{ resource: 'user', operation: 'delete', userId: byId(EMMA) },
							{ onError: 'continueRegularOutput' },
							UNTRUSTED,
						),
					],
				}),
			);
			const [item] = run.items('Qflow');
			expect(item).toMatchObject({
				error: 'Qflow: This operation requires a trusted (KYC-verified) account.',
				httpCode: '403',
				code: 'trust_required',
				requestId: expect.stringMatching(/^qf_/),
			});
			expect(item.description).toMatch(/completed Qflow’s identity verification \(KYC\)/);
			expect(item.description).toMatch(/Qflow dashboard/);
			expect(mock.state.users.has(EMMA)).toBe(true);
		},
		TIMEOUT,
	);

	test(
		'Change Password: the new password works, the item says so',
		async () => {
			mock.state.passwords.set(ALICE, 'Alice-Old-Pass-1');
			const run = await execute({
				id: 'qflowChangePassword',
				nodes: [
					qflow('Qflow', {
						resource: 'user',
						operation: 'changePassword',
						userId: byEmail('alice.anderson@example.com'),
						oldPassword: 'Alice-Old-Pass-1',
						newPassword: 'Alice-New-Pass-2',
						signOutAllSessions: true,
					}),
				],
			});
			expect(run.items('Qflow')).toEqual([
				{ id: ALICE, passwordChanged: true, signedOutAllSessions: true },
			]);
			expect(mock.state.passwords.get(ALICE)).toBe('Alice-New-Pass-2');
			expect(sent('PUT', 'user/changepassword')[0].body).toEqual({
				id: ALICE,
				oldPassword: '[redacted]',
				newPassword: '[redacted]',
				signOutAllSessions: true,
			});
		},
		TIMEOUT,
	);

	test(
		'Change Username: renames the user',
		async () => {
			const run = await execute({
				id: 'qflowChangeUsername',
				nodes: [
					qflow('Qflow', {
						resource: 'user',
						operation: 'changeUsername',
						oldUserName: '123/bob.brown@example.com',
						newUserName: '123/robert.brown@example.com',
						options: { id: BOB },
					}),
				],
			});
			expect(run.items('Qflow')).toEqual([
				{
					id: BOB,
					oldUserName: '123/bob.brown@example.com',
					newUserName: '123/robert.brown@example.com',
					usernameChanged: true,
				},
			]);
			expect(mock.state.users.get(BOB).userName).toBe('123/robert.brown@example.com');
		},
		TIMEOUT,
	);

	test(
		'Count: { total }',
		async () => {
			const run = await execute({
				id: 'qflowCount',
				nodes: [qflow('Qflow', { resource: 'user', operation: 'count' })],
			});
			expect(run.items('Qflow')).toEqual([{ total: 7 }]);
		},
		TIMEOUT,
	);

	test(
		'Get Translations: the locale strings as one item',
		async () => {
			const run = await execute({
				id: 'qflowTranslations',
				nodes: [qflow('Qflow', { resource: 'user', operation: 'getTranslations' })],
			});
			const items = run.items('Qflow');
			expect(items).toHaveLength(1);
			expect(items[0]).toMatchObject({ 'events.title': 'Events', 'auth.signOut': 'Sign out' });
		},
		TIMEOUT,
	);
});

describe('SSO', () => {
	test(
		'Generate iFrame SSO Link: the documented link, the token decrypts to <userGuid>@<pin>, no request sent',
		async () => {
			const run = await execute({
				id: 'qflowSsoLink',
				input: [{ guid: '050f4a44-d7d1-452e-837a-0d2759dcfa69' }],
				nodes: [
					qflow('Qflow', {
						resource: 'sso',
						operation: 'generateLink',
						enterprise: 'acme',
						userId: '={{ $json.guid }}',
						successUrl: 'eventGuests',
						eventId: 'ev-42',
					}),
				],
			});
			const [item] = run.items('Qflow');
			const expectedToken = encodeURIComponent(
				'm+6vkGjFDPq/BKEP0t9ubf7jsw3Kx5MoHoKemrLp5RefAnsM/JkfrlBRJNSZyN5W',
			);
			expect(item).toEqual({
				link: `https://acme.qflowhub.io/sso?successUrl=/events/edit/ev-42%3Fact%3Dguests&token=${expectedToken}`,
				token: expectedToken,
				userId: '050f4a44-d7d1-452e-837a-0d2759dcfa69',
				enterprise: 'acme',
				enterprisePin: '123',
				successUrl: '/events/edit/ev-42?act=guests',
			});
			const key = Buffer.concat([Buffer.from(SSO_KEY), Buffer.alloc(32 - SSO_KEY.length)]);
			const decipher = crypto.createDecipheriv('aes-256-cbc', key, Buffer.from('qflow_sec_vector'));
			const plain = Buffer.concat([
				decipher.update(Buffer.from(decodeURIComponent(item.token), 'base64')),
				decipher.final(),
			]).toString();
			expect(plain).toBe('050f4a44-d7d1-452e-837a-0d2759dcfa69@123');
			expect(mock.counters).toMatchObject({ tokenRequests: 0, apiRequests: 0 });
		},
		TIMEOUT,
	);
});

describe('token: fetched once, cached in the credential, renewed on a 401', () => {
	// Measured numbers, printed for the report.
	const measured = {};
	afterAll(() =>
		process.stdout.write(`Qflow token requests measured: ${JSON.stringify(measured)}\n`),
	);

	test(
		'a 200-item workflow on a never-used credential fetches exactly one token',
		async () => {
			const fresh = { id: 'qflowFresh200', name: 'Qflow sandbox (fresh)' };
			await n8n.importCredentials([{ ...fresh, type: 'qflowApi', data: credentialData() }]);
			const input = Array.from({ length: 200 }, (_, i) => ({ id: ID((i % 7) + 1) }));
			const run = await execute({
				id: 'qflowGet200',
				input,
				nodes: [
					qflow(
						'Qflow',
						{ resource: 'user', operation: 'get', userId: byId('={{ $json.id }}') },
						{},
						fresh,
					),
				],
			});
			const items = run.items('Qflow');
			expect(items).toHaveLength(200);
			expect(items.every((user, i) => user.id === input[i].id)).toBe(true);
			measured.items200 = { ...mock.counters };
			expect(mock.counters).toMatchObject({
				tokenRequests: 1,
				passwordGrants: 1,
				apiRequests: 200,
				rejected401: 0,
			});
		},
		TIMEOUT,
	);

	test(
		'a token expiring mid-run costs exactly one more token request and no failed item',
		async () => {
			// A first run leaves a valid token in the stored credential.
			await execute({
				id: 'qflowWarmUp',
				nodes: [qflow('Qflow', { resource: 'user', operation: 'count' })],
			});
			const before = { ...mock.counters };
			mock.expireTokensAfter(20);
			const run = await execute({
				id: 'qflowExpireMidRun',
				input: Array.from({ length: 50 }, () => ({})),
				nodes: [qflow('Qflow', { resource: 'user', operation: 'count' })],
			});
			const items = run.items('Qflow');
			expect(items).toHaveLength(50);
			expect(items.every((item) => item.total === 7 && item.error === undefined)).toBe(true);
			const delta = Object.fromEntries(
				Object.entries(mock.counters).map(([name, value]) => [name, value - before[name]]),
			);
			measured.expiryMidRun = delta;
			// One new token. The shared transport reads a 401 as an answer first, then resends it once
			// through n8n's throwing path (the only one on which n8n signs in again): 2 refused + 50 served.
			expect(delta).toMatchObject({
				tokenRequests: 1,
				passwordGrants: 1,
				rejected401: 2,
				apiRequests: 52,
			});
		},
		TIMEOUT,
	);

	test(
		'two executions in a row: the second reuses the cached token (0 token requests)',
		async () => {
			const definition = {
				id: 'qflowTwice',
				input: [{}, {}, {}],
				nodes: [qflow('Qflow', { resource: 'user', operation: 'count' })],
			};
			await execute(definition);
			const afterFirst = { ...mock.counters };
			await execute(definition);
			const second = Object.fromEntries(
				Object.entries(mock.counters).map(([name, value]) => [name, value - afterFirst[name]]),
			);
			measured.firstExecution = afterFirst;
			measured.secondExecution = second;
			expect(second).toMatchObject({ tokenRequests: 0, rejected401: 0, apiRequests: 3 });
		},
		TIMEOUT,
	);

	test(
		'a wrong password fails with a message naming the fields to fix, one sign-in attempt, no secret',
		async () => {
			const run = await n8n.run(
				workflow({
					id: 'qflowWrongPassword',
					nodes: [
						qflow(
							'Qflow',
							{ resource: 'user', operation: 'count' },
							{ onError: 'continueRegularOutput' },
							WRONG_PASSWORD,
						),
					],
				}),
			);
			const [item] = run.items('Qflow');
			expect(item.error).toBe(
				'Qflow: Sign-in refused: the Username or Password is wrong (invalid_grant: invalid_username_or_password). ' +
					'Check both in the Qflow credential; the username is <enterprisePin>/<email>, e.g. 123/jane@example.com, or the email alone for an account without an enterprise.',
			);
			expect(JSON.stringify(item)).not.toContain('Not-The-Password-9');
			expect(mock.counters).toMatchObject({ tokenRequests: 1, apiRequests: 0 });
		},
		TIMEOUT,
	);
});

// ------------------------------------------------------------------ check-in and comms

const [CONFERENCE, GALA] = SEED_IDS.events;
const GUEST_GUID = (n) => `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, '0')}`;
const checkinCalls = (method, apiPath) =>
	answered().filter(
		(request) => request.method === method && request.path === `/checkin/v1/api/${apiPath}`,
	);

describe('Event operations', () => {
	test(
		'Create, Get, Update, Archive, Restore, Get Statistics in a chain; Get Many with a limit',
		async () => {
			const run = await execute({
				id: 'qflowEvents',
				input: [
					{ title: 'Launch party', start: '2026-09-01T19:00:00', end: '2026-09-01T23:00:00' },
				],
				nodes: [
					qflow('Create', {
						resource: 'event',
						operation: 'create',
						title: '={{ $json.title }}',
						startTime: '={{ $json.start }}',
						endTime: '={{ $json.end }}',
						timeZoneId: 'Europe/London',
					}),
					qflow('Get', { resource: 'event', operation: 'get', eventId: byId('={{ $json.id }}') }),
					qflow('Update', {
						resource: 'event',
						operation: 'update',
						eventId: byId('={{ $json.id }}'),
						updateFields: { title: 'Launch party (moved)', timeZoneId: 'Europe/Paris' },
					}),
					qflow('Archive', {
						resource: 'event',
						operation: 'archive',
						eventId: byId('={{ $json.id }}'),
					}),
					qflow('Restore', {
						resource: 'event',
						operation: 'restore',
						eventId: byId('={{ $json.id }}'),
					}),
					qflow('Statistics', {
						resource: 'event',
						operation: 'getStatistics',
						eventId: byId(CONFERENCE),
					}),
					qflow('Get Many', { resource: 'event', operation: 'getAll', returnAll: false, limit: 2 }),
				],
			});
			const [created] = run.items('Create');
			expect(created).toMatchObject({
				title: 'Launch party',
				startTime: '2026-09-01T19:00:00',
				timeZoneId: 'Europe/London',
			});
			expect(run.items('Get')[0].id).toBe(created.id);
			expect(run.items('Update')[0]).toMatchObject({
				title: 'Launch party (moved)',
				timeZoneId: 'Europe/Paris',
				startTime: '2026-09-01T19:00:00',
			});
			expect(run.items('Archive')[0].status).toBe('archived');
			expect(run.items('Restore')[0].status).toBe('active');
			expect(run.items('Statistics')[0]).toMatchObject({
				eventId: CONFERENCE,
				guests: 6,
				blocked: 1,
			});
			expect(run.items('Get Many')).toHaveLength(2);
			expect(mock.state.events.get(created.id).title).toBe('Launch party (moved)');
		},
		TIMEOUT,
	);
});

describe('Guest operations', () => {
	test(
		'Create or Update twice with the same GUID gives one guest; Get Many, Check In, Block, Unblock',
		async () => {
			const input = [
				{ id: GUEST_GUID(1), first: 'Gina', last: 'Guest', tags: 'VIP, {tickettype}Main Entry' },
				{ id: '', first: 'Hugo', last: 'Host', tags: '' },
			];
			const upsert = (name) =>
				qflow(name, {
					resource: 'guest',
					operation: 'upsert',
					eventId: byId(GALA),
					guestId: '={{ $json.id }}',
					firstName: '={{ $json.first }}',
					lastName: '={{ $json.last }}',
					additionalFields: { tags: '={{ $json.tags }}' },
				});
			const run = await execute({
				id: 'qflowGuests',
				input,
				nodes: [
					upsert('Create or Update'),
					qflow(
						'Check In',
						{
							resource: 'guest',
							operation: 'checkIn',
							eventId: byId(GALA),
							guestId: byId('={{ $json.id }}'),
						},
						{ executeOnce: true },
					),
					qflow(
						'Block',
						{
							resource: 'guest',
							operation: 'block',
							eventId: byId(GALA),
							guestBy: 'barcode',
							guest: `={{ $('Create or Update').item.json.barcode }}`,
							reason: 'Chargeback',
							options: {},
						},
						{ executeOnce: true },
					),
					qflow('Unblock', {
						resource: 'guest',
						operation: 'unblock',
						eventId: byId(GALA),
						guestBy: 'id',
						guest: '={{ $json.id }}',
						options: {},
					}),
					qflow(
						'Get Many',
						{
							resource: 'guest',
							operation: 'getAll',
							eventId: byId(GALA),
							returnAll: true,
							simplify: true,
						},
						{ executeOnce: true },
					),
				],
			});
			const created = run.items('Create or Update');
			expect(created.map((g) => [g.firstName, g.eventId, g.tags])).toEqual([
				['Gina', GALA, 'VIP, {tickettype}Main Entry'],
				['Hugo', GALA, null],
			]);
			expect(created[0].id).toBe(GUEST_GUID(1));
			expect(created[1].id).toMatch(/^[0-9a-f-]{36}$/);
			expect(run.items('Check In')[0]).toMatchObject({
				id: GUEST_GUID(1),
				admitted: expect.any(String),
			});
			expect(run.items('Block')[0]).toMatchObject({
				id: GUEST_GUID(1),
				blockedReason: 'Chargeback',
			});
			expect(run.items('Unblock')[0]).toMatchObject({ id: GUEST_GUID(1), blockedDate: null });
			const listed = run.items('Get Many');
			expect(listed.map((g) => g.lastName)).toEqual(['Moore', 'Nash', 'Guest', 'Host']);
			expect(Object.keys(listed[0])).not.toContain('image');

			// The same input again: the GUID finds Gina, nothing is added twice.
			const before = mock.state.guests.size;
			const again = await execute({
				id: 'qflowGuestsAgain',
				input: [input[0]],
				nodes: [upsert('Create or Update')],
			});
			expect(again.items('Create or Update')[0].id).toBe(GUEST_GUID(1));
			expect(mock.state.guests.size).toBe(before);
		},
		TIMEOUT,
	);

	test(
		'Create or Update Many: 250 items in 2 requests, paired, with a bad item failing alone before sending',
		async () => {
			const input = Array.from({ length: 250 }, (_, i) => ({
				id: GUEST_GUID(100 + i),
				first: 'Bulk',
				last: i === 7 ? '' : `Guest ${i}`,
			}));
			const run = await execute({
				id: 'qflowBulkGuests',
				input,
				nodes: [
					qflow(
						'Create or Update Many',
						{
							resource: 'guest',
							operation: 'bulkUpsert',
							eventId: byId(CONFERENCE),
							guestId: '={{ $json.id }}',
							firstName: '={{ $json.first }}',
							lastName: '={{ $json.last }}',
							additionalFields: {},
							options: {},
						},
						{ onError: 'continueRegularOutput' },
					),
				],
			});
			const output = run.output('Create or Update Many');
			expect(output).toHaveLength(250);
			expect(output.map((item) => item.pairedItem.item)).toEqual(input.map((_, i) => i));
			expect(output[7].json.error).toMatch(/lastName/);
			expect(output[8].json).toMatchObject({ id: GUEST_GUID(108), lastName: 'Guest 8' });
			expect(checkinCalls('POST', `guests/${CONFERENCE}`).map((r) => r.body.length)).toEqual([
				200, 49,
			]);
		},
		TIMEOUT,
	);
});

describe('Team member operations', () => {
	test(
		'Create, Update, Assign, Get Many of the event, Get Check-In Stats, Unassign, Delete',
		async () => {
			const member = byId('={{ $("Create").item.json.id }}');
			const run = await execute({
				id: 'qflowTeam',
				nodes: [
					qflow('Create', {
						resource: 'teamMember',
						operation: 'create',
						userName: 'kelly.door',
						email: 'kelly@example.com',
						firstName: 'Kelly',
						lastName: 'Door',
					}),
					qflow('Update', {
						resource: 'teamMember',
						operation: 'update',
						teamMemberId: member,
						updateFields: { lastName: 'Gate' },
					}),
					qflow('Assign', {
						resource: 'teamMember',
						operation: 'assign',
						teamMemberId: member,
						eventId: byId(GALA),
					}),
					qflow('Roster', {
						resource: 'teamMember',
						operation: 'getAll',
						ofEvent: true,
						eventId: byId(GALA),
						returnAll: true,
					}),
					qflow(
						'Stats',
						{ resource: 'teamMember', operation: 'getEventStats', eventId: byId(GALA) },
						{ executeOnce: true },
					),
					qflow(
						'Unassign',
						{
							resource: 'teamMember',
							operation: 'unassign',
							teamMemberId: member,
							eventId: byId(GALA),
						},
						{ executeOnce: true },
					),
					qflow('Delete', { resource: 'teamMember', operation: 'delete', teamMemberId: member }),
				],
			});
			const [created] = run.items('Create');
			expect(run.items('Update')[0]).toMatchObject({ id: created.id, lastName: 'Gate' });
			expect(run.items('Assign')[0]).toMatchObject({ teamMemberId: created.id, assigned: true });
			expect(run.items('Roster').map((m) => m.userName)).toEqual(['door.one', 'kelly.door']);
			expect(run.items('Stats')[0].teamMembers.map((m) => m.userName)).toEqual([
				'door.one',
				'kelly.door',
			]);
			expect(run.items('Unassign')[0].assigned).toBe(false);
			expect(run.items('Delete')[0]).toEqual({ id: created.id, deleted: true });
			expect(mock.state.teamMembers.has(created.id)).toBe(false);
		},
		TIMEOUT,
	);
});

describe('Profile operations', () => {
	test(
		'Create (restrictions, sign-out PIN, settings) on /profiles/v1, then Assign to Event for two team members',
		async () => {
			const [doorOne, doorTwo] = SEED_IDS.teamMembers;
			const run = await execute({
				id: 'qflowProfiles',
				nodes: [
					qflow('Create', {
						resource: 'profile',
						operation: 'create',
						name: 'Door Scanner',
						restrictions: ['restrict_settings', 'restrict_stats'],
						signOutPin: '4821',
						settings: { setting: [{ name: 'ContinuousScan', value: true, locked: true }] },
						additionalFields: {},
					}),
					qflow('Assign', {
						resource: 'profile',
						operation: 'assign',
						profileId: '={{ $json.id }}',
						eventId: byId(GALA),
						teamMemberIds: `${doorOne}, ${doorTwo.toUpperCase()}`,
					}),
				],
			});
			const [created] = run.output('Create');
			expect(created.pairedItem).toEqual({ item: 0 });
			expect(created.json).toMatchObject({
				name: 'Door Scanner',
				restrictions: ['restrict_settings', 'restrict_stats', 'restrict_signout 4821'],
				settings: { ContinuousScan: { value: true, locked: true } },
			});
			const [assigned] = run.output('Assign');
			expect(assigned.pairedItem).toEqual({ item: 0 });
			expect(assigned.json).toEqual({
				profileId: created.json.id,
				eventId: GALA,
				teamMemberIds: [doorOne, doorTwo],
				assigned: true,
			});
			expect(mock.state.profileAssignments.get(`${GALA}|${doorTwo}`)).toBe(created.json.id);
			expect(answered().map((request) => `${request.method} ${request.path}`)).toEqual([
				'POST /profiles/v1',
				'POST /profiles/v1/assign',
			]);
		},
		TIMEOUT,
	);
});

describe('Comms operations', () => {
	test(
		'Create or Update Template, Get Many Templates, Send Email (one email per correlation id)',
		async () => {
			const templateId = GUEST_GUID(900);
			const run = await execute({
				id: 'qflowComms',
				nodes: [
					qflow(
						'Template',
						{
							resource: 'comms',
							operation: 'upsertTemplate',
							eventId: byId(CONFERENCE),
							name: 'Welcome',
							html: '<p>Hi {{firstname}}</p>',
							additionalFields: { id: templateId, subject: 'Welcome {{firstname}}' },
						},
						{ executeOnce: true },
					),
					qflow(
						'Templates',
						{
							resource: 'comms',
							operation: 'getTemplates',
							eventId: byId(CONFERENCE),
							returnAll: true,
						},
						{ executeOnce: true },
					),
					qflow('Send', {
						resource: 'comms',
						operation: 'send',
						eventId: byId(CONFERENCE),
						// One send per template listed (two): to the first and the second seeded guest.
						guestId: byId(`={{ ${JSON.stringify(SEED_IDS.guests.slice(0, 2))}[$itemIndex] }}`),
						templateId: byId(templateId),
						correlationId: `={{ 'order-' + $itemIndex }}`,
					}),
				],
			});
			expect(run.items('Template')[0]).toMatchObject({ id: templateId, name: 'Welcome' });
			expect(run.items('Templates').map((t) => t.id)).toEqual([SEED_IDS.template, templateId]);
			const sends = run.items('Send');
			expect(sends.map((s) => [s.attendeeId, s.correlationId, s.status])).toEqual([
				[SEED_IDS.guests[0], 'order-0', 'queued'],
				[SEED_IDS.guests[1], 'order-1', 'queued'],
			]);
			expect(mock.state.invitations.size).toBe(2);
		},
		TIMEOUT,
	);

	test(
		'an account off the Comms allow-list gets the 403 with what to do',
		async () => {
			const run = await n8n.run(
				workflow({
					id: 'qflowCommsOff',
					nodes: [
						qflow(
							'Templates',
							{
								resource: 'comms',
								operation: 'getTemplates',
								eventId: byId(CONFERENCE),
								returnAll: true,
							},
							{ onError: 'continueRegularOutput' },
							UNTRUSTED,
						),
					],
				}),
			);
			const [item] = run.items('Templates');
			expect(item).toMatchObject({ httpCode: '403', code: 'comms_api_not_enabled' });
			expect(item.description).toMatch(/support/);
		},
		TIMEOUT,
	);
});

describe('Sending Domain operations', () => {
	const domainNode = (name, operation, parameters = {}) =>
		qflow(
			name,
			{ resource: 'sendingDomain', operation, ...parameters },
			{ onError: 'continueRegularOutput' },
		);

	test(
		'Create, Activate too early (409), Verify before and after the CNAMEs are published, Deactivate, Activate, Get, Delete, then 404, 409 and 422',
		async () => {
			const before = await execute({
				id: 'qflowDomainSetup',
				nodes: [
					domainNode('Create', 'create', { domain: 'Mail.Example.com' }),
					domainNode('Create Again', 'create', { domain: 'news.example.com' }),
					domainNode('Activate Early', 'activate'),
					domainNode('Verify Unpublished', 'verify'),
				],
			});
			const [created] = before.output('Create');
			expect(created.pairedItem).toEqual({ item: 0 });
			expect(created.json).toMatchObject({
				domain: 'mail.example.com',
				verified: false,
				enabled: false,
			});
			expect(created.json.dnsRecords.map((record) => [record.type, record.valid])).toEqual([
				['cname', false],
				['cname', false],
				['cname', false],
			]);
			expect(before.items('Create Again')[0]).toMatchObject({
				httpCode: '409',
				code: 'domain_already_configured',
			});
			const early = before.items('Activate Early')[0];
			expect(early).toMatchObject({ httpCode: '409', code: 'domain_not_verified' });
			expect(early.description).toContain('Sending Domain Verify');
			expect(before.items('Verify Unpublished')[0]).toMatchObject({
				verified: false,
				enabled: false,
			});

			// The owner publishes the three CNAMEs at the registrar.
			mock.publishDomainRecords('mail.example.com');
			const after = await execute({
				id: 'qflowDomainLive',
				nodes: [
					domainNode('Verify', 'verify'),
					domainNode('Deactivate', 'deactivate'),
					domainNode('Activate', 'activate'),
					domainNode('Get', 'get'),
					domainNode('Delete', 'delete'),
					domainNode('Get Deleted', 'get'),
					domainNode('Refused by SendGrid', 'create', { domain: 'mail.example.invalid' }),
				],
			});
			expect(after.items('Verify')[0]).toMatchObject({ verified: true, enabled: true });
			expect(after.items('Deactivate')[0].enabled).toBe(false);
			expect(after.items('Activate')[0].enabled).toBe(true);
			expect(after.items('Get')[0]).toMatchObject({
				id: created.json.id,
				domain: 'mail.example.com',
				verified: true,
				enabled: true,
			});
			expect(after.items('Delete')).toEqual([{ deleted: true }]);
			const gone = after.items('Get Deleted')[0];
			expect(gone.httpCode).toBe('404');
			expect(gone.description).toContain('no sending domain');
			expect(after.items('Refused by SendGrid')[0]).toMatchObject({
				httpCode: '422',
				code: 'sendgrid_create_failed',
			});
			expect(mock.state.sendingDomains.size).toBe(0);
			const domainCalls = answered()
				.map((request) => `${request.method} ${request.path}`)
				.filter((call) => call.includes('/comms/v1/api/comms/domain'));
			expect(domainCalls).toEqual([
				'POST /comms/v1/api/comms/domain',
				'POST /comms/v1/api/comms/domain',
				'POST /comms/v1/api/comms/domain/activate',
				'POST /comms/v1/api/comms/domain/verify',
				'POST /comms/v1/api/comms/domain/verify',
				'POST /comms/v1/api/comms/domain/deactivate',
				'POST /comms/v1/api/comms/domain/activate',
				'GET /comms/v1/api/comms/domain',
				'POST /comms/v1/api/comms/domain/delete',
				'GET /comms/v1/api/comms/domain',
				'POST /comms/v1/api/comms/domain',
			]);
		},
		TIMEOUT,
	);
});

describe('a client-key host (one customer’s integration guide)', () => {
	const CLIENT_KEY = { id: 'qflowClientKey', name: 'Qflow sandbox (client-key host)' };

	beforeAll(async () => {
		await n8n.importCredentials([
			{
				...CLIENT_KEY,
				type: 'qflowApi',
				// An account without an enterprise signs in with its bare email (authentication page).
				data: credentialData({
					username: 'owner@example.com',
					gateway: 'clientKey',
					clientApiKey: QFLOW_SANDBOX.clientKey,
					subscriptionApiKey: '',
				}),
			},
		]);
	}, TIMEOUT);

	test(
		'users, check-in and comms go to /api/… with X-Qflow-Client-Key, and nothing to the gateway paths',
		async () => {
			const viaClientKey = (name, parameters) =>
				qflow(name, parameters, { executeOnce: true }, CLIENT_KEY);
			const run = await execute({
				id: 'qflowClientKey',
				nodes: [
					viaClientKey('Count Users', { resource: 'user', operation: 'count' }),
					viaClientKey('Events', {
						resource: 'event',
						operation: 'getAll',
						returnAll: false,
						limit: 1,
					}),
					viaClientKey('Guest', {
						resource: 'guest',
						operation: 'upsert',
						eventId: byId(GALA),
						guestId: GUEST_GUID(700),
						firstName: 'Regina',
						lastName: 'Regional',
						additionalFields: {},
					}),
					viaClientKey('Templates', {
						resource: 'comms',
						operation: 'getTemplates',
						eventId: byId(CONFERENCE),
						returnAll: true,
					}),
				],
			});
			expect(run.items('Count Users')).toEqual([{ total: 7 }]);
			expect(run.items('Events')).toHaveLength(1);
			expect(run.items('Guest')[0]).toMatchObject({ id: GUEST_GUID(700), eventId: GALA });
			expect(run.items('Templates').map((t) => t.id)).toEqual([SEED_IDS.template]);
			expect(answered().map((request) => `${request.method} ${request.path}`)).toEqual([
				'GET /api/users/total',
				'GET /api/events',
				'POST /api/guest',
				'GET /api/comms/templates',
			]);
		},
		TIMEOUT,
	);
});
