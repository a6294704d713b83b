import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { eachItem, type Operation } from '../../../shared/operation';
import { validateInput } from '../../../shared/input';
import { QFLOW } from '../../api';
import { passwordRules, userLocator } from '../../fields';
import { newPassword } from '../../input';
import { readUser } from '../../helpers/userLocator';
import { qflowRequest } from '../../transport';

const input = z.object({
	oldPassword: z
		.string({
			required_error: 'Current Password is required',
			invalid_type_error: 'Current Password must be text',
		})
		.min(1, 'Current Password must not be empty'),
	newPassword,
	signOutAllSessions: z.boolean(),
});

export const changePassword: Operation = {
	menuEntry: {
		name: 'Change Password',
		action: 'Change a password',
		description: 'Set a new password for a user (needs a trusted, KYC-verified account)',
		toolDescription:
			'Change a Qflow user’s password, given the current one and a new one. Returns their ID and passwordChanged: true. Fails when the current password does not match, the new one breaks the password rules, or the credential’s account is not trusted (KYC-verified).',
	},
	properties: [
		userLocator('The user whose password changes'),
		{
			displayName: 'Current Password',
			name: 'oldPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The user’s password now; Qflow refuses the change when it does not match',
		},
		{
			displayName: 'New Password',
			name: 'newPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: `${passwordRules.charAt(0).toUpperCase()}${passwordRules.slice(1)}`,
		},
		{
			displayName: 'Sign Out All Sessions',
			name: 'signOutAllSessions',
			type: 'boolean',
			default: false,
			description:
				'Whether to sign the user out everywhere they are signed in, once the password has changed',
		},
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const values = validateInput(
			this,
			input,
			{
				oldPassword: this.getNodeParameter('oldPassword', itemIndex),
				newPassword: this.getNodeParameter('newPassword', itemIndex),
				signOutAllSessions: this.getNodeParameter('signOutAllSessions', itemIndex, false),
			},
			itemIndex,
		);
		const { id } = await readUser(this, itemIndex);
		await qflowRequest.call(
			this,
			{
				method: 'PUT',
				path: QFLOW.paths.credentialChange,
				body: { id, ...values },
				// Once the first one went through, the old password no longer matches: never resend.
				idempotent: false,
			},
			itemIndex,
		);
		return { id, passwordChanged: true, signedOutAllSessions: values.signOutAllSessions };
	}),
};
