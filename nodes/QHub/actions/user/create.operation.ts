import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { emailProperty, personNameProperties } from '../../../shared/fields';
import { eachItem, type Operation } from '../../../shared/operation';
import { asList, emailAddress, requiredText, validateInput } from '../../../shared/input';
import { QHUB } from '../../api';
import { qhubId } from '../../input';
import { qhubRequest } from '../../transport';

const ACCESS_LEVELS = ['admin', 'standard', 'view'] as const;

const properties: INodeProperties[] = [
	...personNameProperties,
	emailProperty('Q-Hub emails this address an onboarding and verification link itself'),
	{
		displayName: 'Access Level',
		name: 'accessLevel',
		type: 'options',
		options: [
			{ name: 'Admin', value: 'admin', description: 'Full control. Takes a licence seat.' },
			{ name: 'Standard', value: 'standard', description: 'Everyday use. Takes a licence seat.' },
			{ name: 'View', value: 'view', description: 'Read only. Takes no licence seat.' },
		],
		default: 'standard',
		description: 'Admin and Standard users are capped by the licence tier; View users take no seat',
	},
	{
		displayName: 'Location Names or IDs',
		name: 'locationIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getLocations' },
		default: [],
		description:
			'Locations the user belongs to. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

const input = z.object({
	firstName: requiredText('First Name', 100),
	lastName: requiredText('Last Name', 100),
	email: emailAddress,
	accessLevel: z.enum(ACCESS_LEVELS, {
		errorMap: () => ({ message: `must be one of ${ACCESS_LEVELS.join(', ')}` }),
	}),
	locationIds: z.array(qhubId('Location')),
});

export const createUser: Operation = {
	menuEntry: {
		name: 'Create',
		action: 'Create a user',
		description: 'Create a user; Q-Hub emails them an onboarding link',
		toolDescription:
			'Create a Q-Hub user from first and last name, email, access level (admin, standard or view) and optional location IDs; Q-Hub emails them an onboarding link. Returns the new user with their ID. Fails when Q-Hub refuses it, e.g. no licence seat is left for an admin or standard user (view users take none).',
	},
	properties,
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const body = validateInput(
			this,
			input,
			{
				firstName: this.getNodeParameter('firstName', itemIndex),
				lastName: this.getNodeParameter('lastName', itemIndex),
				email: this.getNodeParameter('email', itemIndex),
				accessLevel: this.getNodeParameter('accessLevel', itemIndex),
				locationIds: asList(this.getNodeParameter('locationIds', itemIndex, [])),
			},
			itemIndex,
		);
		return await qhubRequest.call(
			this,
			{ method: 'POST', path: QHUB.paths.users, body },
			itemIndex,
		);
	}),
};
