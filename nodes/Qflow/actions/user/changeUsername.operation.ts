import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { eachItem, type Operation } from '../../../shared/operation';
import { optional, validateInput } from '../../../shared/input';
import { QFLOW } from '../../api';
import { enterpriseUsername, userId } from '../../input';
import { qflowRequest } from '../../transport';

const input = z.object({
	oldUserName: enterpriseUsername('Current Username'),
	newUserName: enterpriseUsername('New Username'),
	id: optional(userId),
});

export const changeUsername: Operation = {
	menuEntry: {
		name: 'Change Username',
		action: 'Change a username',
		description: 'Rename a user’s sign-in, e.g. after an email change',
		toolDescription:
			'Change a Qflow user’s username (PIN/email) to a new one. Returns the old and new usernames. Fails when another user already has the new username, or no user has the current one.',
	},
	properties: [
		{
			displayName: 'Current Username',
			name: 'oldUserName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 123/jane@example.com',
			description: 'The username now, written PIN/email, e.g. 123/jane@example.com',
		},
		{
			displayName: 'New Username',
			name: 'newUserName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 123/jane.doe@example.com',
			description: 'The new username, written PIN/email; no other user may have it',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'User ID',
					name: 'id',
					type: 'string',
					default: '',
					placeholder: 'e.g. 050f4a44-d7d1-452e-837a-0d2759dcfa69',
					description:
						'ID of the user, as a safeguard: Qflow refuses the change when the current username belongs to someone else',
				},
			],
		},
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const values = validateInput(
			this,
			input,
			{
				oldUserName: this.getNodeParameter('oldUserName', itemIndex),
				newUserName: this.getNodeParameter('newUserName', itemIndex),
				id: options.id ?? '',
			},
			itemIndex,
		);
		// Renaming to the same new name twice leaves the same state, but the second call would no
		// longer find the old name: treat it as not safe to resend.
		await qflowRequest.call(
			this,
			{ method: 'PUT', path: QFLOW.paths.changeUsername, body: values, idempotent: false },
			itemIndex,
		);
		return {
			...(values.id ? { id: values.id } : {}),
			oldUserName: values.oldUserName,
			newUserName: values.newUserName,
			usernameChanged: true,
		};
	}),
};
