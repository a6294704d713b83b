import type { IExecuteFunctions } from 'n8n-workflow';

import { emailProperty, personNameProperties } from '../../../shared/fields';
import { eachItem, type Operation } from '../../../shared/operation';
import { newUserAdditionalFields, passwordRules } from '../../fields';
import { postUser, readNewUser } from '../../helpers/userWrite';

export const createUser: Operation = {
	menuEntry: {
		name: 'Create',
		action: 'Create a user',
		description: 'Create a user in the enterprise',
		toolDescription:
			'Create a Qflow enterprise user from first and last name, email and optional time zone, company, custom data and initial password. Returns the new user with their ID. Fails when another user already has the email, or the password breaks Qflow’s rules.',
	},
	properties: [
		...personNameProperties,
		emailProperty(
			'Must not belong to another user. The username becomes PIN/email, e.g. 123/jane@example.com.',
		),
		newUserAdditionalFields(
			`Initial password, ${passwordRules}. Without one the user exists but cannot sign in until a password is set.`,
		),
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		return await postUser(this, readNewUser(this, itemIndex), itemIndex);
	}),
};
