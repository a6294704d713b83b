import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { emailProperty, personNameProperties } from '../../../shared/fields';
import type { Operation } from '../../../shared/operation';
import { emailAddress, requiredText, validateInput } from '../../../shared/input';
import { bulkOptionsProperty, teamIdsProperty } from '../../fields';
import { optionalPhone, teamIdList } from '../../input';
import { bulkCreate } from '../../helpers/bulkCreate';

const properties: INodeProperties[] = [
	...personNameProperties,
	emailProperty('Must be unique in your organization'),
	teamIdsProperty,
	{
		displayName: 'Dashboard Access',
		name: 'dashboardAccess',
		type: 'boolean',
		default: false,
		description:
			'Whether the user can sign in to the Humanly dashboard. Off (the default) creates an API user: no login and no dashboard, used to attribute work done through the API. On creates a regular user with a dashboard login.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				default: '',
				placeholder: '+14155550100',
				description: 'In E.164 form: + and country code, digits only',
			},
		],
	},
	bulkOptionsProperty('users'),
];

const input = z
	.object({
		firstName: requiredText('First Name', 100),
		lastName: requiredText('Last Name', 100),
		email: emailAddress,
		phone: optionalPhone,
		teamIds: teamIdList,
		dashboardAccess: z.boolean({ invalid_type_error: 'must be true or false' }),
	})
	// The node's Dashboard Access is Humanly's createAuth0Account: the one field the node names otherwise.
	.transform(({ dashboardAccess, ...user }) => ({ ...user, createAuth0Account: dashboardAccess }));

export const createUser: Operation = {
	menuEntry: {
		name: 'Create',
		action: 'Create users',
		description: 'Create users in bulk, one per input item, each in at least one team',
		toolDescription:
			'Create Humanly users in bulk, one per input item, each with names, email, dashboard access and at least one team. Returns one item per created user. Fails when Humanly refuses a field, e.g. an email already in use or an unknown team.',
	},
	properties,
	execute: bulkCreate({
		list: 'users',
		entryOf(this: IExecuteFunctions, itemIndex: number) {
			const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
			return validateInput(
				this,
				input,
				{
					firstName: this.getNodeParameter('firstName', itemIndex),
					lastName: this.getNodeParameter('lastName', itemIndex),
					email: this.getNodeParameter('email', itemIndex),
					phone: additional.phone,
					teamIds: this.getNodeParameter('teamIds', itemIndex, []),
					dashboardAccess: this.getNodeParameter('dashboardAccess', itemIndex, false),
				},
				itemIndex,
			);
		},
	}),
};
