import type { IExecuteFunctions } from 'n8n-workflow';

import { concurrentReads, eachItem, type Operation } from '../../../shared/operation';
import { HUMANLY } from '../../api';
import { questionLocator } from '../../fields';
import { readId } from '../../helpers/readId';
import { HUMANLY_CONCURRENT_READS, humanlyRecord } from '../../transport';

export const getQuestion: Operation = {
	menuEntry: {
		name: 'Get',
		action: 'Get a question',
		description: 'Get one audio question by ID',
		toolDescription:
			'Get a Humanly audio question by ID. Returns its title, script, audio URL, narrator, creator and dates. Fails when no question has the ID.',
	},
	properties: [questionLocator('The question to get')],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const questionId = readId(this, 'questionId', 'Question', itemIndex);
		return await humanlyRecord.call(
			this,
			{ method: 'GET', path: HUMANLY.paths.question(questionId) },
			itemIndex,
			'question',
		);
	}, concurrentReads(HUMANLY_CONCURRENT_READS)),
};
