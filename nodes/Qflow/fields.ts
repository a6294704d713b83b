import type { INodeProperties } from 'n8n-workflow';

import { recordLocator } from '../shared/fields';
import { QFLOW } from './api';

const GUID_REGEX =
	'^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$';

/** A user picked from Qflow's list, given by ID, or found by email. */
export const userLocator = (description: string): INodeProperties =>
	recordLocator({
		displayName: 'User',
		name: 'userId',
		searchListMethod: 'searchUsers',
		idPlaceholder: 'e.g. 050f4a44-d7d1-452e-837a-0d2759dcfa69',
		description,
		idMode: {
			validation: [
				{
					type: 'regex',
					properties: {
						regex: GUID_REGEX,
						errorMessage: 'A Qflow user ID is a GUID, e.g. 050f4a44-d7d1-452e-837a-0d2759dcfa69',
					},
				},
			],
		},
		modes: [
			{
				displayName: 'By Email',
				name: 'email',
				type: 'string',
				placeholder: 'e.g. jane@example.com',
			},
		],
	});

/** Fields besides the names and email that Create sets and Update may change. */
export const optionalUserFields: INodeProperties[] = [
	{
		displayName: 'Time Zone ID',
		name: 'timeZoneId',
		type: 'string',
		default: '',
		placeholder: 'e.g. Europe/London',
		description: 'The user’s time zone',
	},
	{
		displayName: 'Company Name',
		name: 'companyName',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Custom Data',
		name: 'customData',
		type: 'string',
		default: '',
		description: 'Free text Qflow stores with the user, e.g. your own system’s ID or a JSON string',
	},
];

/** Additional Fields of Create and Create or Update: the optional user fields and an initial password. */
export function newUserAdditionalFields(passwordDescription: string): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...optionalUserFields,
			{
				displayName: 'Password',
				name: 'password',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: passwordDescription,
			},
		],
	};
}

/** The password rules of api.ts in words, for field descriptions. */
export const passwordRules = `${QFLOW.password.minLength}–${QFLOW.password.maxLength} characters with ${QFLOW.password.mustContain
	.map((rule) => rule.what)
	.join(', ')
	.replace(/, ([^,]*)$/, ' and $1')}`;
