import { createUser } from '../../../nodes/QHub/actions/user/create.operation';
import { fakeClock, fakeContext } from '../helpers/context';

const credentials = {
	apiKey: 'key-123456',
	apiSecret: 'secret-123456',
	baseUrl: 'http://qhub.test/v1',
};

function run(
	parameters: Record<string, unknown>,
	answers = [{ status: 201, body: { id: 'usr_1' } }],
	continueOnFail = false,
) {
	const fake = fakeContext({
		parameters: {
			firstName: 'Grace',
			lastName: 'Hopper',
			email: 'grace@example.com',
			accessLevel: 'view',
			locationIds: [],
			...parameters,
		},
		credentials,
		credentialType: 'qHubApi',
		answers,
		continueOnFail,
	});
	return { fake, result: createUser.execute.call(fake.context, fake.items) };
}

beforeEach(() => fakeClock());

test('sends POST /users with the validated body', async () => {
	const { fake, result } = run({ locationIds: 'loc_1, loc_2' });
	expect(await result).toEqual([{ json: { id: 'usr_1' }, pairedItem: { item: 0 } }]);
	expect(fake.requests).toHaveLength(1);
	expect(fake.requests[0]).toMatchObject({
		method: 'POST',
		url: 'http://qhub.test/v1/users',
		body: {
			firstName: 'Grace',
			lastName: 'Hopper',
			email: 'grace@example.com',
			accessLevel: 'view',
			locationIds: ['loc_1', 'loc_2'],
		},
	});
});

test('a bad email fails the item before any request', async () => {
	const { fake, result } = run({ email: 'not-an-email' });
	await expect(result).rejects.toThrow('Invalid email: must be a valid email address');
	expect(fake.requests).toHaveLength(0);
});

test('an unknown access level names the allowed ones', async () => {
	const { fake, result } = run({ accessLevel: 'owner' }, undefined, true);
	const [item] = await result;
	expect(item.json.error).toBe('Invalid accessLevel: must be one of admin, standard, view');
	expect(fake.requests).toHaveLength(0);
});

test('a create is never resent after a connection reset', async () => {
	const { fake, result } = run({}, [{ networkError: 'ECONNRESET' } as never]);
	await expect(result).rejects.toMatchObject({
		message:
			'Q-Hub may have processed POST /users: the connection was reset after the request was sent, so the outcome is unknown',
		description: expect.stringContaining(
			'The record may exist now. The request was not sent again',
		),
	});
	expect(fake.requests).toHaveLength(1);
});

test('the licence error carries the Q-Hub message, code and request id, without secrets', async () => {
	const { result } = run(
		{},
		[
			{
				status: 403,
				body: { error: 'licence_limit', message: 'All seats are in use (key-123456)' },
				headers: { 'x-request-id': 'qh_req_9' },
			} as never,
		],
		true,
	);
	const [item] = await result;
	expect(item.json).toMatchObject({
		error: 'Q-Hub: All seats are in use ([redacted])',
		code: 'licence_limit',
		requestId: 'qh_req_9',
		httpCode: '403',
	});
	expect(JSON.stringify(item)).not.toContain('secret-123456');
});
