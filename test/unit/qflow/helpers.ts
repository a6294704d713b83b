import type { IDataObject } from 'n8n-workflow';

import type { Operation } from '../../../nodes/shared/operation';
import { fakeContext, type FakeAnswer } from '../helpers/context';

export const API = 'http://api.test/users/v1/api/';
export const OWNER_ID = '00000000-0000-4000-8000-000000000001';
export const OTHER_ID = '050f4a44-d7d1-452e-837a-0d2759dcfa69';

export const credentials = {
	clientId: 'client-1',
	clientSecret: 'client-secret-value',
	username: '123/owner@example.com',
	password: 'Owner-Pass-1',
	subscriptionApiKey: 'apim-key-value',
	identityHost: 'http://identity.test/',
	apiHost: 'http://api.test/',
	// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- the documented public example key of Qflow's iFrame SSO page
	ssoSecretKey: 'hfdg8AZgkKCQcNCgwOBAYIBa',
	accessToken: 'cached-access-token',
};

export const SECRETS = [
	'client-secret-value',
	'Owner-Pass-1',
	'apim-key-value',
	'hfdg8AZgkKCQcNCgwOBAYIBa',
	'cached-access-token',
];

export const user = (id = OWNER_ID, extra: IDataObject = {}): IDataObject => ({
	id,
	firstName: 'Olivia',
	lastName: 'Owner',
	userName: '123/owner@example.com',
	email: 'owner@example.com',
	timeZoneId: 'Europe/London',
	companyName: 'Sandbox Ltd',
	customData: 'crm-1',
	...extra,
});

/** Runs one operation on a fake n8n context; `perItem` gives one input item per entry. */
export function run(
	operation: Operation,
	parameters: IDataObject,
	options: {
		answers?: FakeAnswer[];
		continueOnFail?: boolean;
		perItem?: IDataObject[];
		credentials?: IDataObject;
	} = {},
) {
	const fake = fakeContext({
		parameters,
		perItem: options.perItem,
		credentials: (options.credentials ?? credentials) as never,
		credentialType: 'qflowApi',
		answers: options.answers,
		continueOnFail: options.continueOnFail,
	});
	return { fake, result: operation.execute.call(fake.context, fake.items) };
}

/** A resource locator value as n8n stores it. */
export const locator = (mode: 'list' | 'id' | 'email', value: string) => ({
	__rl: true,
	mode,
	value,
});
