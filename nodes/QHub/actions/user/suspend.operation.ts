import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { eachItem, type Operation } from '../../../shared/operation';
import { validateInput } from '../../../shared/input';
import { QHUB } from '../../api';
import { qhubId } from '../../input';
import { qhubRequest } from '../../transport';

const input = z.object({ userId: qhubId('User') });

export const suspendUser: Operation = {
	menuEntry: {
		name: 'Suspend',
		action: 'Suspend a user',
		description: 'Disable a user’s access while keeping their data',
		toolDescription:
			'Suspend a Q-Hub user by ID: their access ends and their data is kept. Returns the suspended user. Fails when no user has the ID, or Q-Hub’s rules forbid suspending them (e.g. the account admin).',
	},
	properties: [
		{
			displayName: 'User ID',
			name: 'userId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. usr_1a2b3c4d',
			description:
				'ID of the user to suspend. Some users cannot be suspended (for example the account admin); Q-Hub’s message then says why.',
		},
	],
	// Suspending twice leaves the same state, so the transport may resend it after a lost answer.
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const { userId } = validateInput(
			this,
			input,
			{ userId: this.getNodeParameter('userId', itemIndex) },
			itemIndex,
		);
		return await qhubRequest.call(
			this,
			{ method: 'POST', path: QHUB.paths.userSuspend(userId), idempotent: true },
			itemIndex,
		);
	}),
};
