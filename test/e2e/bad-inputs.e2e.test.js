/**
 * The bad-input table: for every operation of the three nodes, items a user could plausibly send that
 * the vendor would refuse (wrong types, empty or over-long text, bad emails and phones, unknown
 * values, ids that would break a URL, bad dates, bad JSON rows, an unknown time zone, a weak
 * password, a username without PIN, an oversized batch). Each item is one case, all cases of an
 * operation go through one node under "continue on fail", and one execution per vendor runs them
 * all. Each must fail before anything is sent (the mock's request log holds only the requests of the
 * valid control items) with a message naming the field; the valid controls, written with names like
 * "Zoë O'Brien-Łukasz", must pass untouched.
 */
const { startQHubMock, qhubCredential } = require('../../sandbox/qhub');
const { startQflowMock, qflowCredential, SEED_IDS: QFLOW_SEED } = require('../../sandbox/qflow');
const { startHumanlyMock, humanlyCredential, HUMANLY_SANDBOX } = require('../../sandbox/humanly');
const { createN8n } = require('./harness');
const { branchedWorkflow, table } = require('./proof');

const TIMEOUT = 240_000;
const long = (n) => 'x'.repeat(n);
const byId = (value) => ({ __rl: true, mode: 'id', value });
/** Values that look like an attack or would change the URL the id goes into. */
const URL_BREAKING_IDS = ['../users', 'a b', '1;DROP', 'x?y=1', '%2F'];
const ALICE = '00000000-0000-4000-8000-000000000003';
const [ENGINEERING] = HUMANLY_SANDBOX.teamIds;
const [CANDIDATE] = HUMANLY_SANDBOX.candidateIds;
const [INTERVIEW] = HUMANLY_SANDBOX.interviewIds;
const ZOE = { firstName: 'Zoë', lastName: "O'Brien-Łukasz" };
const [QFLOW_CONFERENCE] = QFLOW_SEED.events;
const [QFLOW_GUEST] = QFLOW_SEED.guests;
const QFLOW_TEMPLATE = QFLOW_SEED.template;

/**
 * Per vendor, per operation: the node's parameters (reading each case's values from the item),
 * valid values every case starts from, an optional valid control (sent, must succeed), and the cases
 * as [what is wrong, values, the field the message must name].
 */
const VENDORS = {
	qhub: {
		label: 'Q-Hub',
		start: () => startQHubMock({ limit: 1000 }),
		credential: qhubCredential,
		credentialKey: 'qHubApi',
		nodeType: 'qHub',
		operations: {
			'User Create': {
				parameters: {
					resource: 'user',
					operation: 'create',
					firstName: '={{ $json.firstName }}',
					lastName: '={{ $json.lastName }}',
					email: '={{ $json.email }}',
					accessLevel: '={{ $json.accessLevel }}',
					locationIds: '={{ $json.locationIds }}',
				},
				valid: {
					firstName: 'Pat',
					lastName: 'Lee',
					email: 'pat.lee@example.com',
					accessLevel: 'view',
					locationIds: [],
				},
				control: { ...ZOE, email: 'zoe.obrien+qhub@example.co.uk', locationIds: ['loc_seed0001'] },
				sends: ['POST /users'],
				cases: [
					['email without @', { email: 'pat.lee.example.com' }, 'email'],
					['email with a space', { email: 'pat lee@example.com' }, 'email'],
					['empty email', { email: '' }, 'email'],
					['unknown access level', { accessLevel: 'owner' }, 'accessLevel'],
					['empty first name', { firstName: '' }, 'firstName'],
					['first name of spaces only', { firstName: '   ' }, 'firstName'],
					['a number as last name', { lastName: 42 }, 'lastName'],
					['101-character last name', { lastName: long(101) }, 'lastName'],
					['location id climbing the path', { locationIds: ['../users'] }, 'locationIds'],
					['location id with a query', { locationIds: 'x?y=1' }, 'locationIds'],
				],
			},
			'User Suspend': {
				parameters: { resource: 'user', operation: 'suspend', userId: '={{ $json.userId }}' },
				valid: { userId: 'usr_seed0002' },
				cases: [...URL_BREAKING_IDS, ''].map((id) => [
					`user id ${JSON.stringify(id)}`,
					{ userId: id },
					'userId',
				]),
			},
			'Location Create': {
				parameters: {
					resource: 'location',
					operation: 'create',
					name: '={{ $json.name }}',
					additionalFields: { code: '={{ $json.code }}', parentId: '={{ $json.parentId }}' },
				},
				valid: { name: 'Depot', code: '', parentId: '' },
				control: { name: 'Zoë’s Depot — Łódź 北京', code: 'LDZ-1', parentId: 'loc_seed0001' },
				sends: ['POST /locations'],
				cases: [
					['empty name', { name: '' }, 'name'],
					['121-character name', { name: long(121) }, 'name'],
					['parent id with a slash', { parentId: 'a/b' }, 'parentId'],
					['51-character code', { code: long(51) }, 'code'],
				],
			},
			'Location Update': {
				parameters: {
					resource: 'location',
					operation: 'update',
					locationId: byId('={{ $json.id }}'),
					updateFields: { name: '={{ $json.name }}' },
				},
				valid: { id: 'loc_seed0002', name: 'North Warehouse 2' },
				cases: [
					['location id climbing the path', { id: '../locations' }, 'locationId'],
					['empty location id', { id: '' }, 'locationId'],
					['name emptied', { name: '' }, 'name'],
				],
			},
			'Location Update Nothing': {
				parameters: {
					resource: 'location',
					operation: 'update',
					locationId: byId('={{ $json.id }}'),
					updateFields: {},
				},
				valid: { id: 'loc_seed0002' },
				cases: [['no field to update', {}, 'Update Fields']],
			},
			'Location Archive': {
				parameters: {
					resource: 'location',
					operation: 'archive',
					locationId: byId('={{ $json.id }}'),
				},
				valid: { id: 'loc_seed0002' },
				cases: [
					['location id with a query', { id: 'x?y=1' }, 'locationId'],
					['location id with a space', { id: 'a b' }, 'locationId'],
				],
			},
			'Location Delete': {
				parameters: {
					resource: 'location',
					operation: 'delete',
					locationId: byId('={{ $json.id }}'),
				},
				valid: { id: 'loc_seed0002' },
				cases: [
					['encoded slash as location id', { id: '%2F' }, 'locationId'],
					['location id with a semicolon', { id: '1;DROP' }, 'locationId'],
				],
			},
			'Data Set Create': {
				parameters: {
					resource: 'dataSet',
					operation: 'create',
					name: '={{ $json.name }}',
					rowsFrom: 'json',
					rows: '={{ $json.rows }}',
				},
				valid: { name: 'Training records', rows: '[{"employeeId":"E1","passed":true}]' },
				cases: [
					['rows that are not JSON', { rows: 'employeeId,passed' }, 'rows'],
					['rows as an object, not a list', { rows: '{"employeeId":"E1"}' }, 'rows'],
					['rows that are not objects', { rows: '[1,2]' }, 'rows'],
					[
						'10,001 rows',
						{ rows: JSON.stringify(Array.from({ length: 10_001 }, (_, i) => ({ n: i }))) },
						'rows',
					],
					['empty name', { name: '' }, 'name'],
				],
			},
			'Data Set Update': {
				parameters: {
					resource: 'dataSet',
					operation: 'update',
					dataSetId: '={{ $json.id }}',
					updateFields: {},
					rowsFrom: 'json',
					rows: '[{"a":1}]',
				},
				valid: { id: 'ds_seed' },
				cases: [
					['data set id climbing the path', { id: '../data-sets' }, 'dataSetId'],
					['data set id with a space', { id: 'a b' }, 'dataSetId'],
				],
			},
			'Form Entry Get Many': {
				parameters: {
					resource: 'formEntry',
					operation: 'getAll',
					returnAll: false,
					limit: 5,
					filters: {
						formId: '={{ $json.formId }}',
						from: '={{ $json.from }}',
						to: '={{ $json.to }}',
					},
				},
				valid: { formId: '', from: '', to: '' },
				cases: [
					['form id with a space', { formId: 'frm audit' }, 'formId'],
					['from that is not a date', { from: 'last Tuesday' }, 'from'],
					['to on 30 February', { to: '2026-02-30' }, 'to'],
					['from after to', { from: '2026-03-01', to: '2026-01-01' }, 'From'],
				],
			},
			'Process Entry Get Many': {
				parameters: {
					resource: 'processEntry',
					operation: 'getAll',
					returnAll: true,
					filters: {
						processId: '={{ $json.processId }}',
						from: '={{ $json.from }}',
						to: '={{ $json.to }}',
					},
				},
				valid: { processId: '', from: '', to: '' },
				cases: [
					['process id climbing the path', { processId: '../processes' }, 'processId'],
					['from after to', { from: '2026-02-01T10:00:00Z', to: '2026-02-01T09:00:00Z' }, 'From'],
				],
			},
		},
	},
	qflow: {
		label: 'Qflow',
		start: () => startQflowMock(),
		credential: qflowCredential,
		credentialKey: 'qflowApi',
		nodeType: 'qflow',
		operations: {
			'User Get': {
				parameters: { resource: 'user', operation: 'get', userId: byId('={{ $json.id }}') },
				valid: { id: ALICE },
				cases: [
					['id that is not a GUID', { id: 'user-1' }, 'userId'],
					['id climbing the path', { id: '../users' }, 'userId'],
					['GUID with a non-hex letter', { id: '00000000-0000-4000-8000-00000000000g' }, 'userId'],
				],
			},
			'User Get By Email Mode': {
				parameters: {
					resource: 'user',
					operation: 'get',
					userId: { __rl: true, mode: 'email', value: '={{ $json.email }}' },
				},
				valid: { email: 'alice.anderson@example.com' },
				cases: [
					['email without domain', { email: 'bob@' }, 'email'],
					['empty email', { email: '' }, 'email'],
				],
			},
			'User Get by Email': {
				parameters: { resource: 'user', operation: 'getByEmail', email: '={{ $json.email }}' },
				valid: { email: 'alice.anderson@example.com' },
				cases: [
					['email without @', { email: 'bob.example.com' }, 'email'],
					['email with two @', { email: 'bob@@example.com' }, 'email'],
				],
			},
			'User Create': {
				parameters: {
					resource: 'user',
					operation: 'create',
					firstName: '={{ $json.firstName }}',
					lastName: '={{ $json.lastName }}',
					email: '={{ $json.email }}',
					additionalFields: {
						password: '={{ $json.password }}',
						timeZoneId: '={{ $json.timeZoneId }}',
						customData: '={{ $json.customData }}',
					},
				},
				valid: {
					firstName: 'Pat',
					lastName: 'Lee',
					email: 'pat.lee@example.com',
					password: '',
					timeZoneId: '',
					customData: '',
				},
				control: {
					...ZOE,
					email: 'zoe.obrien+qflow@example.co.uk',
					password: 'Zoë-Pass-2026',
					timeZoneId: 'Europe/Warsaw',
				},
				sends: ['POST /users/v1/api/user'],
				cases: [
					['email without domain', { email: 'zoe@' }, 'email'],
					['empty first name', { firstName: '' }, 'firstName'],
					['101-character last name', { lastName: long(101) }, 'lastName'],
					['password of 4 characters', { password: 'Ab1!' }, 'password'],
					['password without upper case', { password: 'lowercase-only-1' }, 'password'],
					['password without lower case', { password: 'UPPERCASE-ONLY-1' }, 'password'],
					['password without a digit', { password: 'No-Digits-Here' }, 'password'],
					['4001-character custom data', { customData: long(4001) }, 'customData'],
					['101-character time zone', { timeZoneId: long(101) }, 'timeZoneId'],
				],
			},
			'User Create or Update': {
				parameters: {
					resource: 'user',
					operation: 'upsert',
					email: '={{ $json.email }}',
					firstName: '={{ $json.firstName }}',
					lastName: '={{ $json.lastName }}',
					additionalFields: { password: '={{ $json.password }}' },
				},
				valid: { firstName: 'Pat', lastName: 'Lee', email: 'pat.lee@example.com', password: '' },
				cases: [
					['email with a space', { email: 'pat lee@example.com' }, 'email'],
					['weak password', { password: 'password' }, 'password'],
				],
			},
			'User Update': {
				parameters: {
					resource: 'user',
					operation: 'update',
					userId: byId('={{ $json.id }}'),
					updateFields: { email: '={{ $json.email }}' },
				},
				valid: { id: ALICE, email: 'alice.new@example.com' },
				cases: [
					['id with a space', { id: 'a b' }, 'userId'],
					['new email without @', { email: 'alice.example.com' }, 'email'],
				],
			},
			'User Update Nothing': {
				parameters: {
					resource: 'user',
					operation: 'update',
					userId: byId('={{ $json.id }}'),
					updateFields: {},
				},
				valid: { id: ALICE },
				cases: [['no field to update', {}, 'Update Fields']],
			},
			'User Delete': {
				parameters: { resource: 'user', operation: 'delete', userId: byId('={{ $json.id }}') },
				valid: { id: ALICE },
				cases: [
					['id with a query', { id: 'x?y=1' }, 'userId'],
					['encoded slash as id', { id: '%2F' }, 'userId'],
				],
			},
			'Change Password': {
				parameters: {
					resource: 'user',
					operation: 'changePassword',
					userId: byId('={{ $json.id }}'),
					oldPassword: '={{ $json.oldPassword }}',
					newPassword: '={{ $json.newPassword }}',
					signOutAllSessions: false,
				},
				valid: { id: ALICE, oldPassword: 'Old-Pass-1', newPassword: 'New-Pass-2' },
				cases: [
					['new password of 6 characters', { newPassword: 'Short1' }, 'newPassword'],
					['new password without upper case', { newPassword: 'no-upper-case-1' }, 'newPassword'],
					['empty current password', { oldPassword: '' }, 'oldPassword'],
					['user id that is not a GUID', { id: 'alice' }, 'userId'],
				],
			},
			'Change Username': {
				parameters: {
					resource: 'user',
					operation: 'changeUsername',
					oldUserName: '={{ $json.oldUserName }}',
					newUserName: '={{ $json.newUserName }}',
					options: { id: '={{ $json.id }}' },
				},
				valid: {
					oldUserName: '123/bob.brown@example.com',
					newUserName: '123/robert.brown@example.com',
					id: '',
				},
				cases: [
					['current username without PIN', { oldUserName: 'bob.brown@example.com' }, 'oldUserName'],
					['new username with a PIN only', { newUserName: '123/' }, 'newUserName'],
					[
						'new username with a space',
						{ newUserName: '123/robert brown@example.com' },
						'newUserName',
					],
					['user id that is not a GUID', { id: 'bob' }, 'id'],
				],
			},
			'Event Create': {
				parameters: {
					resource: 'event',
					operation: 'create',
					title: '={{ $json.title }}',
					startTime: '={{ $json.start }}',
					endTime: '={{ $json.end }}',
					timeZoneId: '={{ $json.zone }}',
				},
				valid: {
					title: 'Launch',
					start: '2026-09-01T19:00:00',
					end: '2026-09-01T23:00:00',
					zone: 'Europe/London',
				},
				control: { title: 'Zoë’s łaunch party' },
				sends: ['POST /checkin/v1/api/event'],
				cases: [
					['empty title', { title: '' }, 'title'],
					['unknown time zone', { zone: 'Mars/Olympus' }, 'timeZoneId'],
					['end before start', { end: '2026-09-01T18:00:00' }, 'endTime'],
					['start that is not a date', { start: 'next friday' }, 'startTime'],
				],
			},
			'Event Get': {
				parameters: { resource: 'event', operation: 'get', eventId: byId('={{ $json.id }}') },
				valid: { id: QFLOW_CONFERENCE },
				cases: [
					['event id climbing the path', { id: '../events' }, 'eventId'],
					['event id that is not a GUID', { id: 'ev-1' }, 'eventId'],
				],
			},
			'Guest Create or Update': {
				parameters: {
					resource: 'guest',
					operation: 'upsert',
					eventId: byId('={{ $json.eventId }}'),
					guestId: '={{ $json.id }}',
					firstName: '={{ $json.firstName }}',
					lastName: '={{ $json.lastName }}',
					additionalFields: {
						email: '={{ $json.email }}',
						tags: '={{ $json.tags }}',
						plusOnes: '={{ $json.plusOnes }}',
					},
				},
				valid: {
					eventId: QFLOW_CONFERENCE,
					id: '',
					firstName: 'Pat',
					lastName: 'Lee',
					email: '',
					tags: '',
					plusOnes: 0,
				},
				control: { ...ZOE, email: 'zoe.obrien+guest@example.co.uk', tags: 'VIP, {session}Keynote' },
				sends: ['POST /checkin/v1/api/guest'],
				cases: [
					['guest id that is not a GUID', { id: 'guest-1' }, 'guestId'],
					['tag with a %', { tags: 'VIP, 100%' }, 'tags'],
					['tag with a quote', { tags: "Pat's table" }, 'tags'],
					['negative plus-ones', { plusOnes: -1 }, 'plusOnes'],
					['email without domain', { email: 'pat@' }, 'email'],
					['empty last name', { lastName: '' }, 'lastName'],
					['event id with a space', { eventId: 'a b' }, 'eventId'],
				],
			},
			'Guest Check In': {
				parameters: {
					resource: 'guest',
					operation: 'checkIn',
					eventId: byId(QFLOW_CONFERENCE),
					guestId: byId('={{ $json.id }}'),
				},
				valid: { id: '' },
				cases: [['guest id climbing the path', { id: '../guests' }, 'guestId']],
			},
			'Team Member Create': {
				parameters: {
					resource: 'teamMember',
					operation: 'create',
					userName: '={{ $json.userName }}',
					email: '={{ $json.email }}',
					firstName: '={{ $json.firstName }}',
					lastName: '={{ $json.lastName }}',
				},
				valid: { userName: 'pat.lee', email: 'pat@example.com', firstName: 'Pat', lastName: 'Lee' },
				control: { ...ZOE, userName: 'zoe.obrien', email: 'zoe@example.co.uk' },
				sends: ['POST /checkin/v1/api/teammember'],
				cases: [
					['empty username', { userName: '' }, 'userName'],
					['email without @', { email: 'pat.example.com' }, 'email'],
				],
			},
			'Profile Create': {
				parameters: {
					resource: 'profile',
					operation: 'create',
					name: '={{ $json.name }}',
					restrictions: '={{ $json.restrictions }}',
					signOutPin: '={{ $json.pin }}',
					settings: { setting: [{ name: '={{ $json.feature }}', value: true, locked: false }] },
					additionalFields: { otherRestrictions: '={{ $json.other }}' },
				},
				valid: { name: 'Door', restrictions: [], pin: '', feature: 'ContinuousScan', other: '' },
				control: { name: 'Zoë’s Tür — Łódź 北京', restrictions: ['restrict_stats'], pin: '4821' },
				sends: ['POST /profiles/v1'],
				cases: [
					['empty name', { name: '' }, 'name'],
					['PIN with a letter', { pin: '48a1' }, 'signOutPin'],
					['PIN of 3 digits', { pin: '482' }, 'signOutPin'],
					['unknown restriction', { restrictions: ['restrict_everything'] }, 'restrictions'],
					['feature name with a space', { feature: 'Continuous Scan' }, 'settings'],
					[
						'sign-out code with its PIN as text',
						{ other: 'restrict_signout 1234' },
						'otherRestrictions',
					],
					[
						'restriction code with two spaces',
						{ other: 'restrict guests 50' },
						'otherRestrictions',
					],
				],
			},
			'Profile Assign to Event': {
				parameters: {
					resource: 'profile',
					operation: 'assign',
					profileId: '={{ $json.profileId }}',
					eventId: byId('={{ $json.eventId }}'),
					teamMemberIds: '={{ $json.members }}',
				},
				valid: {
					profileId: QFLOW_SEED.profile,
					eventId: QFLOW_CONFERENCE,
					members: QFLOW_SEED.teamMembers[0],
				},
				control: {},
				sends: ['POST /profiles/v1/assign'],
				cases: [
					['team member given by username', { members: 'door.one' }, 'teamMemberIds'],
					['no team member', { members: '' }, 'teamMemberIds'],
					['profile name instead of its ID', { profileId: 'Door Scanner' }, 'profileId'],
					['event id climbing the path', { eventId: '../events' }, 'eventId'],
				],
			},
			'Sending Domain Create': {
				parameters: {
					resource: 'sendingDomain',
					operation: 'create',
					domain: '={{ $json.domain }}',
				},
				valid: { domain: 'mail.example.com' },
				control: {},
				sends: ['POST /comms/v1/api/comms/domain'],
				cases: [
					['URL instead of a domain', { domain: 'https://mail.example.com' }, 'domain'],
					['domain with a path', { domain: 'mail.example.com/x' }, 'domain'],
					['one label only', { domain: 'localhost' }, 'domain'],
					['empty domain', { domain: '' }, 'domain'],
				],
			},
			'Comms Send Email': {
				parameters: {
					resource: 'comms',
					operation: 'send',
					eventId: byId(QFLOW_CONFERENCE),
					guestId: byId('={{ $json.guestId }}'),
					templateId: byId('={{ $json.templateId }}'),
					correlationId: '={{ $json.correlationId }}',
				},
				valid: { guestId: QFLOW_GUEST, templateId: QFLOW_TEMPLATE, correlationId: '' },
				cases: [
					['template id that is not a GUID', { templateId: 'welcome' }, 'templateId'],
					['guest id with a query', { guestId: 'x?y=1' }, 'guestId'],
					['201-character correlation id', { correlationId: long(201) }, 'correlationId'],
				],
			},
			'Comms Template': {
				parameters: {
					resource: 'comms',
					operation: 'upsertTemplate',
					eventId: byId(QFLOW_CONFERENCE),
					name: '={{ $json.name }}',
					html: '={{ $json.html }}',
					additionalFields: { id: '={{ $json.id }}', fromAddress: '={{ $json.from }}' },
				},
				valid: { name: 'Welcome', html: '<p>Hi {{firstname}}</p>', id: '', from: '' },
				cases: [
					['empty HTML', { html: '' }, 'html'],
					['sender that is not an email', { from: 'tickets' }, 'fromAddress'],
					['template id that is not a GUID', { id: 'tpl-1' }, 'id'],
				],
			},
			'SSO Link': {
				parameters: {
					resource: 'sso',
					operation: 'generateLink',
					enterprise: '={{ $json.enterprise }}',
					userId: '={{ $json.userId }}',
					successUrl: '={{ $json.successUrl }}',
					eventId: '={{ $json.eventId }}',
					customPath: '={{ $json.customPath }}',
				},
				valid: {
					enterprise: 'acme',
					userId: '050f4a44-d7d1-452e-837a-0d2759dcfa69',
					successUrl: 'events',
					eventId: 'ev-1',
					customPath: '/events',
				},
				control: {},
				sends: [],
				cases: [
					['enterprise given as a host name', { enterprise: 'acme.qflowhub.io' }, 'enterprise'],
					['user id that is not a GUID', { userId: 'user-1' }, 'userId'],
					[
						'custom path to another host',
						{ successUrl: 'custom', customPath: 'https://evil.example/x' },
						'customPath',
					],
					[
						'custom path starting with //',
						{ successUrl: 'custom', customPath: '//evil.example/x' },
						'customPath',
					],
					['event id with a space', { successUrl: 'eventGuests', eventId: 'ev 1' }, 'eventId'],
				],
			},
		},
	},
	humanly: {
		label: 'Humanly',
		start: () => startHumanlyMock(),
		credential: humanlyCredential,
		credentialKey: 'humanlyApi',
		nodeType: 'humanly',
		operations: {
			'User Create': {
				parameters: {
					resource: 'user',
					operation: 'create',
					firstName: '={{ $json.firstName }}',
					lastName: '={{ $json.lastName }}',
					email: '={{ $json.email }}',
					teamIds: '={{ $json.teamIds }}',
					dashboardAccess: false,
					additionalFields: { phone: '={{ $json.phone }}' },
				},
				valid: {
					firstName: 'Pat',
					lastName: 'Lee',
					email: 'pat.lee@example.com',
					teamIds: [ENGINEERING],
					phone: '',
				},
				control: { ...ZOE, email: 'zoe.obrien+humanly@example.co.uk', phone: '+48221234567' },
				sends: ['POST /qsi/gather/users'],
				cases: [
					['email without a top-level domain', { email: 'pat@example' }, 'email'],
					['no team', { teamIds: [] }, 'teamIds'],
					['team id with a space', { teamIds: ['a b'] }, 'teamIds'],
					['phone with dashes', { phone: '555-0100' }, 'phone'],
					['phone with spaces', { phone: '+44 7700 900123' }, 'phone'],
					['empty first name', { firstName: '' }, 'firstName'],
				],
			},
			'User Create Batch 101': {
				parameters: {
					resource: 'user',
					operation: 'create',
					firstName: 'Pat',
					lastName: 'Lee',
					email: '={{ $json.email }}',
					teamIds: [ENGINEERING],
					dashboardAccess: false,
					additionalFields: {},
					options: { batchSize: 101 },
				},
				valid: {},
				cases: [
					['Batch Size 101 (item 1 of 2)', { email: 'batch.one@example.com' }, 'Batch Size'],
					['Batch Size 101 (item 2 of 2)', { email: 'batch.two@example.com' }, 'Batch Size'],
				],
			},
			'Team Create': {
				parameters: {
					resource: 'team',
					operation: 'create',
					name: '={{ $json.name }}',
					additionalFields: {
						displayName: '={{ $json.displayName }}',
						userIds: '={{ $json.userIds }}',
					},
				},
				valid: { name: 'Night shift', displayName: '', userIds: [] },
				cases: [
					['empty name', { name: '' }, 'name'],
					['user id with a space', { userIds: ['a b'] }, 'userIds'],
					['201-character display name', { displayName: long(201) }, 'displayName'],
				],
			},
			'Candidate Create': {
				parameters: {
					resource: 'candidate',
					operation: 'create',
					firstName: '={{ $json.firstName }}',
					lastName: '={{ $json.lastName }}',
					email: '={{ $json.email }}',
					additionalFields: {
						phone: '={{ $json.phone }}',
						timezone: '={{ $json.timezone }}',
						externalId: '={{ $json.externalId }}',
						smsOptIn: '={{ $json.smsOptIn }}',
					},
				},
				valid: {
					firstName: 'Pat',
					lastName: 'Lee',
					email: 'pat.lee@example.com',
					phone: '',
					timezone: '',
					externalId: '',
					smsOptIn: false,
				},
				control: {
					...ZOE,
					email: 'zoe.obrien@example.com',
					phone: '+14155550100',
					timezone: 'America/Argentina/Buenos_Aires',
					externalId: 'ATS/2026/ä-17',
					smsOptIn: true,
				},
				sends: ['POST /qsi/gather/candidates'],
				cases: [
					['unknown time zone', { timezone: 'Mars/Olympus_Mons' }, 'timezone'],
					['phone with a leading 00', { phone: '00442071838750' }, 'phone'],
					['email with two @', { email: 'pat@@example.com' }, 'email'],
					['201-character external id', { externalId: long(201) }, 'externalId'],
					['SMS opt-in as text', { smsOptIn: 'yes' }, 'smsOptIn'],
				],
			},
			'Candidate Get': {
				parameters: {
					resource: 'candidate',
					operation: 'get',
					candidateId: byId('={{ $json.id }}'),
				},
				valid: { id: CANDIDATE },
				cases: URL_BREAKING_IDS.map((id) => [
					`candidate id ${JSON.stringify(id)}`,
					{ id },
					'candidateId',
				]),
			},
			'Candidate Get Many': {
				parameters: {
					resource: 'candidate',
					operation: 'getAll',
					returnAll: false,
					limit: 5,
					filters: { search: '={{ $json.search }}', archived: '={{ $json.archived }}' },
				},
				valid: { search: '', archived: '' },
				cases: [
					['201-character search', { search: long(201) }, 'search'],
					['archived as text', { archived: 'maybe' }, 'archived'],
				],
			},
			'Interview Get': {
				parameters: {
					resource: 'interview',
					operation: 'get',
					interviewId: byId('={{ $json.id }}'),
				},
				valid: { id: INTERVIEW },
				cases: [['interview id with a slash', { id: 'a/b' }, 'interviewId']],
			},
			'Interview Get Many': {
				parameters: {
					resource: 'interview',
					operation: 'getAll',
					returnAll: false,
					limit: 5,
					filters: { status: '={{ $json.status }}', interviewType: '={{ $json.interviewType }}' },
				},
				valid: { status: 0, interviewType: 'standard' },
				cases: [
					['status as the older text', { status: 'active' }, 'status'],
					['status number 7', { status: 7 }, 'status'],
					['unknown interview type', { interviewType: 'video' }, 'interviewType'],
				],
			},
			'Interview Create': {
				parameters: {
					resource: 'interview',
					operation: 'create',
					title: '={{ $json.title }}',
					additionalFields: {
						questionIds: '={{ $json.questionIds }}',
						keywords: '={{ $json.keywords }}',
						surveyQuestions: {
							question: [{ id: '={{ $json.surveyId }}', knockout: true }],
						},
					},
				},
				valid: { title: 'Barista', questionIds: [], keywords: '', surveyId: 'sq-1' },
				cases: [
					['empty title', { title: '  ' }, 'title'],
					['201-character title', { title: long(201) }, 'title'],
					['question id with a slash', { questionIds: ['a/b'] }, 'questionIds'],
					['survey question id with a space', { surveyId: 'a b' }, 'surveyQuestions'],
					['keywords as a number', { keywords: 42 }, 'keywords'],
				],
			},
			'Interview Bulk Update': {
				parameters: {
					resource: 'interview',
					operation: 'bulkUpdate',
					interviewIds: '={{ $json.interviewIds }}',
					mode: '={{ $json.mode }}',
					updateFields: { templateInterviewId: '={{ $json.template }}' },
				},
				valid: { interviewIds: [INTERVIEW], mode: 'merge', template: '' },
				cases: [
					['no interviews', { interviewIds: [] }, 'interviewIds'],
					['unknown mode', { mode: 'replace' }, 'mode'],
					['interview id climbing the path', { interviewIds: ['../x'] }, 'interviewIds'],
					['template id with a query', { template: 'x?y=1' }, 'templateInterviewId'],
				],
			},
			'Question Create': {
				parameters: {
					resource: 'question',
					operation: 'create',
					title: '={{ $json.title }}',
					questionScript: '={{ $json.script }}',
					additionalFields: {
						generateAudio: '={{ $json.generateAudio }}',
						audioURL: '={{ $json.audioURL }}',
						narratorId: '={{ $json.narratorId }}',
					},
				},
				valid: {
					title: 'Tell me about yourself',
					script: 'Tell me about yourself.',
					generateAudio: false,
					audioURL: '',
					narratorId: '',
				},
				cases: [
					['empty title', { title: '' }, 'title'],
					[
						'generated audio without a script',
						{ script: '', generateAudio: true },
						'questionScript',
					],
					['neither a script nor an audio URL', { script: '' }, 'questionScript'],
					['audio URL that is not a URL', { audioURL: 'intro.mp3' }, 'audioURL'],
					['narrator id with a slash', { narratorId: 'a/b' }, 'narratorId'],
				],
			},
			'Question Create Survey': {
				parameters: {
					resource: 'question',
					operation: 'createSurvey',
					title: '={{ $json.title }}',
					questionType: '={{ $json.questionType }}',
					answerOptions: '={{ $json.answers }}',
				},
				valid: { title: 'Which shift?', questionType: 'multiple_choice', answers: 'Day, Night' },
				cases: [
					['multiple choice with one answer', { answers: 'Day' }, 'options'],
					['unknown question type', { questionType: 'stars' }, 'questionType'],
					['empty title', { title: '' }, 'title'],
				],
			},
			'Question Create AI Text': {
				parameters: {
					resource: 'question',
					operation: 'createAiText',
					title: '={{ $json.title }}',
					questionText: '={{ $json.text }}',
				},
				valid: { title: 'Conflict', text: 'Describe a conflict you resolved.' },
				cases: [
					['empty question text', { text: ' ' }, 'questionText'],
					['201-character title', { title: long(201) }, 'title'],
				],
			},
			'Question Get': {
				parameters: { resource: 'question', operation: 'get', questionId: byId('={{ $json.id }}') },
				valid: { id: 'q-1' },
				cases: [['question id with a space', { id: 'q 1' }, 'questionId']],
			},
			'Narrator Get': {
				parameters: { resource: 'narrator', operation: 'get', narratorId: byId('={{ $json.id }}') },
				valid: { id: 'n-1' },
				cases: [['narrator id climbing the path', { id: '../narrators' }, 'narratorId']],
			},
			'Message Group Get': {
				parameters: {
					resource: 'messageGroup',
					operation: 'get',
					messageGroupId: byId('={{ $json.id }}'),
				},
				valid: { id: 'mg-1' },
				cases: [['message group id with a query', { id: 'x?y=1' }, 'messageGroupId']],
			},
			'Message Group Create': {
				parameters: {
					resource: 'messageGroup',
					operation: 'create',
					title: '={{ $json.title }}',
					type: '={{ $json.type }}',
					additionalFields: {
						messages: { message: [{ type: '={{ $json.messageType }}', smsBody: 'Hi {{link}}' }] },
					},
				},
				valid: { title: 'Night shift', type: 'standard', messageType: 'INVITE' },
				cases: [
					['unknown interview type', { type: 'video' }, 'type'],
					['empty title', { title: '' }, 'title'],
					['unknown message type', { messageType: 'NUDGE' }, 'messages'],
				],
			},
			'Team Get': {
				parameters: { resource: 'team', operation: 'get', teamId: byId('={{ $json.id }}') },
				valid: { id: ENGINEERING },
				cases: [['team id with a semicolon', { id: '1;DROP' }, 'teamId']],
			},
			'Team Update Branding': {
				parameters: {
					resource: 'team',
					operation: 'updateBranding',
					teamId: byId('={{ $json.id }}'),
					branding: {
						accentColor: '={{ $json.accent }}',
						logoUrl: '={{ $json.logo }}',
					},
				},
				valid: { id: ENGINEERING, accent: '1F6FEB', logo: '' },
				cases: [
					['colour name', { accent: 'red' }, 'accentColor'],
					['colour with a non-hex digit', { accent: '#12345G' }, 'accentColor'],
					['logo that is not a URL', { logo: 'logo.png' }, 'logoUrl'],
					['nothing to change', { accent: '', logo: '' }, 'branding'],
				],
			},
			Invite: {
				parameters: {
					resource: 'candidateInterview',
					operation: 'invite',
					candidateId: byId('={{ $json.candidateId }}'),
					interviewId: byId('={{ $json.interviewId }}'),
					deliveryTypes: '={{ $json.deliveryTypes }}',
					additionalFields: {
						expiryDays: '={{ $json.expiryDays }}',
						externalRedirectUri: '={{ $json.redirect }}',
						webhookUrl: '={{ $json.webhook }}',
					},
				},
				valid: {
					candidateId: CANDIDATE,
					interviewId: INTERVIEW,
					deliveryTypes: ['email'],
					expiryDays: '',
					redirect: '',
					webhook: '',
				},
				cases: [
					['unknown delivery channel', { deliveryTypes: ['fax'] }, 'deliveryTypes'],
					['no delivery channel', { deliveryTypes: [] }, 'deliveryTypes'],
					['expiry of 0 days', { expiryDays: 0 }, 'expiryDays'],
					['expiry of 1.5 days', { expiryDays: 1.5 }, 'expiryDays'],
					[
						'redirect to a javascript: URL',
						{ redirect: 'javascript:alert(1)' },
						'externalRedirectUri',
					],
					['redirect that is not a URL', { redirect: 'thanks page' }, 'externalRedirectUri'],
					['candidate id with a space', { candidateId: 'a b' }, 'candidateId'],
					['webhook that is not a URL', { webhook: 'my-hook' }, 'webhookUrl'],
				],
			},
			'Candidate Interview Get': {
				parameters: {
					resource: 'candidateInterview',
					operation: 'get',
					candidateInterviewId: '={{ $json.id }}',
				},
				valid: { id: 'ci-1' },
				cases: [['id with a query', { id: 'x?y=1' }, 'candidateInterviewId']],
			},
			'Get Results': {
				parameters: {
					resource: 'candidateInterview',
					operation: 'getResults',
					candidateInterviewId: '={{ $json.id }}',
				},
				valid: { id: 'ci-1' },
				cases: [
					['encoded slash climbing the path', { id: '..%2Fcandidates' }, 'candidateInterviewId'],
				],
			},
			'Resend Invite': {
				parameters: {
					resource: 'candidateInterview',
					operation: 'resendInvite',
					candidateInterviewId: '={{ $json.id }}',
					deliveryTypes: '={{ $json.deliveryTypes }}',
				},
				valid: { id: 'ci-1', deliveryTypes: ['email'] },
				cases: [
					['id with a space', { id: 'ci 1' }, 'candidateInterviewId'],
					['unknown delivery channel', { deliveryTypes: ['pigeon'] }, 'deliveryTypes'],
					['no delivery channel', { deliveryTypes: [] }, 'deliveryTypes'],
				],
			},
			'Update Status': {
				parameters: {
					resource: 'candidateInterview',
					operation: 'updateStatus',
					candidateInterviewId: '={{ $json.id }}',
					status: '={{ $json.status }}',
				},
				valid: { id: 'ci-1', status: 'hired' },
				cases: [
					['unknown status', { status: 'done' }, 'status'],
					['id with a semicolon', { id: '1;DROP' }, 'candidateInterviewId'],
				],
			},
			'Candidate Interview Get Many': {
				parameters: {
					resource: 'candidateInterview',
					operation: 'getAll',
					returnAll: false,
					limit: 5,
					filters: { status: '={{ $json.status }}', candidateId: '={{ $json.candidateId }}' },
				},
				valid: { status: 'hired', candidateId: '' },
				cases: [
					['unknown status', { status: 'done' }, 'status'],
					['candidate id with a space', { candidateId: 'a b' }, 'candidateId'],
				],
			},
			'Team Get Many': {
				parameters: {
					resource: 'team',
					operation: 'getAll',
					returnAll: true,
					filters: { userId: '={{ $json.userId }}' },
				},
				valid: { userId: '' },
				cases: [['user id with a space', { userId: 'a b' }, 'userId']],
			},
			'User Get Many': {
				parameters: {
					resource: 'user',
					operation: 'getAll',
					returnAll: true,
					filters: { teamId: '={{ $json.teamId }}' },
				},
				valid: { teamId: '' },
				cases: [['team id climbing the path', { teamId: '../teams' }, 'teamId']],
			},
		},
	},
};

const results = {};
let run;
/** Node names are unique across the one workflow: the vendor's label comes first. */
const nodeName = (key, operation) => `${VENDORS[key].label} ${operation}`;

beforeAll(async () => {
	// One n8n and one execution for all three vendors: this file runs on both n8n lines and stays light.
	const n8n = await createN8n('bad-inputs');
	const credentials = [];
	const branches = [];
	for (const [key, vendor] of Object.entries(VENDORS)) {
		const mock = await vendor.start();
		results[key] = { mock };
		const credential = { id: `${key}Bad`, name: `${vendor.label} (bad inputs)` };
		credentials.push({ ...credential, ...vendor.credential(mock) });
		for (const [operation, op] of Object.entries(vendor.operations)) {
			const name = nodeName(key, operation);
			branches.push({
				name,
				input: [
					...(op.control ? [{ ...op.valid, ...op.control }] : []),
					...op.cases.map(([, values]) => ({ ...op.valid, ...values })),
				],
				node: {
					name,
					type: vendor.nodeType,
					credentials: { [vendor.credentialKey]: credential },
					onError: 'continueRegularOutput',
					parameters: op.parameters,
				},
			});
		}
	}
	await n8n.importCredentials(credentials);
	run = await n8n.run(branchedWorkflow({ id: 'badInputs', branches }));
}, TIMEOUT);

afterAll(async () => {
	const rows = [];
	for (const [key, vendor] of Object.entries(VENDORS)) {
		for (const [name, op] of Object.entries(vendor.operations)) {
			const refused = results[key]?.refused?.[name];
			rows.push([vendor.label, name, op.cases.length, refused ?? 'not checked']);
		}
	}
	const total = Object.values(VENDORS).reduce(
		(sum, vendor) =>
			sum + Object.values(vendor.operations).reduce((n, op) => n + op.cases.length, 0),
		0,
	);
	const refusedTotal = Object.values(results).reduce(
		(sum, { refused = {} }) => sum + Object.values(refused).reduce((n, count) => n + count, 0),
		0,
	);
	process.stdout.write(
		`\nBad inputs: ${refusedTotal} of ${total} refused before sending, naming the field (one n8n execution, ${Math.round((run?.durationMs ?? 0) / 1000)} s)\n` +
			`${table(['vendor', 'operation', 'cases', 'refused before sending'], rows)}\n`,
	);
	await Promise.all(Object.values(results).map(({ mock }) => mock.close()));
});

/** The error shown for a case: the item's error, or (a failure of the whole node) the node's error. */
function errorOf(name, position) {
	const json = run.output(name)[position]?.json ?? {};
	if (json.error !== undefined) return json;
	const nodeError = run.runData[name]?.at(-1)?.error;
	return { error: nodeError?.message, description: nodeError?.description };
}

describe.each(Object.keys(VENDORS))('%s', (key) => {
	const vendor = VENDORS[key];

	test('every bad input fails its item before anything is sent, with a message naming the field', () => {
		const { mock } = results[key];
		run.assertSucceeded();
		const wrong = [];
		const refused = {};
		for (const [operation, op] of Object.entries(vendor.operations)) {
			const name = nodeName(key, operation);
			const offset = op.control ? 1 : 0;
			refused[operation] = 0;
			op.cases.forEach(([what, , field], index) => {
				const { error, description } = errorOf(name, offset + index);
				const namesField =
					typeof error === 'string' && error.toLowerCase().includes(field.toLowerCase());
				const nothingSent =
					typeof description === 'string' && description.includes('Nothing was sent.');
				if (namesField && nothingSent) refused[operation] += 1;
				else wrong.push(`${name}, ${what}: ${JSON.stringify({ error, description })}`);
			});
		}
		results[key].refused = refused;
		expect(wrong).toEqual([]);
		// The only requests are those of the valid controls: no bad item cost one.
		const expected = Object.values(vendor.operations).flatMap((op) => op.sends ?? []);
		expect(mock.requests.map((request) => `${request.method} ${request.path}`)).toEqual(expected);
	});

	test('every output item is paired with its own input', () => {
		for (const [operation, op] of Object.entries(vendor.operations)) {
			const name = nodeName(key, operation);
			const count = op.cases.length + (op.control ? 1 : 0);
			// A one-element list (Data Set, whose output may stand for many items) pairs the same way.
			const pairs = run
				.output(name)
				.map((item) =>
					Array.isArray(item.pairedItem) && item.pairedItem.length === 1
						? item.pairedItem[0]
						: item.pairedItem,
				);
			expect([name, pairs]).toEqual([name, Array.from({ length: count }, (_, item) => ({ item }))]);
		}
	});

	test('valid input with accents, apostrophes and non-Latin letters passes whole', () => {
		for (const [operation, op] of Object.entries(vendor.operations).filter(
			([, candidate]) => candidate.control,
		)) {
			const name = nodeName(key, operation);
			const [control] = run.output(name);
			expect([name, control.json.error]).toEqual([name, undefined]);
			const sent = { ...op.valid, ...op.control };
			for (const field of [
				'firstName',
				'lastName',
				'name',
				'email',
				'phone',
				'timezone',
				'externalId',
			]) {
				if (typeof sent[field] === 'string' && sent[field] !== '' && field in control.json)
					expect([name, field, control.json[field]]).toEqual([name, field, sent[field]]);
			}
		}
	});
});

test('Humanly: Batch Size 101 under continue on fail gives every input an error item, not the input passed through', () => {
	// n8n passes the input items through unchanged when a node throws under "continue on fail", so a
	// node-wide refusal must become one error item per input, or the next node takes them for created.
	const output = run.output(nodeName('humanly', 'User Create Batch 101'));
	expect(output.map((item) => item.json.error)).toEqual([
		expect.stringContaining('Batch Size'),
		expect.stringContaining('Batch Size'),
	]);
});
