import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { QFLOW } from '../nodes/Qflow/api';
import { requestAccessToken } from '../nodes/Qflow/auth';

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
			displayName: 'Enterprise Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			placeholder: '123/jane@example.com',
			description:
				'The account the node signs in as, written enterprise PIN/email, e.g. 123/jane@example.com. Some operations (Delete, Change Password) need this account to be trusted: identity verification (KYC) completed in Qflow.',
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
			displayName: 'APIM Subscription Key',
			name: 'subscriptionApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Sent as Ocp-Apim-Subscription-Key on every call, next to the token; the gateway refuses a call missing either',
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
				'Qflow API gateway. The users, check-in and Comms APIs sit under their own paths on it (/users/v1/api, /checkin/v1/api, /comms/v1/api/comms), with the same token and key. Change it for a regional host (e.g. https://api-uksouth-01.qflowhub.io) or a test server.',
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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
				'Ocp-Apim-Subscription-Key': '={{$credentials.subscriptionApiKey}}',
			},
		},
	};

	// Signs in (preAuthentication), then proves the token and the subscription key on one cheap call.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{$credentials.apiHost.replace(/\\/+$/, "")}}${QFLOW.apiPrefix}`,
			url: QFLOW.paths.count,
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Signed in, but the API gateway refused the call: check the APIM Subscription Key and the API Host',
				},
			},
		],
	};
}
