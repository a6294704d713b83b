import type { IExecuteFunctions } from 'n8n-workflow';

import { concurrentReads, eachItem, type Operation } from '../../../shared/operation';
import { HUMANLY } from '../../api';
import { messageGroupLocator } from '../../fields';
import { readId } from '../../helpers/readId';
import { HUMANLY_CONCURRENT_READS, humanlyRecord } from '../../transport';

export const getMessageGroup: Operation = {
	menuEntry: {
		name: 'Get',
		action: 'Get a message group',
		description: 'Get one message group and its messages',
		toolDescription:
			'Get a Humanly message group by ID. Returns its title, status, interview type and messages (the SMS and email texts of each kind, such as the invite). Fails when no message group has the ID.',
	},
	properties: [messageGroupLocator('The message group to get')],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const messageGroupId = readId(this, 'messageGroupId', 'Message group', itemIndex);
		return await humanlyRecord.call(
			this,
			{ method: 'GET', path: HUMANLY.paths.messageGroup(messageGroupId) },
			itemIndex,
			'messageGroup',
		);
	}, concurrentReads(HUMANLY_CONCURRENT_READS)),
};
