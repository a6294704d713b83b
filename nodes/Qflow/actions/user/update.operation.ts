import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { eachItem, type Operation } from '../../../shared/operation';
import { failInput, validateInput } from '../../../shared/input';
import { optionalUserFields, userLocator } from '../../fields';
import { readUser } from '../../helpers/userLocator';
import { userChanges } from '../../input';
import { putUser } from '../../helpers/userWrite';

export const updateUser: Operation = {
	menuEntry: {
		name: 'Update',
		action: 'Update a user',
		description: 'Change a user’s names, email or other fields',
		toolDescription:
			'Update a Qflow user’s names, email, time zone, company or custom data, keeping the fields not given. Returns the updated user. Fails before sending when no field is given, and when no user has the ID or another user has the new email.',
	},
	properties: [
		userLocator('The user to update'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Email',
					name: 'email',
					type: 'string',
					placeholder: 'name@email.com',
					default: '',
					description:
						'New email address. It does not change the username: use Change Username for that.',
				},
				{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
				{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
				...optionalUserFields,
			],
		},
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const updates = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const changes = validateInput(this, userChanges, updates, itemIndex);
		if (!Object.values(changes).some((value) => value !== undefined)) {
			failInput(this, 'Nothing to update: add at least one field under Update Fields', itemIndex);
		}
		const { id, user } = await readUser(this, itemIndex);
		return await putUser(this, id, changes, itemIndex, user);
	}),
};
