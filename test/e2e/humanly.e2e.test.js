const { startHumanlyMock, HUMANLY_SANDBOX, humanlyCredential } = require('../../sandbox/humanly');
const { createN8n, workflow } = require('./harness');

const CREDENTIAL = { id: 'humanlySandbox', name: 'Humanly sandbox' };
const BATCH_SIZE = 100;
const [ENGINEERING, SALES, RECRUITING] = HUMANLY_SANDBOX.teamIds;
let mock;
let n8n;

beforeAll(async () => {
	mock = await startHumanlyMock();
	n8n = await createN8n('humanly');
	await n8n.importCredentials([{ ...CREDENTIAL, ...humanlyCredential(mock) }]);
}, 120_000);

afterAll(async () => {
	await mock?.close();
});

beforeEach(() => mock.reset());

function humanly(parameters, extra = {}) {
	return {
		name: 'Humanly',
		type: 'humanly',
		parameters,
		credentials: { humanlyApi: CREDENTIAL },
		...extra,
	};
}

const locator = (value) => ({ __rl: true, mode: 'id', value });

/** A direct call to the mock, to set up state the way another client would. */
async function api(method, path, body) {
	const response = await fetch(`${mock.url}${path}`, {
		method,
		headers: { 'x-api-key': HUMANLY_SANDBOX.apiKey, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return (await response.json()).data;
}

const usersOfOrg1 = () =>
	[...mock.state.users.values()].filter((u) => HUMANLY_SANDBOX.teamIds.includes(u.teamIds[0]));
const requestsTo = (method, path) =>
	mock.requests.filter((r) => r.method === method && r.path === path);

describe('User', () => {
	test('Create sends the users of all items in one bulk POST, paired with their items', async () => {
		const run = await n8n.run(
			workflow({
				id: 'hmUserCreate',
				input: [
					{ first: 'Grace', last: 'Hopper', mail: 'grace@example.com', teams: [ENGINEERING] },
					{
						first: 'Alan',
						last: 'Turing',
						mail: 'alan@example.com',
						teams: `${SALES}, ${RECRUITING}`,
						phone: '+442071838751',
						dashboard: true,
					},
				],
				nodes: [
					humanly({
						resource: 'user',
						operation: 'create',
						firstName: '={{ $json.first }}',
						lastName: '={{ $json.last }}',
						email: '={{ $json.mail }}',
						teamIds: '={{ $json.teams }}',
						dashboardAccess: '={{ $json.dashboard === true }}',
						additionalFields: { phone: '={{ $json.phone || "" }}' },
					}),
				],
			}),
		);
		expect(run.exitCode).toBe(0);
		const items = run.output('Humanly');
		expect(items.map((item) => [item.json.email, item.json.isApiUser, item.pairedItem])).toEqual([
			['grace@example.com', true, { item: 0 }],
			['alan@example.com', false, { item: 1 }],
		]);
		expect(mock.counters.byRoute['POST /qsi/gather/users']).toBe(1);
		const alan = [...mock.state.users.values()].find((u) => u.email === 'alan@example.com');
		expect(alan).toMatchObject({
			teamIds: [SALES, RECRUITING],
			phone: '+442071838751',
			isApiUser: false,
		});
	}, 60_000);

	test('Get Many filters by team and simplifies to names', async () => {
		const run = await n8n.run(
			workflow({
				id: 'hmUserGetMany',
				nodes: [
					humanly({
						resource: 'user',
						operation: 'getAll',
						returnAll: true,
						filters: { teamId: ENGINEERING },
					}),
				],
			}),
		);
		expect(run.exitCode).toBe(0);
		const users = run.items('Humanly');
		expect(users.map((u) => u.email).sort()).toEqual([
			'ava.patel@example.com',
			'priya.shah@example.com',
		]);
		const priya = users.find((u) => u.email === 'priya.shah@example.com');
		expect(Object.keys(priya).sort()).toEqual([
			'email',
			'firstName',
			'id',
			'isApiUser',
			'lastName',
			'phone',
			'teams',
		]);
		expect(priya.teams).toEqual(['Engineering Team', 'Recruiting Team']);
		expect(requestsTo('GET', '/qsi/gather/users')[0].query).toEqual({
			teamId: ENGINEERING,
			includeTeams: 'true',
		});
	}, 60_000);
});

describe('Team', () => {
	test('Create makes the teams of all items in one bulk POST', async () => {
		const ava = usersOfOrg1().find((u) => u.firstName === 'Ava');
		const run = await n8n.run(
			workflow({
				id: 'hmTeamCreate',
				input: [{ name: 'Nursing' }, { name: 'Drivers', users: [ava.id] }],
				nodes: [
					humanly({
						resource: 'team',
						operation: 'create',
						name: '={{ $json.name }}',
						additionalFields: { description: 'Made by n8n', userIds: '={{ $json.users || [] }}' },
					}),
				],
			}),
		);
		expect(run.exitCode).toBe(0);
		const items = run.output('Humanly');
		expect(items.map((item) => [item.json.name, item.json.displayName, item.pairedItem])).toEqual([
			['Nursing', 'Nursing', { item: 0 }],
			['Drivers', 'Drivers', { item: 1 }],
		]);
		expect(mock.counters.byRoute['POST /qsi/gather/teams']).toBe(1);
		expect(mock.state.users.get(ava.id).teamIds).toContain(items[1].json.id);
	}, 60_000);

	test('Get Many lists the teams of one user', async () => {
		const priya = usersOfOrg1().find((u) => u.firstName === 'Priya');
		const run = await n8n.run(
			workflow({
				id: 'hmTeamGetMany',
				nodes: [
					humanly({
						resource: 'team',
						operation: 'getAll',
						returnAll: true,
						filters: { userId: priya.id },
					}),
				],
			}),
		);
		expect(run.exitCode).toBe(0);
		expect(run.items('Humanly').map((t) => t.id)).toEqual([ENGINEERING, RECRUITING]);
	}, 60_000);
});

describe('Candidate', () => {
	test('Create adds a candidate per item', async () => {
		const run = await n8n.run(
			workflow({
				id: 'hmCandCreate',
				input: [{ first: 'Rosa', last: 'Parks', mail: 'rosa@example.com', ats: 'ATS-9001' }],
				nodes: [
					humanly({
						resource: 'candidate',
						operation: 'create',
						firstName: '={{ $json.first }}',
						lastName: '={{ $json.last }}',
						email: '={{ $json.mail }}',
						additionalFields: {
							externalId: '={{ $json.ats }}',
							phone: '+14155550199',
							smsOptIn: true,
							timezone: 'America/Chicago',
						},
					}),
				],
			}),
		);
		expect(run.exitCode).toBe(0);
		const [candidate] = run.items('Humanly');
		expect(candidate).toMatchObject({
			email: 'rosa@example.com',
			externalId: 'ATS-9001',
			smsOptIn: true,
			timezone: 'America/Chicago',
		});
		expect(mock.state.candidates.get(candidate.id).phone).toBe('+14155550199');
	}, 60_000);

	test('Get reads one candidate by ID', async () => {
		const id = HUMANLY_SANDBOX.candidateIds[3];
		const run = await n8n.run(
			workflow({
				id: 'hmCandGet',
				nodes: [humanly({ resource: 'candidate', operation: 'get', candidateId: locator(id) })],
			}),
		);
		expect(run.exitCode).toBe(0);
		expect(run.items('Humanly')).toEqual([mock.state.candidates.get(id)]);
	}, 60_000);

	test('Get Many pages with the largest page size and applies the filters', async () => {
		const run = await n8n.run(
			workflow({
				id: 'hmCandGetMany',
				nodes: [
					humanly({
						resource: 'candidate',
						operation: 'getAll',
						returnAll: true,
						filters: { archived: false },
					}),
				],
			}),
		);
		expect(run.exitCode).toBe(0);
		const active = [...mock.state.candidates.values()].filter(
			(c) => HUMANLY_SANDBOX.candidateIds.includes(c.id) && !c.archived,
		);
		expect(run.items('Humanly').map((c) => c.id)).toEqual(active.map((c) => c.id));
		expect(requestsTo('GET', '/qsi/gather/candidates').map((r) => r.query)).toEqual([
			{ archived: 'false', page: '1', pageSize: '100' },
		]);
	}, 60_000);

	test('Get Many searches by name with a small limit', async () => {
		const run = await n8n.run(
			workflow({
				id: 'hmCandSearch',
				nodes: [
					humanly({
						resource: 'candidate',
						operation: 'getAll',
						returnAll: false,
						limit: 2,
						filters: { search: 'garcia' },
					}),
				],
			}),
		);
		expect(run.exitCode).toBe(0);
		const found = run.items('Humanly');
		expect(found).toHaveLength(2);
		expect(found.every((c) => c.lastName === 'Garcia')).toBe(true);
		expect(requestsTo('GET', '/qsi/gather/candidates')[0].query).toEqual({
			search: 'garcia',
			page: '1',
			pageSize: '2',
		});
	}, 60_000);
});

describe('Interview', () => {
	test('Get reads one interview', async () => {
		const id = HUMANLY_SANDBOX.interviewIds[0];
		const run = await n8n.run(
			workflow({
				id: 'hmIntGet',
				nodes: [humanly({ resource: 'interview', operation: 'get', interviewId: locator(id) })],
			}),
		);
		expect(run.exitCode).toBe(0);
		expect(run.items('Humanly')[0]).toMatchObject({ id, title: 'Software Engineer' });
	}, 60_000);

	test('Get Many filters by type, status and archived', async () => {
		const run = await n8n.run(
			workflow({
				id: 'hmIntGetMany',
				nodes: [
					humanly({
						resource: 'interview',
						operation: 'getAll',
						returnAll: true,
						filters: { interviewType: 'standard', status: 'inactive', archived: false },
					}),
				],
			}),
		);
		expect(run.exitCode).toBe(0);
		expect(run.items('Humanly').map((i) => i.title)).toEqual(['Customer Support Agent']);
	}, 60_000);
});

describe('Candidate Interview', () => {
	const [interviewId] = HUMANLY_SANDBOX.interviewIds;
	// Seed rule: candidate i opted in to SMS when i % 3 === 0, and has a phone unless i % 5 === 4.
	const optedIn = HUMANLY_SANDBOX.candidateIds[3];
	const notOptedIn = HUMANLY_SANDBOX.candidateIds[1];

	const invite = (candidateId) =>
		api('POST', '/qsi/gather/candidate-interviews', {
			candidateId,
			interviewId,
			deliveryTypes: ['email'],
		});

	test('Invite sends by email and SMS; SMS to a candidate without opt-in is refused with the API error', async () => {
		const run = await n8n.run(
			workflow({
				id: 'hmCiInvite',
				input: [
					{ candidate: optedIn, via: ['email', 'sms'] },
					{ candidate: notOptedIn, via: ['sms'] },
				],
				nodes: [
					humanly(
						{
							resource: 'candidateInterview',
							operation: 'invite',
							candidateId: { __rl: true, mode: 'id', value: '={{ $json.candidate }}' },
							interviewId: locator(interviewId),
							deliveryTypes: '={{ $json.via }}',
							additionalFields: {
								expiryDays: 14,
								externalRedirectUri: 'https://careers.example.com/thanks',
							},
						},
						{ onError: 'continueRegularOutput' },
					),
				],
			}),
		);
		expect(run.exitCode).toBe(0);
		const [sent, refused] = run.output('Humanly');
		expect(sent.json).toMatchObject({
			candidateId: optedIn,
			status: 'invite_sent',
			deliveryTypes: ['email', 'sms'],
			expiryDays: 14,
		});
		expect(sent.pairedItem).toEqual({ item: 0 });
		expect(refused.pairedItem).toEqual({ item: 1 });
		expect(refused.json).toMatchObject({
			httpCode: '400',
			code: 'VALIDATION_ERROR',
			details: { field: 'deliveryTypes' },
		});
		expect(refused.json.error).toContain('not opted in to SMS');
		expect(refused.json.requestId).toMatch(/^[0-9a-f-]{36}$/);
		expect(mock.state.candidateInterviews.size).toBe(1);
	}, 60_000);

	test('Get reads one candidate interview', async () => {
		const created = await invite(optedIn);
		const run = await n8n.run(
			workflow({
				id: 'hmCiGet',
				nodes: [
					humanly({
						resource: 'candidateInterview',
						operation: 'get',
						candidateInterviewId: created.id,
					}),
				],
			}),
		);
		expect(run.exitCode).toBe(0);
		expect(run.items('Humanly')).toEqual([created]);
	}, 60_000);

	test('Get Many filters by candidate and status', async () => {
		const first = await invite(optedIn);
		await invite(notOptedIn);
		const run = await n8n.run(
			workflow({
				id: 'hmCiGetMany',
				nodes: [
					humanly({
						resource: 'candidateInterview',
						operation: 'getAll',
						returnAll: true,
						filters: { candidateId: optedIn, status: 'invite_sent' },
					}),
				],
			}),
		);
		expect(run.exitCode).toBe(0);
		expect(run.items('Humanly').map((ci) => ci.id)).toEqual([first.id]);
	}, 60_000);

	test('Update Status moves the invite on', async () => {
		const created = await invite(optedIn);
		const run = await n8n.run(
			workflow({
				id: 'hmCiStatus',
				nodes: [
					humanly({
						resource: 'candidateInterview',
						operation: 'updateStatus',
						candidateInterviewId: created.id,
						status: 'hired',
					}),
				],
			}),
		);
		expect(run.exitCode).toBe(0);
		expect(run.items('Humanly')[0].status).toBe('hired');
		expect(mock.state.candidateInterviews.get(created.id).status).toBe('hired');
	}, 60_000);

	test('Get Results reads the answers of a completed interview', async () => {
		const created = await invite(optedIn);
		mock.completeInterview(created.id);
		const run = await n8n.run(
			workflow({
				id: 'hmCiResults',
				nodes: [
					humanly({
						resource: 'candidateInterview',
						operation: 'getResults',
						candidateInterviewId: created.id,
					}),
				],
			}),
		);
		expect(run.exitCode).toBe(0);
		const [results] = run.items('Humanly');
		expect(results).toMatchObject({ candidateInterviewId: created.id, status: 'new_response' });
		expect(results.responses).toHaveLength(3);
	}, 60_000);

	test('Resend Invite sends the invite again', async () => {
		const created = await invite(optedIn);
		const run = await n8n.run(
			workflow({
				id: 'hmCiResend',
				nodes: [
					humanly({
						resource: 'candidateInterview',
						operation: 'resendInvite',
						candidateInterviewId: created.id,
					}),
				],
			}),
		);
		expect(run.exitCode).toBe(0);
		expect(run.items('Humanly')[0].inviteCount).toBe(2);
		expect(mock.state.candidateInterviews.get(created.id).inviteCount).toBe(2);
		expect(mock.counters.byRoute['POST /qsi/gather/candidate-interviews/{id}/resend-invite']).toBe(
			1,
		);
	}, 60_000);
});

test('under continue on fail, a bad item and a refused item fail alone; the others are created', async () => {
	const input = [
		{ mail: 'one@example.com' },
		{ mail: 'not-an-email' },
		{ mail: 'ava.patel@example.com' }, // already exists: the API refuses this entry
		{ mail: 'four@example.com' },
	];
	const run = await n8n.run(
		workflow({
			id: 'hmContinueOnFail',
			input,
			nodes: [
				humanly(
					{
						resource: 'user',
						operation: 'create',
						firstName: 'Test',
						lastName: '={{ "User" + $itemIndex }}',
						email: '={{ $json.mail }}',
						teamIds: [ENGINEERING],
					},
					{ onError: 'continueRegularOutput' },
				),
			],
		}),
	);
	expect(run.exitCode).toBe(0);
	const items = run.output('Humanly');
	expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
	expect(items[0].json.email).toBe('one@example.com');
	expect(items[1].json.error).toBe(
		'Invalid email: must be a valid email address, like jane.doe@example.com',
	);
	expect(items[2].json).toMatchObject({
		httpCode: '400',
		code: 'VALIDATION_ERROR',
		details: { field: 'users[1].email' },
	});
	expect(items[2].json.error).toContain('already exists');
	expect(items[2].json.requestId).toMatch(/^[0-9a-f-]{36}$/);
	expect(items[3].json.email).toBe('four@example.com');
	// The refused request, then the resend without the refused entry.
	expect(
		requestsTo('POST', '/qsi/gather/users').map((r) => r.body.users.map((u) => u.email)),
	).toEqual([
		['one@example.com', 'ava.patel@example.com', 'four@example.com'],
		['one@example.com', 'four@example.com'],
	]);
	expect(usersOfOrg1().filter((u) => u.email === 'ava.patel@example.com')).toHaveLength(1);
}, 60_000);

test('without continue on fail, a refused entry stops the workflow with the API message', async () => {
	const run = await n8n.run(
		workflow({
			id: 'hmStopOnFail',
			input: [{ mail: 'fresh@example.com' }, { mail: 'ava.patel@example.com' }],
			nodes: [
				humanly({
					resource: 'user',
					operation: 'create',
					firstName: 'A',
					lastName: 'B',
					email: '={{ $json.mail }}',
					teamIds: [ENGINEERING],
				}),
			],
		}),
	);
	expect(run.exitCode).not.toBe(0);
	expect(JSON.stringify(run.error ?? run.stdout)).toContain('already exists');
	expect([...mock.state.users.values()].some((u) => u.email === 'fresh@example.com')).toBe(false);
}, 60_000);

test('1,000 users from 1,000 items: ⌈1000 / batch size⌉ POSTs, each user once, every output paired with its input', async () => {
	const input = Array.from({ length: 1000 }, (_, i) => ({
		first: `Bulk${i}`,
		last: `User${i}`,
		mail: `bulk.user${i}@example.com`,
		team: HUMANLY_SANDBOX.teamIds[i % 3],
	}));
	const started = Date.now();
	const run = await n8n.run(
		workflow({
			id: 'hmBulk1000',
			input,
			nodes: [
				humanly({
					resource: 'user',
					operation: 'create',
					firstName: '={{ $json.first }}',
					lastName: '={{ $json.last }}',
					email: '={{ $json.mail }}',
					teamIds: '={{ [$json.team] }}',
					options: { batchSize: BATCH_SIZE },
				}),
			],
		}),
	);
	const wallMs = Date.now() - started;
	expect(run.exitCode).toBe(0);
	const posts = mock.counters.byRoute['POST /qsi/gather/users'];
	expect(posts).toBe(Math.ceil(1000 / BATCH_SIZE));
	expect(mock.counters.requests).toBe(posts);

	const created = [...mock.state.users.values()].filter((u) => u.email.startsWith('bulk.user'));
	expect(created).toHaveLength(1000);
	expect(new Set(created.map((u) => u.email)).size).toBe(1000);

	const items = run.output('Humanly');
	expect(items).toHaveLength(1000);
	items.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		expect(item.json.email).toBe(input[index].mail);
		expect(item.json.teamIds).toEqual([input[index].team]);
	});
	// The measured figures (reported in the handover): requests sent and the time one n8n execute took.
	console.log(
		`Humanly bulk: 1000 users, ${posts} POSTs, execute ${run.durationMs} ms, with import ${wallMs} ms`,
	);
}, 120_000);
