import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { emailAddress, requiredText } from '../../shared/input';

/** The documented team member body (v1/team/): all four required. */
export const teamMemberBody = z.object({
	userName: requiredText('Username', 100),
	email: emailAddress,
	firstName: requiredText('First Name', 100),
	lastName: requiredText('Last Name', 100),
});

export const teamMemberProperties = (required: boolean): INodeProperties[] => [
	{
		displayName: 'Username',
		name: 'userName',
		type: 'string',
		default: '',
		required,
		placeholder: 'e.g. kelly.door',
		description: 'What the team member signs in to the check-in app with; unique in the enterprise',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required,
	},
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '', required },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '', required },
];
