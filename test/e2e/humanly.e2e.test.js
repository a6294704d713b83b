const { startHumanlyMock, HUMANLY_SANDBOX, humanlyCredential } = require('../../sandbox/humanly');
const { createN8n, workflow: baseWorkflow } = require('./harness');

const workflow = baseWorkflow;
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

beforeEach(() => {
	mock.reset();
	mock.setDocs('newer');
});

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

describe.each(['newer', 'older'])('against the %s docs.humanly.io pages', (docs) => {
	// One workflow id per version, so the runs of both stay apart in n8n.
	const workflow = (spec) => baseWorkflow({ ...spec, id: `${spec.id}${docs[0].toUpperCase()}` });
	const newer = docs === 'newer';
	beforeEach(() => mock.setDocs(docs));

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

		test('Get Many pages with the largest page size; Include Archived adds the archived ones', async () => {
			const run = await n8n.run(
				workflow({
					id: 'hmCandGetMany',
					input: [{ archived: false }, { archived: true }],
					nodes: [
						humanly({
							resource: 'candidate',
							operation: 'getAll',
							returnAll: true,
							filters: { archived: '={{ $json.archived }}' },
						}),
					],
				}),
			);
			expect(run.exitCode).toBe(0);
			const ofOrg1 = [...mock.state.candidates.values()].filter((c) =>
				HUMANLY_SANDBOX.candidateIds.includes(c.id),
			);
			const output = run.output('Humanly');
			const fromItem = (n) => output.filter((item) => item.pairedItem.item === n);
			expect(fromItem(0).map((item) => item.json.id)).toEqual(
				ofOrg1.filter((c) => c.archivedAt === null).map((c) => c.id),
			);
			expect(fromItem(1).map((item) => item.json.id)).toEqual(ofOrg1.map((c) => c.id));
			expect(requestsTo('GET', '/qsi/gather/candidates').map((r) => r.query)).toEqual([
				{ page: '1', pageSize: '100' },
				{ archived: 'true', page: '1', pageSize: '100' },
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
		test('Get reads one interview, wrapped or not, with its status as answered and a readable one', async () => {
			const id = HUMANLY_SANDBOX.interviewIds[2];
			const run = await n8n.run(
				workflow({
					id: 'hmIntGet',
					nodes: [
						humanly({
							resource: 'interview',
							operation: 'get',
							interviewId: locator(id),
							options: { teamId: SALES },
						}),
					],
				}),
			);
			expect(run.exitCode).toBe(0);
			expect(run.items('Humanly')).toEqual([
				expect.objectContaining({
					id,
					title: 'Customer Support Agent',
					status: newer ? 1 : 'paused',
					statusName: 'Paused',
				}),
			]);
			expect(requestsTo('GET', `/qsi/gather/interviews/${id}`)[0].query).toEqual({
				teamId: SALES,
			});
		}, 60_000);

		test('Get Many filters by type and status; Include Archived adds archived ones', async () => {
			const run = await n8n.run(
				workflow({
					id: 'hmIntGetMany',
					input: [
						{ filters: { interviewType: 'questionnaire' } },
						{ filters: { status: 3, archived: true } },
						{ filters: { status: 1 } },
					],
					nodes: [
						humanly({
							resource: 'interview',
							operation: 'getAll',
							returnAll: true,
							filters: {
								interviewType: '={{ $json.filters.interviewType ?? "" }}',
								status: '={{ $json.filters.status ?? "" }}',
								archived: '={{ $json.filters.archived ?? false }}',
							},
						}),
					],
				}),
			);
			expect(run.exitCode).toBe(0);
			const titles = (n) =>
				run
					.output('Humanly')
					.filter((item) => item.pairedItem.item === n)
					.map((item) => [item.json.title, item.json.statusName]);
			expect(titles(0)).toEqual([['Availability Questionnaire', 'Active']]);
			expect(titles(1)).toEqual([
				['Retail Store Manager', 'Archived'],
				['Registered Nurse', 'Archived'],
			]);
			expect(titles(2)).toEqual([['Customer Support Agent', 'Paused']]);
		}, 60_000);

		test('Create makes a standard interview with questions, survey questions and keywords', async () => {
			const survey = (
				await api('POST', '/qsi/gather/survey-questions', {
					title: 'Can you work weekends?',
					questionType: 'yes_no',
				})
			).surveyQuestion;
			const questionIds = HUMANLY_SANDBOX.questionIds.slice(0, 2);
			const run = await n8n.run(
				workflow({
					id: 'hmIntCreate',
					nodes: [
						humanly({
							resource: 'interview',
							operation: 'create',
							title: 'Barista',
							additionalFields: {
								displayName: 'Join our café',
								description: 'Front of house',
								language: 'en',
								questionIds,
								surveyQuestions: { question: [{ id: survey.id, knockout: true }] },
								keywords: 'coffee, service',
							},
						}),
					],
				}),
			);
			expect(run.exitCode).toBe(0);
			const [created] = run.items('Humanly');
			expect(created).toMatchObject({
				title: 'Barista',
				interviewType: 'standard',
				statusName: 'Active',
				keywords: ['coffee', 'service'],
				surveyQuestions: [{ id: survey.id, knockout: true }],
			});
			expect(created.questions.map((q) => q.id)).toEqual(questionIds);
			expect(requestsTo('POST', '/qsi/gather/interviews')[0].body).toMatchObject({
				interviewType: 'standard',
				questionIds,
			});
		}, 60_000);

		test('Bulk Update merges keywords into the picked interviews and reports each; an unknown one is an error item', async () => {
			const [first, second] = HUMANLY_SANDBOX.interviewIds;
			mock.state.interviews.get(first).keywords = ['java', 'python'];
			const run = await n8n.run(
				workflow({
					id: 'hmIntBulk',
					nodes: [
						humanly({
							resource: 'interview',
							operation: 'bulkUpdate',
							interviewIds: [first, second, 'not-an-interview'],
							mode: 'merge',
							updateFields: {
								keywords: 'go',
								removedKeywords: 'java',
								templateInterviewId: HUMANLY_SANDBOX.interviewIds[3],
							},
						}),
					],
				}),
			);
			expect(run.exitCode).toBe(0);
			expect(run.items('Humanly')).toEqual([
				{ interviewId: first, updated: true, templateInterviewId: HUMANLY_SANDBOX.interviewIds[3] },
				{
					interviewId: second,
					updated: true,
					templateInterviewId: HUMANLY_SANDBOX.interviewIds[3],
				},
				{
					interviewId: 'not-an-interview',
					updated: false,
					error: 'Interview not found',
					templateInterviewId: HUMANLY_SANDBOX.interviewIds[3],
				},
			]);
			expect(mock.state.interviews.get(first).keywords).toEqual(['python', 'go']);
			expect(requestsTo('PATCH', '/qsi/gather/interviews/bulk-update')).toHaveLength(1);
		}, 60_000);
	});

	describe('Question and Narrator', () => {
		test('Create an audio question generates its audio with a narrator picked from the list', async () => {
			const [, spanish] = HUMANLY_SANDBOX.narratorIds;
			const run = await n8n.run(
				workflow({
					id: 'hmQCreate',
					nodes: [
						humanly({
							resource: 'question',
							operation: 'create',
							title: 'Tell me about yourself',
							questionScript: 'Tell me about yourself and your background.',
							additionalFields: {
								generateAudio: true,
								narratorId: spanish,
								// The older pages require the creator; the newer take the key's user.
								...(newer ? {} : { userId: HUMANLY_SANDBOX.userIds[2] }),
							},
						}),
					],
				}),
			);
			expect(run.exitCode).toBe(0);
			const [question] = run.items('Humanly');
			expect(question).toMatchObject({
				title: 'Tell me about yourself',
				narratorId: spanish,
				createdById: HUMANLY_SANDBOX.userIds[newer ? 0 : 2],
			});
			expect(question.audioURL).toMatch(/\.mp3$/);
			expect(mock.state.questions.get(question.id).questionScript).toBe(
				'Tell me about yourself and your background.',
			);
		}, 60_000);

		test('Create a survey question and an AI text question', async () => {
			const run = await n8n.run(
				workflow({
					id: 'hmQSurvey',
					nodes: [
						humanly({
							resource: 'question',
							operation: 'createSurvey',
							title: 'Which shift?',
							questionType: 'multiple_choice',
							answerOptions: 'Day, Night',
						}),
						humanly(
							{
								resource: 'question',
								operation: 'createAiText',
								title: 'Conflict',
								questionText: 'Describe a conflict you resolved.',
							},
							{ name: 'AI Text' },
						),
					],
				}),
			);
			expect(run.exitCode).toBe(0);
			expect(run.items('Humanly')[0]).toMatchObject({
				title: 'Which shift?',
				questionType: 'multiple_choice',
				options: ['Day', 'Night'],
			});
			expect(run.items('AI Text')[0]).toMatchObject({
				title: 'Conflict',
				questionText: 'Describe a conflict you resolved.',
			});
			expect(mock.state.surveyQuestions.size).toBe(1);
			expect(mock.state.aiTextQuestions.size).toBe(1);
		}, 60_000);

		test('Get and Get Many questions', async () => {
			const [firstId] = HUMANLY_SANDBOX.questionIds;
			const run = await n8n.run(
				workflow({
					id: 'hmQGet',
					nodes: [
						humanly({ resource: 'question', operation: 'get', questionId: locator(firstId) }),
						humanly(
							{ resource: 'question', operation: 'getAll', returnAll: false, limit: 4 },
							{ name: 'Questions' },
						),
					],
				}),
			);
			expect(run.exitCode).toBe(0);
			expect(run.items('Humanly')).toEqual([mock.state.questions.get(firstId)]);
			expect(run.items('Questions').map((q) => q.id)).toEqual(
				HUMANLY_SANDBOX.questionIds.slice(0, 4),
			);
		}, 60_000);

		test('Get and Get Many narrators, with their voices', async () => {
			const run = await n8n.run(
				workflow({
					id: 'hmNarr',
					nodes: [
						humanly({
							resource: 'narrator',
							operation: 'get',
							narratorId: locator(HUMANLY_SANDBOX.narratorIds[1]),
						}),
						humanly(
							{ resource: 'narrator', operation: 'getAll', returnAll: true },
							{ name: 'Narrators' },
						),
					],
				}),
			);
			expect(run.exitCode).toBe(0);
			expect(run.items('Humanly')[0]).toMatchObject({ name: 'Narrador', language: 'es' });
			expect(run.items('Humanly')[0].voices).toHaveLength(1);
			expect(run.items('Narrators').map((n) => n.id)).toEqual(HUMANLY_SANDBOX.narratorIds);
		}, 60_000);
	});

	describe('Message Group and Team', () => {
		test('Get (with messages), Create and Get Many message groups', async () => {
			const run = await n8n.run(
				workflow({
					id: 'hmMsg',
					nodes: [
						humanly({
							resource: 'messageGroup',
							operation: 'get',
							messageGroupId: locator(HUMANLY_SANDBOX.messageGroupIds[0]),
						}),
						humanly(
							{
								resource: 'messageGroup',
								operation: 'create',
								title: 'Night shift invites',
								type: 'standard',
								additionalFields: {
									messages: {
										message: [
											{ type: 'INVITE', smsBody: 'Your interview: {{link}}', smsEnabled: true },
										],
									},
								},
							},
							{ name: 'New Group' },
						),
						humanly(
							{ resource: 'messageGroup', operation: 'getAll', returnAll: true },
							{ name: 'Groups' },
						),
					],
				}),
			);
			expect(run.exitCode).toBe(0);
			expect(run.items('Humanly')[0].messages[0]).toMatchObject({ type: 'INVITE' });
			const [created] = run.items('New Group');
			expect(created).toMatchObject({
				title: 'Night shift invites',
				messages: [{ type: 'INVITE', smsBody: 'Your interview: {{link}}', smsEnabled: true }],
			});
			expect(run.items('Groups').map((g) => g.id)).toEqual([
				...HUMANLY_SANDBOX.messageGroupIds,
				created.id,
			]);
		}, 60_000);

		test('Get a team and update its branding (colours without #)', async () => {
			const run = await n8n.run(
				workflow({
					id: 'hmTeamBrand',
					nodes: [
						humanly({ resource: 'team', operation: 'get', teamId: locator(SALES) }),
						humanly(
							{
								resource: 'team',
								operation: 'updateBranding',
								teamId: locator(SALES),
								branding: { accentColor: '#ff8800', logoUrl: 'https://example.com/logo.png' },
							},
							{ name: 'Branded' },
						),
					],
				}),
			);
			expect(run.exitCode).toBe(0);
			expect(run.items('Humanly')[0]).toMatchObject({ id: SALES, name: 'Sales Team' });
			expect(run.items('Branded')[0]).toMatchObject({
				accentColor: 'FF8800',
				logoUrl: 'https://example.com/logo.png',
			});
			expect(requestsTo('PATCH', `/qsi/gather/teams/${SALES}/branding`)[0].body).toEqual({
				accentColor: 'ff8800',
				logoUrl: 'https://example.com/logo.png',
			});
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

		test('Invite sends by email and SMS with its own webhook URL; SMS without opt-in is refused with the API error', async () => {
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
									webhookUrl: 'https://hooks.example.com/humanly',
								},
							},
							{ onError: 'continueRegularOutput' },
						),
					],
				}),
			);
			expect(run.exitCode).toBe(0);
			const [sent, refused] = run.output('Humanly');
			expect(sent.json).toMatchObject({ candidateId: optedIn, status: 'invite_sent' });
			expect(Object.keys(sent.json)).toEqual(
				expect.arrayContaining(['inviteToken', 'expiry', 'inviteSentAt']),
			);
			expect(sent.json.inviteUrl).toBeUndefined();
			expect(sent.pairedItem).toEqual({ item: 0 });
			expect(mock.state.candidateInterviews.get(sent.json.id)).toMatchObject({
				deliveryTypes: ['email', 'sms'],
				webhookUrl: 'https://hooks.example.com/humanly',
			});
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

		test('Get Many reads the list in the shape answered, page by page, and filters by candidate and status', async () => {
			const first = await invite(optedIn);
			const second = await invite(optedIn);
			await invite(notOptedIn);
			const run = await n8n.run(
				workflow({
					id: 'hmCiGetMany',
					input: [{ limit: 1 }, { limit: 0 }],
					nodes: [
						humanly({
							resource: 'candidateInterview',
							operation: 'getAll',
							returnAll: '={{ $json.limit === 0 }}',
							limit: '={{ $json.limit || 50 }}',
							filters: { candidateId: optedIn, status: 'invite_sent' },
						}),
					],
				}),
			);
			expect(run.exitCode).toBe(0);
			const output = run.output('Humanly');
			const fromItem = (n) =>
				output.filter((item) => item.pairedItem.item === n).map((item) => item.json.id);
			expect(fromItem(0)).toEqual([first.id]);
			expect(fromItem(1)).toEqual([first.id, second.id]);
			expect(output[0].json).toEqual({
				id: first.id,
				candidateId: optedIn,
				interviewId,
				status: 'invite_sent',
				inviteSentAt: first.inviteSentAt,
				createdAt: first.createdAt,
			});
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

		test('Get Results reads transcriptions, scores, summary and score card; a summary still processing is null, or fails the item when asked', async () => {
			const done = await invite(optedIn);
			const processing = await invite(notOptedIn);
			mock.completeInterview(done.id);
			mock.completeInterview(processing.id, { summaryStatus: 'processing' });
			const run = await n8n.run(
				workflow({
					id: 'hmCiResults',
					input: [
						{ id: done.id, ifProcessing: 'return' },
						{ id: processing.id, ifProcessing: 'return' },
						{ id: processing.id, ifProcessing: 'fail' },
					],
					nodes: [
						humanly(
							{
								resource: 'candidateInterview',
								operation: 'getResults',
								candidateInterviewId: '={{ $json.id }}',
								options: { summaryProcessing: '={{ $json.ifProcessing }}' },
							},
							{ onError: 'continueRegularOutput' },
						),
					],
				}),
			);
			expect(run.exitCode).toBe(0);
			const [complete, stillProcessing, failed] = run.items('Humanly');
			expect(complete).toMatchObject({
				candidateInterviewId: done.id,
				summaryStatus: 'complete',
				summary: expect.any(String),
				scoreCard: { evaluationType: 'ai_generated' },
			});
			expect(complete.transcriptions).toHaveLength(3);
			expect(stillProcessing).toMatchObject({
				summaryStatus: 'processing',
				summary: null,
				scoreCard: null,
			});
			expect(failed.error).toMatch(/still being generated/);
		}, 60_000);

		test('Resend Invite sends the invite again by the channels picked', async () => {
			const created = await invite(optedIn);
			const run = await n8n.run(
				workflow({
					id: 'hmCiResend',
					nodes: [
						humanly({
							resource: 'candidateInterview',
							operation: 'resendInvite',
							candidateInterviewId: created.id,
							deliveryTypes: ['sms'],
						}),
					],
				}),
			);
			expect(run.exitCode).toBe(0);
			expect(run.items('Humanly')[0].id).toBe(created.id);
			expect(mock.state.candidateInterviews.get(created.id)).toMatchObject({
				inviteCount: 2,
				deliveryTypes: ['sms'],
			});
			const [resend] = requestsTo(
				'POST',
				`/qsi/gather/candidate-interviews/${created.id}/resend-invite`,
			);
			expect(resend.body).toEqual({ deliveryTypes: ['sms'] });
		}, 60_000);
	});
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
