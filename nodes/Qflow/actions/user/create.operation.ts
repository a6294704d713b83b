import type { IExecuteFunctions } from 'n8n-workflow';

import { personNameProperties } from '../../../shared/descriptions';
import { eachItem, type Operation } from '../../../shared/router';
import { newUserAdditionalFields, passwordRules } from '../../descriptions';
import { readNewUser, createUser as sendCreate } from './write';

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
		newUserAdditionalFields(
			`Initial password, ${passwordRules}. Without one the user exists but cannot sign in until a password is set.`,
		),
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const { fields, password } = readNewUser(this, itemIndex);
		return await sendCreate(this, fields, password, itemIndex);
	}),
};
