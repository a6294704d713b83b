import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { personNameProperties } from '../../../shared/fields';
import { eachItem, type Operation } from '../../../shared/operation';
import { QFLOW } from '../../api';
import { newUserAdditionalFields, passwordRules } from '../../fields';
import { isNotFound, qflowUser } from '../../transport';
import { postUser, putUser, readNewUser } from '../../helpers/userWrite';

export const upsertUser: Operation = {
	menuEntry: {
		name: 'Create or Update',
		action: 'Create or update a user',
		description: 'Create a new user, or update the one who already has this email',
	},
	properties: [
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: 'Used to find the user. No user with it: a new one is created. Found: that user is updated.',
		},
		...personNameProperties,
		newUserAdditionalFields(
			`Initial password (${passwordRules}), used only when the user is created. An existing user’s password is left alone: use Change Password for it.`,
		),
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const user = readNewUser(this, itemIndex);

		// The transport's errors are NodeApiErrors already; only "no such user" is an answer here.
		let existing: IDataObject | undefined;
		let lookupFailure: unknown;
		try {
			existing = await qflowUser.call(
				this,
				{ method: 'GET', path: QFLOW.paths.userByEmail, qs: { [QFLOW.emailParam]: user.email } },
				itemIndex,
			);
		} catch (error) {
			lookupFailure = error;
		}
		if (lookupFailure !== undefined && !isNotFound(lookupFailure)) throw lookupFailure;

		if (existing === undefined) {
			return { ...(await postUser(this, user, itemIndex)), created: true };
		}
		// An existing user's password is left alone: putUser sends only the user fields.
		return { ...(await putUser(this, String(existing.id), user, itemIndex, existing)), created: false };
	}),
};
