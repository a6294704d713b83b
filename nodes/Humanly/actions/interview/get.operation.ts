import type { IExecuteFunctions } from 'n8n-workflow';

import { eachItem, type Operation } from '../../../shared/router';
import { HUMANLY } from '../../api';
import { interviewLocator } from '../../descriptions';
import { readId } from '../../schemas';
import { humanlyRecord } from '../../transport';

export const getInterview: Operation = {
	option: { name: 'Get', action: 'Get an interview', description: 'Get one interview (its questions and settings) by ID' },
	description: [interviewLocator('The interview to get')],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const interviewId = readId(this, 'interviewId', 'Interview', itemIndex);
		return await humanlyRecord.call(this, { method: 'GET', path: HUMANLY.paths.interview(interviewId) }, itemIndex);
	}),
};
