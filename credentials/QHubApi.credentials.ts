import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { QHUB } from '../nodes/QHub/api';

export class QHubApi implements ICredentialType {
	name = 'qHubApi';

	displayName = 'Q-Hub API';

	icon = {
		light: 'file:../nodes/QHub/qhub.svg',
		dark: 'file:../nodes/QHub/qhub.dark.svg',
	} as const;

	documentationUrl = 'https://qhub-website.pages.dev/help/q-hub-apis';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Made by the account admin (or an admin they allowed) in Q-Hub under Admin > Dev centre > API keys',
		},
		{
			displayName: 'API Secret',
			name: 'apiSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Shown once, next to the API key, when the key is made',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: QHUB.defaultBaseUrl,
			description: 'Q-Hub API address. Change it only for a test server such as the local sandbox.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-key': '={{$credentials.apiKey}}',
				'x-api-secret': '={{$credentials.apiSecret}}',
			},
		},
	};

	// Costs one request of the key's window, like any call: Q-Hub has no free "who am I" endpoint.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: QHUB.paths.locations,
			qs: { [QHUB.paging.sizeParam]: 1 },
		},
	};
}
