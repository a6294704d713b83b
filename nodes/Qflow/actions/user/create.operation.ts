import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { eachItem, type Operation } from '../../../shared/router';
import { validateInput } from '../../../shared/validate';
import { personNameProperties } from '../../../shared/descriptions';
import { optionalUserFields, passwordRules } from '../../descriptions';
import { optionalPassword, userFields } from '../../schemas';
import { createUser as sendCreate } from './write';

const input = userFields.extend({ password: optionalPassword });

export const createUser: Operation = {
	option: { name: 'Create', action: 'Create a user', description: 'Create a user in the enterprise' },
	description: [
		...personNameProperties,
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: 'Must not belong to another user. The username becomes PIN/email, e.g. 123/jane@example.com.',
		},
		{
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
					description: `Initial password, ${passwordRules}. Without one the user exists but cannot sign in until a password is set.`,
				},
			],
		},
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const { password, ...fields } = validateInput(
			this,
			input,
			{
				...additional,
				firstName: this.getNodeParameter('firstName', itemIndex),
				lastName: this.getNodeParameter('lastName', itemIndex),
				email: this.getNodeParameter('email', itemIndex),
			},
			itemIndex,
		);
		return await sendCreate(this, fields, password as string | undefined, itemIndex);
	}),
};
