import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { QFLOW } from '../nodes/Qflow/api';
import { gatewayKeyHeader, gatewayPath, requestAccessToken } from '../nodes/Qflow/auth';

/** Where the credential test calls users/total on a client-key host (QFLOW.clientKeyGateway). */
const CLIENT_KEY_API_PREFIX = gatewayPath({ gateway: 'clientKey' }, QFLOW.apiPrefix);

export class QflowApi implements ICredentialType {
	name = 'qflowApi';

	displayName = 'Qflow API';

	icon = {
		light: 'file:../nodes/Qflow/qflow.svg',
		dark: 'file:../nodes/Qflow/qflow.dark.svg',
	} as const;

	documentationUrl = 'https://docs.qflowhub.io/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'OAuth client ID of your Qflow API client',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			placeholder: '123/jane@example.com',
			description:
				'The account the node signs in as: enterprise PIN/email, e.g. 123/jane@example.com, or the email alone for an account without an enterprise. Some operations (Delete, Change Password) need this account to be trusted: identity verification (KYC) completed in Qflow.',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Key Type',
			name: 'gateway',
			type: 'options',
			options: [
				{
					name: 'APIM Subscription Key',
					value: 'subscriptionKey',
					description:
						'Api.qflowhub.io and its regional hosts: each API under its own path (/users/v1, /checkin/v1, /comms/v1)',
				},
				{
					name: 'Client Key',
					value: 'clientKey',
					description:
						'A host Qflow set up for your integration, whose guide sends X-Qflow-Client-Key and writes every path as /api/…',
				},
			],
			default: 'subscriptionKey',
			description:
				'The key your Qflow host takes next to the token. Your welcome email names a subscription key; an integration guide written for your account names a client key.',
		},
		{
			displayName: 'APIM Subscription Key',
			name: 'subscriptionApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { gateway: ['subscriptionKey'] } },
			description:
				'Sent as Ocp-Apim-Subscription-Key on every call, next to the token; the gateway refuses a call missing either',
		},
		{
			displayName: 'Client Key',
			name: 'clientApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { gateway: ['clientKey'] } },
			description:
				'Sent as X-Qflow-Client-Key on every call, next to the token; the host refuses a call missing either',
		},
		{
			displayName: 'Identity Host',
			name: 'identityHost',
			type: 'string',
			default: QFLOW.defaultIdentityHost,
			description:
				'Where the token comes from. Change it only for a test server such as the local sandbox.',
		},
		{
			displayName: 'API Host',
			name: 'apiHost',
			type: 'string',
			default: QFLOW.defaultApiHost,
			description:
				'Qflow API gateway. The users, check-in and Comms APIs sit under their own paths on it (/users/v1/api, /checkin/v1/api, /comms/v1/api/comms), with the same token and key. Change it for a regional host (e.g. https://api-uksouth-01.qflowhub.io), the host your integration guide names, or a test server. With a Client Key every path is /api/… on this host.',
		},
		{
			displayName: 'Enterprise SSO Key',
			name: 'ssoSecretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for Generate iFrame SSO Link: the enterprise key Qflow gives white-label customers (at most 32 bytes). Anyone holding it can sign in as any user of the enterprise.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/**
	 * Called by n8n when the stored token is empty or a call answered 401: it signs in with the
	 * password grant and n8n stores the token in the credential, so items and executions share it.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return { accessToken: await requestAccessToken(this, credentials) };
	}

	/**
	 * A function, not header expressions: n8n would evaluate those for every request, a cost that
	 * shows at a thousand lookups (npm run bench), and the key header depends on Key Type. A field, not
	 * a method: n8n lists the credential for the HTTP Request node from a copy of its own fields, and a
	 * method left behind would drop "Qflow API" from its Predefined Credential Type list.
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: {
			...requestOptions.headers,
			Authorization: `Bearer ${String(credentials.accessToken)}`,
			...gatewayKeyHeader(credentials),
		},
	});

	// Signs in (preAuthentication), then proves the token and the key on one cheap call.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{$credentials.apiHost.replace(/\\/+$/, "")}}{{$credentials.gateway === "clientKey" ? "${CLIENT_KEY_API_PREFIX}" : "${QFLOW.apiPrefix}"}}`,
			url: QFLOW.paths.count,
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Signed in, but the API host refused the call: check the APIM Subscription Key (or the Client Key, as Key Type says) and the API Host',
				},
			},
		],
	};
}
