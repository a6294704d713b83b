import { NodeApiError } from 'n8n-workflow';

import { QflowSignInError } from '../../../nodes/Qflow/auth';
import { changePassword } from '../../../nodes/Qflow/actions/user/changePassword.operation';
import { changeUsername } from '../../../nodes/Qflow/actions/user/changeUsername.operation';
import { countUsers } from '../../../nodes/Qflow/actions/user/count.operation';
import { createUser } from '../../../nodes/Qflow/actions/user/create.operation';
import { deleteUser } from '../../../nodes/Qflow/actions/user/delete.operation';
import { getUser } from '../../../nodes/Qflow/actions/user/get.operation';
import { getManyUsers } from '../../../nodes/Qflow/actions/user/getAll.operation';
import { getUserByEmail } from '../../../nodes/Qflow/actions/user/getByEmail.operation';
import { getTranslations } from '../../../nodes/Qflow/actions/user/getTranslations.operation';
import { updateUser } from '../../../nodes/Qflow/actions/user/update.operation';
import { upsertUser } from '../../../nodes/Qflow/actions/user/upsert.operation';
import { MAX_RETRIES } from '../../../nodes/shared/transport/retryPolicy';
import { fakeClock, fakeContext } from '../helpers/context';
import { API, OTHER_ID, OWNER_ID, SECRETS, credentials, locator, run, user } from './helpers';

let clock: ReturnType<typeof fakeClock>;
beforeEach(() => {
	clock = fakeClock();
});

const notFound = {
	status: 404,
	body: { code: 'not_found', message: 'User with email nobody@example.com not found' },
};
const trustRequired = {
	status: 403,
	body: {
		code: 'trust_required',
		message: 'This operation requires a trusted (KYC-verified) account.',
	},
	headers: { 'x-request-id': 'qf_42' },
};

describe('Get', () => {
	test('by ID sends GET user/{id} and returns the user, paired with its item', async () => {
		const { fake, result } = run(
			getUser,
			{ userId: locator('id', OWNER_ID) },
			{ answers: [{ body: user() }] },
		);
		expect(await result).toEqual([{ json: user(), pairedItem: { item: 0 } }]);
		expect(fake.requests).toHaveLength(1);
		expect(fake.requests[0]).toMatchObject({ method: 'GET', url: `${API}user/${OWNER_ID}` });
	});

	test('from the list uses the picked ID the same way', async () => {
		const { fake, result } = run(
			getUser,
			{ userId: locator('list', OTHER_ID) },
			{ answers: [{ body: user(OTHER_ID) }] },
		);
		await result;
		expect(fake.requests[0].url).toBe(`${API}user/${OTHER_ID}`);
	});

	test('by email is one GET users/email?email=… and returns that user', async () => {
		const { fake, result } = run(
			getUser,
			{ userId: locator('email', 'owner@example.com') },
			{ answers: [{ body: user() }] },
		);
		expect((await result)[0].json).toEqual(user());
		expect(fake.requests).toHaveLength(1);
		expect(fake.requests[0]).toMatchObject({
			method: 'GET',
			url: `${API}users/email`,
			qs: { email: 'owner@example.com' },
		});
	});

	test('an ID that is not a GUID fails before any request', async () => {
		const { fake, result } = run(getUser, { userId: locator('id', '42') });
		await expect(result).rejects.toThrow('Invalid userId: must be a Qflow user ID: a GUID');
		expect(fake.requests).toHaveLength(0);
	});

	test('a bad email in "By Email" fails before any request', async () => {
		const { fake, result } = run(getUser, { userId: locator('email', 'owner-at-example') });
		await expect(result).rejects.toThrow('Invalid email: must be a valid email address');
		expect(fake.requests).toHaveLength(0);
	});

	test('an answer without an id says which assumption to check', async () => {
		const { result } = run(
			getUser,
			{ userId: locator('id', OWNER_ID) },
			{ answers: [{ body: { name: 'x' } }] },
		);
		await expect(result).rejects.toThrow(
			`Unexpected response shape for GET user/${OWNER_ID}: id required`,
		);
	});
});

describe('Get Many', () => {
	test('a limit below the page size is one small page', async () => {
		const users = [1, 2, 3, 4, 5].map((n) => user(`00000000-0000-4000-8000-00000000000${n}`));
		const { fake, result } = run(
			getManyUsers,
			{ returnAll: false, limit: 5 },
			{ answers: [{ body: users }] },
		);
		expect((await result).map((item) => item.json.id)).toEqual(users.map((u) => u.id));
		expect(fake.requests).toHaveLength(1);
		expect(fake.requests[0]).toMatchObject({
			method: 'GET',
			url: `${API}users`,
			qs: { page: 1, pageSize: 5 },
		});
	});

	test('Return All reads pages of 100 until a short page', async () => {
		const page = (count: number, offset: number) =>
			Array.from({ length: count }, (_, i) =>
				user(`00000000-0000-4000-8000-${String(offset + i).padStart(12, '0')}`),
			);
		const { fake, result } = run(
			getManyUsers,
			{ returnAll: true },
			{ answers: [{ body: page(100, 0) }, { body: page(30, 100) }] },
		);
		const items = await result;
		expect(items).toHaveLength(130);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(fake.requests.map((request) => request.qs)).toEqual([
			{ page: 1, pageSize: 100 },
			{ page: 2, pageSize: 100 },
		]);
	});

	test('an answer that is not a list says which assumption to check', async () => {
		const { result } = run(
			getManyUsers,
			{ returnAll: true },
			{ answers: [{ body: { items: [] } }] },
		);
		await expect(result).rejects.toThrow('Unexpected response shape for GET users');
	});
});

describe('Get by Email', () => {
	test('sends the email as query parameter', async () => {
		const { fake, result } = run(
			getUserByEmail,
			{ email: ' owner@example.com ' },
			{ answers: [{ body: user() }] },
		);
		expect((await result)[0].json).toEqual(user());
		expect(fake.requests[0]).toMatchObject({
			method: 'GET',
			url: `${API}users/email`,
			qs: { email: 'owner@example.com' },
		});
	});

	test('an invalid email sends nothing', async () => {
		const { fake, result } = run(getUserByEmail, { email: 'nobody' });
		await expect(result).rejects.toThrow('Invalid email: must be a valid email address');
		expect(fake.requests).toHaveLength(0);
	});

	test('no such user is a 404 with what to check', async () => {
		const { result } = run(
			getUserByEmail,
			{ email: 'nobody@example.com' },
			{ answers: [notFound], continueOnFail: true },
		);
		const [item] = await result;
		expect(item.json).toMatchObject({
			error: 'Qflow: User with email nobody@example.com not found',
			httpCode: '404',
			code: 'not_found',
		});
		expect(item.json.description).toContain('Check the user ID or email');
	});
});

describe('Create', () => {
	const names = { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com' };

	test('POSTs user with the fields under Qflow’s names', async () => {
		const created = user('11111111-2222-4333-8444-555555555555', { ...names });
		const { fake, result } = run(
			createUser,
			{
				...names,
				additionalFields: {
					timeZoneId: 'Europe/Paris',
					companyName: '',
					customData: 'hr-9',
					password: 'Grace-Pass-1',
				},
			},
			{ answers: [{ body: created }] },
		);
		expect(await result).toEqual([{ json: created, pairedItem: { item: 0 } }]);
		expect(fake.requests).toHaveLength(1);
		expect(fake.requests[0]).toMatchObject({ method: 'POST', url: `${API}user` });
		expect(fake.requests[0].body).toEqual({
			...names,
			timeZoneId: 'Europe/Paris',
			customData: 'hr-9',
			password: 'Grace-Pass-1',
		});
	});

	test.each([
		[{ password: 'short1A' }, 'Invalid password: must be at least 8 characters'],
		[{ password: 'alllowercase1' }, 'Invalid password: must contain an upper-case letter'],
		[{ password: 'NoDigitsHere' }, 'Invalid password: must contain a digit'],
	])(
		'a password against the rules (%o) sends nothing and does not echo it',
		async (additionalFields, message) => {
			const { fake, result } = run(
				createUser,
				{ ...names, additionalFields },
				{ continueOnFail: true },
			);
			const [item] = await result;
			expect(item.json.error).toBe(message);
			expect(JSON.stringify(item)).not.toContain(additionalFields.password);
			expect(fake.requests).toHaveLength(0);
		},
	);

	test('missing names and a bad email are refused before sending', async () => {
		const { fake, result } = run(
			createUser,
			{ firstName: ' ', lastName: 'Hopper', email: 'grace@' },
			{ continueOnFail: true },
		);
		const [item] = await result;
		expect(item.json.error).toBe('Invalid firstName: First Name must not be empty');
		expect(item.json.description).toContain('email: must be a valid email address');
		expect(fake.requests).toHaveLength(0);
	});

	test('a taken email (409) says what to do instead', async () => {
		const { result } = run(createUser, names, {
			answers: [
				{
					status: 409,
					body: { code: 'conflict', message: 'A user with email grace@example.com already exists' },
				},
			],
		});
		await expect(result).rejects.toMatchObject({
			message: 'Qflow: A user with email grace@example.com already exists',
			description: expect.stringContaining('Use Create or Update'),
		});
	});

	test('a create is never resent after a connection reset', async () => {
		const { fake, result } = run(createUser, names, { answers: [{ networkError: 'ECONNRESET' }] });
		await expect(result).rejects.toThrow(
			'Qflow may have processed POST user: the connection was reset after the request was sent, so the outcome is unknown',
		);
		expect(fake.requests).toHaveLength(1);
	});
});

describe('Update', () => {
	test('reads the user, then PUTs every field with the changes laid over (PUT replaces the user)', async () => {
		const current = user();
		const { fake, result } = run(
			updateUser,
			{
				userId: locator('id', OWNER_ID),
				updateFields: { lastName: 'Newname', companyName: 'New Co' },
			},
			{
				answers: [
					{ body: current },
					{ body: { ...current, lastName: 'Newname', companyName: 'New Co' } },
				],
			},
		);
		expect((await result)[0].json).toMatchObject({ id: OWNER_ID, lastName: 'Newname' });
		expect(fake.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
			`GET ${API}user/${OWNER_ID}`,
			`PUT ${API}user`,
		]);
		expect(fake.requests[1].body).toEqual({
			id: OWNER_ID,
			firstName: 'Olivia',
			lastName: 'Newname',
			email: 'owner@example.com',
			timeZoneId: 'Europe/London',
			companyName: 'New Co',
			customData: 'crm-1',
		});
	});

	test('by email, the lookup is the read: GET users/email then PUT with its id', async () => {
		const { fake, result } = run(
			updateUser,
			{ userId: locator('email', 'owner@example.com'), updateFields: { firstName: 'Liv' } },
			{ answers: [{ body: user() }, { body: user(OWNER_ID, { firstName: 'Liv' }) }] },
		);
		await result;
		expect(fake.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
			`GET ${API}users/email`,
			`PUT ${API}user`,
		]);
		expect(fake.requests[1].body).toMatchObject({
			id: OWNER_ID,
			firstName: 'Liv',
			lastName: 'Owner',
		});
	});

	test('no field to change sends nothing', async () => {
		const { fake, result } = run(updateUser, {
			userId: locator('id', OWNER_ID),
			updateFields: { firstName: '' },
		});
		await expect(result).rejects.toThrow(
			'Nothing to update: add at least one field under Update Fields',
		);
		expect(fake.requests).toHaveLength(0);
	});

	test('a bad new email sends nothing, not even the read', async () => {
		const { fake, result } = run(updateUser, {
			userId: locator('id', OWNER_ID),
			updateFields: { email: 'nope' },
		});
		await expect(result).rejects.toThrow('Invalid email: must be a valid email address');
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Create or Update', () => {
	const fields = {
		email: 'grace@example.com',
		firstName: 'Grace',
		lastName: 'Hopper',
		additionalFields: { password: 'Grace-Pass-1' },
	};

	test('no user with the email (404): POSTs a new user and says it was created', async () => {
		const created = user('11111111-2222-4333-8444-555555555555', {
			firstName: 'Grace',
			lastName: 'Hopper',
			email: 'grace@example.com',
		});
		const { fake, result } = run(upsertUser, fields, { answers: [notFound, { body: created }] });
		expect(await result).toEqual([
			{ json: { ...created, created: true }, pairedItem: { item: 0 } },
		]);
		expect(fake.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
			`GET ${API}users/email`,
			`POST ${API}user`,
		]);
		expect(fake.requests[0].qs).toEqual({ email: 'grace@example.com' });
		expect(fake.requests[1].body).toEqual({
			firstName: 'Grace',
			lastName: 'Hopper',
			email: 'grace@example.com',
			password: 'Grace-Pass-1',
		});
	});

	test('found: PUTs that user by its id, keeps its other fields, leaves the password alone', async () => {
		const existing = user(OTHER_ID, { email: 'grace@example.com', firstName: 'G', lastName: 'H' });
		const { fake, result } = run(upsertUser, fields, {
			answers: [
				{ body: existing },
				{ body: { ...existing, firstName: 'Grace', lastName: 'Hopper' } },
			],
		});
		expect((await result)[0].json).toMatchObject({
			id: OTHER_ID,
			firstName: 'Grace',
			created: false,
		});
		expect(fake.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
			`GET ${API}users/email`,
			`PUT ${API}user`,
		]);
		expect(fake.requests[1].body).toEqual({
			id: OTHER_ID,
			firstName: 'Grace',
			lastName: 'Hopper',
			email: 'grace@example.com',
			timeZoneId: 'Europe/London',
			companyName: 'Sandbox Ltd',
			customData: 'crm-1',
		});
	});

	test('two items with one email in a run: the first creates, the second updates that user (lookups overlap, writes do not)', async () => {
		const created = user('11111111-2222-4333-8444-555555555555', {
			firstName: 'Grace',
			lastName: 'Hopper',
			email: 'grace@example.com',
		});
		const { fake, result } = run(upsertUser, fields, {
			perItem: [{}, { firstName: 'Grace B.' }],
			answers: [
				notFound,
				notFound,
				{ body: created },
				{ body: { ...created, firstName: 'Grace B.' } },
			],
		});
		const items = await result;
		expect(items.map((item) => [item.json.created, item.json.firstName, item.pairedItem])).toEqual([
			[true, 'Grace', { item: 0 }],
			[false, 'Grace B.', { item: 1 }],
		]);
		expect(fake.requests.map((request) => request.method)).toEqual(['GET', 'GET', 'POST', 'PUT']);
		expect(fake.requests[3].body).toMatchObject({
			id: '11111111-2222-4333-8444-555555555555',
			firstName: 'Grace B.',
		});
	});

	test('a lookup failure other than 404 stops the item: nothing is created', async () => {
		const { fake, result } = run(upsertUser, fields, { answers: [trustRequired] });
		await expect(result).rejects.toThrow('requires a trusted');
		expect(fake.requests).toHaveLength(1);
	});
});

describe('Delete', () => {
	test('sends DELETE user?id=… and returns a clear success item', async () => {
		const { fake, result } = run(
			deleteUser,
			{ userId: locator('id', OTHER_ID) },
			{ answers: [{ status: 204 }] },
		);
		expect(await result).toEqual([
			{ json: { id: OTHER_ID, deleted: true }, pairedItem: { item: 0 } },
		]);
		expect(fake.requests[0]).toMatchObject({
			method: 'DELETE',
			url: `${API}user`,
			qs: { id: OTHER_ID },
		});
	});

	test('403 trust_required explains trust (KYC) and where to complete it', async () => {
		const { result } = run(
			deleteUser,
			{ userId: locator('id', OTHER_ID) },
			{ answers: [trustRequired], continueOnFail: true },
		);
		const [item] = await result;
		expect(item.json).toMatchObject({
			error: 'Qflow: This operation requires a trusted (KYC-verified) account.',
			httpCode: '403',
			code: 'trust_required',
			requestId: 'qf_42',
		});
		expect(item.json.description).toMatch(/identity verification \(KYC\)/);
		expect(item.json.description).toMatch(/Qflow dashboard/);
		expect(item.json.description).toMatch(/enterprise admin can check/);
		expect(item.json.description).toContain('Qflow error code: trust_required.');
	});

	test('continue on fail: a bad ID fails its own item only, with nothing sent for it', async () => {
		const { fake, result } = run(
			deleteUser,
			{},
			{
				perItem: [{ userId: locator('id', 'not-a-guid') }, { userId: locator('id', OTHER_ID) }],
				answers: [{ status: 204 }],
				continueOnFail: true,
			},
		);
		const items = await result;
		expect(items[0]).toMatchObject({
			json: { error: expect.stringContaining('Invalid userId') },
			pairedItem: { item: 0 },
		});
		expect(items[1]).toEqual({ json: { id: OTHER_ID, deleted: true }, pairedItem: { item: 1 } });
		expect(fake.requests).toHaveLength(1);
	});
});

describe('Change Password', () => {
	const parameters = {
		userId: locator('id', OTHER_ID),
		oldPassword: 'Old-Pass-1',
		newPassword: 'New-Pass-22',
		signOutAllSessions: true,
	};

	test('PUTs user/changepassword with the documented fields and says it worked', async () => {
		const { fake, result } = run(changePassword, parameters, { answers: [{ status: 204 }] });
		expect(await result).toEqual([
			{
				json: { id: OTHER_ID, passwordChanged: true, signedOutAllSessions: true },
				pairedItem: { item: 0 },
			},
		]);
		expect(fake.requests[0]).toMatchObject({ method: 'PUT', url: `${API}user/changepassword` });
		expect(fake.requests[0].body).toEqual({
			id: OTHER_ID,
			oldPassword: 'Old-Pass-1',
			newPassword: 'New-Pass-22',
			signOutAllSessions: true,
		});
	});

	test('a new password against the rules sends nothing and is not echoed', async () => {
		const { fake, result } = run(
			changePassword,
			{ ...parameters, newPassword: 'weakpass' },
			{ continueOnFail: true },
		);
		const [item] = await result;
		expect(item.json.error).toBe('Invalid newPassword: must contain an upper-case letter');
		expect(JSON.stringify(item)).not.toContain('weakpass');
		expect(fake.requests).toHaveLength(0);
	});

	test('is not resent after a connection reset (the old password would no longer match)', async () => {
		const { fake, result } = run(changePassword, parameters, {
			answers: [{ networkError: 'ECONNRESET' }],
		});
		await expect(result).rejects.toThrow(
			'Qflow may have processed PUT user/changepassword: the connection was reset after the request was sent, so the outcome is unknown',
		);
		expect(fake.requests).toHaveLength(1);
	});
});

describe('Change Username', () => {
	test('PUTs user/changeusername and returns both names', async () => {
		const { fake, result } = run(
			changeUsername,
			{
				oldUserName: '123/bob.brown@example.com',
				newUserName: '123/robert.brown@example.com',
				options: { id: OTHER_ID },
			},
			{ answers: [{ status: 204 }] },
		);
		expect((await result)[0].json).toEqual({
			id: OTHER_ID,
			oldUserName: '123/bob.brown@example.com',
			newUserName: '123/robert.brown@example.com',
			usernameChanged: true,
		});
		expect(fake.requests[0]).toMatchObject({ method: 'PUT', url: `${API}user/changeusername` });
		expect(fake.requests[0].body).toEqual({
			oldUserName: '123/bob.brown@example.com',
			newUserName: '123/robert.brown@example.com',
			id: OTHER_ID,
		});
	});

	test('without the optional id the body has none', async () => {
		const { fake, result } = run(
			changeUsername,
			{ oldUserName: '123/a@example.com', newUserName: '123/b@example.com' },
			{ answers: [{ status: 204 }] },
		);
		expect((await result)[0].json).toEqual({
			oldUserName: '123/a@example.com',
			newUserName: '123/b@example.com',
			usernameChanged: true,
		});
		expect(fake.requests[0].body).toEqual({
			oldUserName: '123/a@example.com',
			newUserName: '123/b@example.com',
		});
	});

	test.each([['robert@example.com'], ['123/robert'], ['123 /robert@example.com']])(
		'a new username not in PIN/email form (%s) sends nothing',
		async (newUserName) => {
			const { fake, result } = run(changeUsername, {
				oldUserName: '123/bob@example.com',
				newUserName,
			});
			await expect(result).rejects.toThrow('Invalid newUserName: must be <enterprisePin>/<email>');
			expect(fake.requests).toHaveLength(0);
		},
	);
});

describe('Count and Get Translations', () => {
	test('Count reads the bare number into { total }', async () => {
		const { fake, result } = run(countUsers, {}, { answers: [{ body: 7 }] });
		expect(await result).toEqual([{ json: { total: 7 }, pairedItem: { item: 0 } }]);
		expect(fake.requests[0]).toMatchObject({ method: 'GET', url: `${API}users/total` });
	});

	test('Count refuses an answer that is not a number', async () => {
		const { result } = run(countUsers, {}, { answers: [{ body: { count: 7 } }] });
		await expect(result).rejects.toThrow('Unexpected response shape for GET users/total');
	});

	test('Get Translations returns the object as one item per input item', async () => {
		const strings = { 'events.title': 'Events', 'auth.signOut': 'Sign out' };
		const { fake, result } = run(
			getTranslations,
			{},
			{ answers: [{ body: strings }], perItem: [{}, {}] },
		);
		expect(await result).toEqual([
			{ json: strings, pairedItem: { item: 0 } },
			{ json: strings, pairedItem: { item: 1 } },
		]);
		expect(fake.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
			`GET ${API}user/translations`,
			`GET ${API}user/translations`,
		]);
	});
});

describe('transport behaviour through the Qflow profile', () => {
	test('a 429 without headers waits the documented 60 s window, then succeeds', async () => {
		const { fake, result } = run(
			countUsers,
			{},
			{
				answers: [
					{
						status: 429,
						body: { code: 'rate_limit', message: 'Rate limit exceeded. Try again in 60 seconds.' },
					},
					{ body: 7 },
				],
			},
		);
		expect((await result)[0].json).toEqual({ total: 7 });
		expect(clock.sleeps).toEqual([60_000]);
		expect(fake.requests).toHaveLength(2);
	});

	test('a Max Wait under 60 s fails a 429 at once with advice', async () => {
		const { fake, result } = run(
			countUsers,
			{ requestOptions: { maxWaitSeconds: 30 } },
			{ answers: [{ status: 429, body: {} }] },
		);
		await expect(result).rejects.toMatchObject({
			message: expect.stringContaining('Qflow rate limit reached'),
			description: expect.stringContaining('Raise Max Wait to at least 60 s'),
		});
		expect(clock.sleeps).toEqual([]);
		expect(fake.requests).toHaveLength(1);
	});

	test('a 401 is resent once through n8n’s throwing path, the one on which n8n signs in again', async () => {
		const { fake, result } = run(countUsers, {}, { answers: [{ status: 401 }, { body: 7 }] });
		expect((await result)[0].json).toEqual({ total: 7 });
		expect(fake.requests.map((request) => request.ignoreHttpStatusErrors)).toEqual([
			true,
			undefined,
		]);
	});

	test('a 401 that survives n8n’s own re-sign-in points at the subscription key, and secrets are redacted', async () => {
		const { result } = run(
			countUsers,
			{},
			{
				answers: [
					{
						status: 401,
						body: {
							statusCode: 401,
							message: 'Access denied due to invalid subscription key apim-key-value.',
						},
					},
				],
				continueOnFail: true,
			},
		);
		const [item] = await result;
		expect(item.json.error).toBe(
			'Qflow: Access denied due to invalid subscription key [redacted].',
		);
		expect(item.json.description).toContain('APIM Subscription Key');
		for (const secret of SECRETS) expect(JSON.stringify(item)).not.toContain(secret);
	});

	test('a refused sign-in keeps its own message, is not retried and names the fields to fix', async () => {
		const fake = fakeContext({
			parameters: {},
			credentials,
			credentialType: 'qflowApi',
			continueOnFail: true,
		});
		fake.httpRequestWithAuthentication.mockImplementation(async () => {
			// What n8n's httpRequestWithAuthentication throws when preAuthentication fails.
			throw new NodeApiError(
				fake.context.getNode(),
				new QflowSignInError(
					400,
					'invalid_grant',
					'Sign-in refused: the Username or Password is wrong (invalid_grant). Check both in the Qflow credential.',
				) as never,
			);
		});
		const [item] = await countUsers.execute.call(fake.context, fake.items);
		expect(item.json.error).toBe(
			'Qflow: Sign-in refused: the Username or Password is wrong (invalid_grant). Check both in the Qflow credential.',
		);
		expect(item.json).toMatchObject({ code: 'invalid_grant', httpCode: '400' });
		expect(item.json.description).toBe('Qflow error code: invalid_grant.');
		expect(fake.httpRequestWithAuthentication).toHaveBeenCalledTimes(1);
		expect(clock.sleeps).toEqual([]);
	});

	test('a refused sign-in is tried once per run: every later item fails with the same message and signs in no more', async () => {
		const fake = fakeContext({
			parameters: {},
			credentials,
			credentialType: 'qflowApi',
			perItem: [{}, {}, {}, {}],
			continueOnFail: true,
		});
		fake.httpRequestWithAuthentication.mockImplementation(async () => {
			throw new NodeApiError(
				fake.context.getNode(),
				new QflowSignInError(
					400,
					'invalid_client',
					'Sign-in refused: the Client ID or Client Secret is wrong (invalid_client). Check both in the Qflow credential.',
				) as never,
			);
		});
		const items = await countUsers.execute.call(fake.context, fake.items);
		expect(items.map((item) => item.json.error)).toEqual(
			Array(4).fill(
				'Qflow: Sign-in refused: the Client ID or Client Secret is wrong (invalid_client). Check both in the Qflow credential.',
			),
		);
		expect(items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(fake.httpRequestWithAuthentication).toHaveBeenCalledTimes(1);
	});

	test('a refused sign-in is known by its type, not its wording: a reworded message is still final for the run', async () => {
		const fake = fakeContext({
			parameters: {},
			credentials,
			credentialType: 'qflowApi',
			perItem: [{}, {}],
			continueOnFail: true,
		});
		fake.httpRequestWithAuthentication.mockImplementation(async () => {
			throw new NodeApiError(
				fake.context.getNode(),
				new QflowSignInError(
					400,
					'invalid_grant',
					'Wrong password for the Qflow credential',
				) as never,
			);
		});
		const items = await countUsers.execute.call(fake.context, fake.items);
		expect(items.map((item) => item.json.error)).toEqual(
			Array(2).fill('Qflow: Wrong password for the Qflow credential'),
		);
		expect(fake.httpRequestWithAuthentication).toHaveBeenCalledTimes(1);
	});

	test('an API answer worded like a sign-in failure is not one: the next item sends again', async () => {
		const fake = fakeContext({
			parameters: {},
			credentials,
			credentialType: 'qflowApi',
			perItem: [{}, {}],
			continueOnFail: true,
			answers: [
				{ status: 400, body: { code: 'invalid_grant', message: 'Sign-in refused by the API' } },
			],
		});
		const items = await countUsers.execute.call(fake.context, fake.items);
		expect(items.map((item) => item.json.error)).toEqual(
			Array(2).fill('Qflow: Sign-in refused by the API'),
		);
		expect(fake.httpRequestWithAuthentication).toHaveBeenCalledTimes(2);
	});

	test('an unreachable identity host is retried with backoff, then fails naming the Identity Host', async () => {
		const fake = fakeContext({ parameters: {}, credentials, credentialType: 'qflowApi' });
		fake.httpRequestWithAuthentication.mockImplementation(async () => {
			throw new NodeApiError(
				fake.context.getNode(),
				new QflowSignInError(
					503,
					'identity_unreachable',
					'Sign-in failed: the identity host http://identity.test could not be reached (the connection was refused). Check the Identity Host in the Qflow credential and your network.',
				) as never,
			);
		});
		await expect(countUsers.execute.call(fake.context, fake.items)).rejects.toThrow(
			'Qflow: Sign-in failed: the identity host http://identity.test could not be reached',
		);
		expect(fake.httpRequestWithAuthentication).toHaveBeenCalledTimes(MAX_RETRIES + 1);
		expect(clock.sleeps).toHaveLength(MAX_RETRIES);
	});
});

describe('Concurrent Reads', () => {
	test('lookups overlap up to the option, and the output keeps the input order and pairing', async () => {
		const ids = ['a', 'b', 'c', 'd', 'e', 'f'].map(
			(letter) => `${letter.repeat(8)}-1111-4111-8111-111111111111`,
		);
		const fake = fakeContext({
			parameters: { userId: locator('id', ids[0]), requestOptions: { concurrentReads: 3 } },
			perItem: ids.map((id) => ({ userId: locator('id', id) })),
			credentials,
			credentialType: 'qflowApi',
		});
		let inFlight = 0;
		let most = 0;
		fake.httpRequestWithAuthentication.mockImplementation(
			async (_type: string, request: { url: string }) => {
				inFlight += 1;
				most = Math.max(most, inFlight);
				const id = request.url.split('/').pop() as string;
				// Later items answer sooner, so the order is not the order of the answers.
				for (let turn = 0; turn < (id.startsWith('a') ? 50 : 2); turn++) await Promise.resolve();
				inFlight -= 1;
				return { statusCode: 200, headers: {}, body: user(id) };
			},
		);
		// Signed in already: the first request of a fresh token goes alone (one sign-in, not one per read).
		const warm = run(
			getUser,
			{ userId: locator('id', ids[0]) },
			{ answers: [{ body: user(ids[0]) }] },
		);
		await warm.result;
		const items = await getUser.execute.call(fake.context, fake.items);
		expect(items.map((item) => [item.json.id, item.pairedItem])).toEqual(
			ids.map((id, index) => [id, { item: index }]),
		);
		expect(most).toBe(3);
	});
});
