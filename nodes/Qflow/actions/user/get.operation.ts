import type { IExecuteFunctions } from 'n8n-workflow';

import { concurrentReads, eachItem, type Operation } from '../../../shared/operation';
import { QFLOW } from '../../api';
import { userLocator } from '../../fields';
import { readUser } from '../../helpers/userLocator';
import { QFLOW_CONCURRENT_READS, qflowUser } from '../../transport';

export const getUser: Operation = {
	menuEntry: {
		name: 'Get',
		action: 'Get a user',
		description: 'Get a user by ID, from the list, or by email',
		toolDescription:
			'Get a Qflow user by ID or email. Returns the user with their ID, names, email, username, time zone and company. Fails when no user has the ID or email.',
	},
	properties: [userLocator('The user to get')],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const { id, user } = await readUser(this, itemIndex);
		// By email, the lookup already returned the whole user: no second request.
		return (
			user ?? (await qflowUser.call(this, { method: 'GET', path: QFLOW.paths.user(id) }, itemIndex))
		);
	}, concurrentReads(QFLOW_CONCURRENT_READS)),
};
