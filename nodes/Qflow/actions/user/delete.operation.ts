import type { IExecuteFunctions } from 'n8n-workflow';

import { eachItem, type Operation } from '../../../shared/operation';
import { QFLOW } from '../../api';
import { userLocator } from '../../fields';
import { readUser } from '../../helpers/userLocator';
import { qflowRequest } from '../../transport';

export const deleteUser: Operation = {
	menuEntry: {
		name: 'Delete',
		action: 'Delete a user',
		description:
			'Remove a user from the enterprise for good (needs a trusted, KYC-verified account)',
		toolDescription:
			'Delete a Qflow user for good, given by ID or email. Returns their ID and deleted: true. Fails when no user has the ID or email, or the credential’s account is not trusted (KYC-verified).',
	},
	properties: [userLocator('The user to delete')],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const { id } = await readUser(this, itemIndex);
		await qflowRequest.call(
			this,
			{ method: 'DELETE', path: QFLOW.paths.userWrite, qs: { [QFLOW.deleteIdParam]: id } },
			itemIndex,
		);
		return { id, deleted: true };
	}),
};
