import {
	NodeApiError,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
} from 'n8n-workflow';

import { QflowApi } from '../../../credentials/QflowApi.credentials';
import { QflowSignInError } from '../../../nodes/Qflow/auth';
import { credentialAnswerOf } from '../../../nodes/shared/errors';
import { credentials } from './helpers';

const credential = new QflowApi();
const stored = { ...credentials, accessToken: '' };

/** A fake `this.helpers.httpRequest` that records the request and answers like n8n does with returnFullResponse. */
function identity(answer: { statusCode?: number; body?: unknown } | { networkError: string }) {
	const requests: IHttpRequestOptions[] = [];
	const httpRequest = jest.fn(async (request: IHttpRequestOptions) => {
		requests.push(request);
		if ('networkError' in answer) {
			// The HTTP client's error carries the request, form and secrets included.
			throw Object.assign(new Error(`connect ${answer.networkError}`), {
				code: answer.networkError,
				config: { data: request.body },
			});
		}
		return { statusCode: answer.statusCode ?? 200, body: answer.body, headers: {} };
	});
	const helper = { helpers: { httpRequest } } as unknown as IHttpRequestHelper;
	return {
		requests,
		httpRequest,
		signIn: (data = stored) => credential.preAuthentication.call(helper, data as never),
	};
}

async function failure(promise: Promise<unknown>): Promise<QflowSignInError> {
	const error = await promise.then(
		() => undefined,
		(thrown: unknown) => thrown,
	);
	expect(error).toBeInstanceOf(QflowSignInError);
	return error as QflowSignInError;
}

function expectNoSecret(error: unknown) {
	const text = `${(error as Error).message} ${JSON.stringify(error)}`;
	for (const secret of [
		stored.clientSecret,
		stored.password,
		stored.subscriptionApiKey,
		stored.ssoSecretKey,
	]) {
		expect(text).not.toContain(secret);
	}
}

describe('preAuthentication (password grant)', () => {
	test('POSTs the documented form to <identityHost>/core/connect/token and returns the token for the expirable field', async () => {
		const { requests, signIn } = identity({
			body: { access_token: 'new-token', expires_in: 3600, token_type: 'Bearer' },
		});
		await expect(signIn()).resolves.toEqual({ accessToken: 'new-token' });
		expect(requests).toHaveLength(1);
		const [request] = requests;
		expect(request).toMatchObject({
			method: 'POST',
			url: 'http://identity.test/core/connect/token',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			ignoreHttpStatusErrors: true,
		});
		expect(typeof request.body).toBe('string');
		expect(Object.fromEntries(new URLSearchParams(request.body as string))).toEqual({
			grant_type: 'password',
			client_id: 'client-1',
			client_secret: 'client-secret-value',
			scope: 'qflowapi openid offline_access',
			username: '123/owner@example.com',
			password: 'Owner-Pass-1',
		});
	});

	test('the default identity host is the documented one', async () => {
		const { requests, signIn } = identity({ body: { access_token: 't' } });
		await signIn({ ...stored, identityHost: '' });
		expect(requests[0].url).toBe('https://identity.qflowhub.io/core/connect/token');
	});

	test('a password is sent exactly as typed, spaces included', async () => {
		const { requests, signIn } = identity({ body: { access_token: 't' } });
		await signIn({ ...stored, password: ' Spaced-Pass-1 ' });
		expect(new URLSearchParams(requests[0].body as string).get('password')).toBe(' Spaced-Pass-1 ');
	});

	test('invalid_client names the client ID and secret, without any secret, and never as a 401', async () => {
		const { signIn } = identity({ statusCode: 401, body: { error: 'invalid_client' } });
		const error = await failure(signIn());
		expect(error.message).toBe(
			'Sign-in refused: the Client ID or Client Secret is wrong (invalid_client). Check both in the Qflow credential; they come with your Qflow API client.',
		);
		expect(credentialAnswerOf(error)).toEqual({
			status: 400,
			body: { code: 'invalid_client', message: error.message },
		});
		// Nothing n8n reads as a 401: that would make it call preAuthentication again for the same wrong secret.
		expect(error.response).not.toHaveProperty('status');
		expectNoSecret(error);
	});

	test('invalid_grant names the username and password, and redacts a description that echoes one', async () => {
		const { signIn } = identity({
			statusCode: 400,
			body: {
				error: 'invalid_grant',
				error_description: 'invalid_username_or_password for Owner-Pass-1',
			},
		});
		const error = await failure(signIn());
		expect(error.message).toContain('Sign-in refused: the Username or Password is wrong');
		expect(error.message).toContain('invalid_grant: invalid_username_or_password for [redacted]');
		expect(error.message).not.toContain('Client Secret');
		expectNoSecret(error);
	});

	test('an unknown refusal still says what to check', async () => {
		const { signIn } = identity({ statusCode: 403, body: '<html>Forbidden</html>' });
		const error = await failure(signIn());
		expect(error.message).toBe(
			'Sign-in refused: the identity server refused the request (HTTP 403). Check the Identity Host and every field of the Qflow credential.',
		);
	});

	test('a username that is neither <pin>/<email> nor an email is refused without a request', async () => {
		const { httpRequest, signIn } = identity({ body: { access_token: 't' } });
		for (const username of ['owner', '123/owner', '123/ owner@example.com']) {
			const error = await failure(signIn({ ...stored, username }));
			expect(error.message).toContain(
				'must be <enterprisePin>/<email>, e.g. 123/jane@example.com, or the email alone',
			);
		}
		expect(httpRequest).not.toHaveBeenCalled();
	});

	test('an account without an enterprise signs in with its bare email (authentication page)', async () => {
		const { requests, signIn } = identity({ body: { access_token: 'plain' } });
		await expect(signIn({ ...stored, username: 'owner@example.com' })).resolves.toEqual({
			accessToken: 'plain',
		});
		expect(new URLSearchParams(requests[0].body as string).get('username')).toBe(
			'owner@example.com',
		);
	});

	test('an empty field is named without a request', async () => {
		const { httpRequest, signIn } = identity({ body: { access_token: 't' } });
		const error = await failure(signIn({ ...stored, clientSecret: '' }));
		expect(error.message).toBe(
			'Sign-in not attempted: Client Secret is empty in the Qflow credential',
		);
		expect(httpRequest).not.toHaveBeenCalled();
	});

	test('an unreachable identity host is a 503 (retryable) naming the host, with none of the client’s error', async () => {
		const { signIn } = identity({ networkError: 'ECONNREFUSED' });
		const error = await failure(signIn());
		expect(error.message).toBe(
			'Sign-in failed: the identity host http://identity.test could not be reached (the connection was refused). Check the Identity Host in the Qflow credential and your network.',
		);
		expect(credentialAnswerOf(error)).toMatchObject({
			status: 503,
			body: { code: 'identity_unreachable' },
		});
		expect(error.cause).toBeUndefined();
		expectNoSecret(error);
	});

	test('a 200 without access_token and a 5xx are reported as such', async () => {
		const empty = await failure(identity({ body: { token_type: 'Bearer' } }).signIn());
		expect(empty.message).toContain('answered without an access token');
		expect(credentialAnswerOf(empty)?.status).toBe(502);
		const down = await failure(identity({ statusCode: 500, body: {} }).signIn());
		expect(down.message).toContain('the identity server answered 500');
		expect(credentialAnswerOf(down)?.status).toBe(500);
	});
});

describe('what n8n makes of a failed sign-in', () => {
	const node: INode = {
		id: '1',
		name: 'Qflow',
		type: 'qflow',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};

	test('n8n wraps it in a NodeApiError that keeps the message (what the credential test shows) and the facts', async () => {
		const { signIn } = identity({ statusCode: 400, body: { error: 'invalid_grant' } });
		const error = await failure(signIn());
		// As in httpRequestWithAuthentication: `throw new NodeApiError(this.getNode(), error)`.
		const wrapped = new NodeApiError(node, error as never);
		expect(wrapped.message).toBe(error.message);
		expect(wrapped.message).toMatch(/^Sign-in refused: the Username or Password is wrong/);
		expect(wrapped.httpCode).toBeNull();
		expect(credentialAnswerOf(wrapped)).toEqual({
			status: 400,
			body: { code: 'invalid_grant', message: error.message },
		});
		expectNoSecret(wrapped);
	});
});

/**
 * A credential expression resolved as n8n would, for the forms this credential uses:
 * `$credentials.x`, `$credentials.x.replace(/\/+$/, "")` and `$credentials.x === "v" ? "a" : "b"`.
 * Any other form fails the test, so a new expression cannot slip past these checks.
 */
function resolve(template: string, data: Record<string, unknown>): string {
	return template.replace(/^=/, '').replace(/\{\{(.+?)\}\}/g, (_, code: string) => {
		const choice = /^\$credentials\.(\w+) === "([^"]*)" \? "([^"]*)" : "([^"]*)"$/.exec(code);
		if (choice) return data[choice[1]] === choice[2] ? choice[3] : choice[4];
		const field = /^\$credentials\.(\w+)(\.replace\(\/\\\/\+\$\/, ""\))?$/.exec(code);
		if (!field) throw new Error(`resolve() does not know the expression ${code}`);
		const value = String(data[field[1]]);
		return field[2] ? value.replace(/\/+$/, '') : value;
	});
}

test('the resolver understands every expression form of the credential (or the checks below would be vacuous)', () => {
	expect(
		resolve('={{$credentials.apiHost.replace(/\\/+$/, "")}}/x', { apiHost: 'http://h//' }),
	).toBe('http://h/x');
	expect(resolve('={{$credentials.k === "a" ? "/1/" : "/2/"}}', { k: 'a' })).toBe('/1/');
	expect(resolve('={{$credentials.k === "a" ? "/1/" : "/2/"}}', { k: 'b' })).toBe('/2/');
	expect(() => resolve('={{$credentials.k + 1}}', {})).toThrow('does not know');
});

describe('authenticate and test request', () => {
	const data = { ...credentials, accessToken: 'tok-1' };

	test('every call carries BOTH the bearer token and the APIM subscription key, and keeps its own headers', async () => {
		const signed = await credential.authenticate(data, {
			url: 'http://api.test/users/v1/api/users/total',
			headers: { Accept: 'application/json' },
		});
		expect(signed.headers).toEqual({
			Accept: 'application/json',
			Authorization: 'Bearer tok-1',
			'Ocp-Apim-Subscription-Key': 'apim-key-value',
		});
	});

	test('with Key Type Client Key, X-Qflow-Client-Key goes instead of the subscription key (the integration guide)', async () => {
		const signed = await credential.authenticate(
			{ ...data, gateway: 'clientKey', clientApiKey: 'client-key-value' },
			{ url: 'http://api.test/api/guest' },
		);
		expect(signed.headers).toEqual({
			Authorization: 'Bearer tok-1',
			'X-Qflow-Client-Key': 'client-key-value',
		});
	});

	test('n8n still sees authenticate when it copies the credential for the editor (HTTP Request → Predefined Credential Type)', () => {
		// load-nodes-and-credentials spreads the credential object, then serialises it with toJSON
		// (n8n-core directory-loader), which writes a function authenticate as {}.
		const listed = JSON.parse(
			JSON.stringify({
				...credential,
				toJSON(this: Record<string, unknown>) {
					return {
						...this,
						authenticate: typeof this.authenticate === 'function' ? {} : this.authenticate,
					};
				},
			}),
		) as Record<string, unknown>;
		expect(listed.authenticate).toEqual({});
	});

	test('the test request is GET users/total on the API host, as the Key Type serves it: it needs the token and the key', () => {
		const { request } = credential.test;
		expect(resolve(request.baseURL as string, credentials)).toBe('http://api.test/users/v1/api/');
		expect(resolve(request.baseURL as string, { ...credentials, gateway: 'clientKey' })).toBe(
			'http://api.test/api/',
		);
		expect(request.url).toBe('users/total');
		expect(request.method ?? 'GET').toBe('GET');
	});

	test('the token lives in a hidden expirable field that starts empty (so n8n signs in on first use)', () => {
		const field = credential.properties.find((property) => property.name === 'accessToken');
		expect(field).toMatchObject({ type: 'hidden', default: '', typeOptions: { expirable: true } });
	});

	test('every secret is a password field; the hosts default to the documented ones', () => {
		const byName = Object.fromEntries(
			credential.properties.map((property) => [property.name, property]),
		);
		for (const name of [
			'clientSecret',
			'password',
			'subscriptionApiKey',
			'clientApiKey',
			'ssoSecretKey',
			'accessToken',
		]) {
			expect(byName[name].typeOptions?.password).toBe(true);
		}
		expect(byName.identityHost.default).toBe('https://identity.qflowhub.io');
		expect(byName.apiHost.default).toBe('https://api.qflowhub.io');
		expect(byName.gateway.default).toBe('subscriptionKey');
		expect(byName.ssoSecretKey.required).toBeFalsy();
		expect(credential.name).toBe('qflowApi');
	});
});
