import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { concurrentReads, eachItem, type Operation } from '../../../shared/operation';
import { emailAddress, validateInput } from '../../../shared/input';
import { emailProperty } from '../../../shared/fields';
import { QFLOW } from '../../api';
import { QFLOW_CONCURRENT_READS, qflowUser } from '../../transport';

const input = z.object({ email: emailAddress });

export const getUserByEmail: Operation = {
	menuEntry: {
		name: 'Get by Email',
		action: 'Get a user by email',
		description: 'Find the user who has an email address',
		toolDescription:
			'Find the Qflow user who has an email address. Returns that user. Fails with not found when no user has it.',
	},
	properties: [
		emailProperty(
			'Email address of the user. No user with it fails the item with a 404 (use Continue On Fail to go on).',
		),
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const { email } = validateInput(
			this,
			input,
			{ email: this.getNodeParameter('email', itemIndex) },
			itemIndex,
		);
		return await qflowUser.call(
			this,
			{ method: 'GET', path: QFLOW.paths.userByEmail, qs: { [QFLOW.emailParam]: email } },
			itemIndex,
		);
	}, concurrentReads(QFLOW_CONCURRENT_READS)),
};
