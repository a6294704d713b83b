import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { HUMANLY } from '../nodes/Humanly/api';

export class HumanlyApi implements ICredentialType {
	name = 'humanlyApi';

	displayName = 'Humanly API';

	icon = {
		light: 'file:../nodes/Humanly/humanly.svg',
		dark: 'file:../nodes/Humanly/humanly.dark.svg',
	} as const;

	documentationUrl = 'https://docs.humanly.io';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'qapi_...',
			description:
				'Starts with qapi_. Humanly issues keys to your organization (ask your Humanly contact); the key decides which organization and teams the node works with.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: HUMANLY.environments.production },
				{ name: 'Staging', value: 'staging', description: HUMANLY.environments.staging },
				{
					name: 'Custom',
					value: 'custom',
					description: 'Another address, such as a local sandbox',
				},
			],
			default: 'production',
			description:
				'Where the key was issued: a production key does not work on staging, and the other way round',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'http://127.0.0.1:4030',
			displayOptions: { show: { environment: ['custom'] } },
			description: 'Address of the API, without the /qsi/gather path',
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for the Humanly Trigger: the secret Humanly signs webhook deliveries with. Humanly gives it to you when it registers your webhook URL.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-key': '={{$credentials.apiKey}}',
			},
		},
	};

	// Lists the key's teams: a cheap read that every valid key may make.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{$credentials.environment === "custom" ? String($credentials.baseUrl).trim().replace(/\\/+$/, "") : $credentials.environment === "staging" ? "${HUMANLY.environments.staging}" : "${HUMANLY.environments.production}"}}`,
			url: HUMANLY.paths.teams,
		},
	};
}
