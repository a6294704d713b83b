import type { IExecuteFunctions } from 'n8n-workflow';

import { concurrentReads, eachItem, type Operation } from '../../../shared/operation';
import { HUMANLY } from '../../api';
import { candidateInterviewIdProperty } from '../../fields';
import { readId } from '../../helpers/readId';
import { HUMANLY_CONCURRENT_READS, humanlyRecord } from '../../transport';

export const getCandidateInterviewResults: Operation = {
	menuEntry: {
		name: 'Get Results',
		action: 'Get interview results',
		description: 'Get the answers, transcripts and scores of a completed candidate interview',
		toolDescription:
			'Get the results of a completed Humanly candidate interview by ID. Returns its answers, transcripts and scores. Fails with not found until the candidate has answered, and when no candidate interview has the ID.',
	},
	properties: [
		candidateInterviewIdProperty(
			'ID of the candidate interview. Results exist once the candidate has answered; before that Humanly answers Not Found.',
		),
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const id = readId(this, 'candidateInterviewId', 'Candidate interview', itemIndex);
		return await humanlyRecord.call(
			this,
			{ method: 'GET', path: HUMANLY.paths.candidateInterviewResults(id) },
			itemIndex,
		);
	}, concurrentReads(HUMANLY_CONCURRENT_READS)),
};
