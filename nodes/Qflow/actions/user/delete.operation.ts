import type { IExecuteFunctions } from 'n8n-workflow';

import { eachItem, type Operation } from '../../../shared/operation';
import { QFLOW } from '../../api';
import { userLocator } from '../../fields';
import { readUser } from '../../helpers/userLocator';
import { qflowRequest } from '../../transport';

export const deleteUser: Operation = {
	menuEntry: {
		name: 'Delete',
		action: 'Delete a user for good, given by ID or email; returns their ID and deleted: true',
		description:
			'Remove a user from the enterprise for good (needs a trusted, KYC-verified account)',
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
