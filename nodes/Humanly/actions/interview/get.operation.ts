import type { IExecuteFunctions } from 'n8n-workflow';

import { concurrentReads, eachItem, type Operation } from '../../../shared/operation';
import { HUMANLY } from '../../api';
import { interviewLocator } from '../../fields';
import { readId } from '../../helpers/readId';
import { HUMANLY_CONCURRENT_READS, humanlyRecord } from '../../transport';

export const getInterview: Operation = {
	menuEntry: {
		name: 'Get',
		action: 'Get an interview',
		description: 'Get one interview (its questions and settings) by ID',
		toolDescription:
			'Get a Humanly interview by ID. Returns its title, type, status, description and question IDs. Fails when no interview has the ID.',
	},
	properties: [interviewLocator('The interview to get')],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const interviewId = readId(this, 'interviewId', 'Interview', itemIndex);
		return await humanlyRecord.call(
			this,
			{ method: 'GET', path: HUMANLY.paths.interview(interviewId) },
			itemIndex,
		);
	}, concurrentReads(HUMANLY_CONCURRENT_READS)),
};
