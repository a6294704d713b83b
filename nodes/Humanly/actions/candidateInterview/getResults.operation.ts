import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { concurrentReads, eachItem, type Operation } from '../../../shared/operation';
import { validateInput } from '../../../shared/input';
import { HUMANLY } from '../../api';
import { candidateInterviewIdProperty } from '../../fields';
import { readId } from '../../helpers/readId';
import { optionalOneOf } from '../../input';
import { HUMANLY_CONCURRENT_READS, humanlyRecord } from '../../transport';

const options = z.object({ summaryProcessing: optionalOneOf(['return', 'fail'] as const) });

export const getCandidateInterviewResults: Operation = {
	menuEntry: {
		name: 'Get Results',
		action: 'Get interview results',
		description:
			'Get the transcriptions, scores, ratings, summary and score card of a completed candidate interview',
		toolDescription:
			'Get the results of a completed Humanly candidate interview by ID. Returns its transcriptions, scores, ratings, summary, summaryStatus and scoreCard; summary and scoreCard are null until Humanly has generated them. Fails with not found until the candidate has answered, and when no candidate interview has the ID.',
	},
	properties: [
		candidateInterviewIdProperty(
			'ID of the candidate interview. Results exist once the candidate has answered; before that Humanly answers Not Found.',
		),
		{
			displayName:
				'Humanly writes the summary and score card after the interview: until then summary and scoreCard are null, and summaryStatus says why (processing, error, or pre-summary-feature for interviews older than the feature).',
			name: 'summaryNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [
				{
					displayName: 'If Summary Is Processing',
					name: 'summaryProcessing',
					type: 'options',
					options: [
						{
							name: 'Return the Results',
							value: 'return',
							description: 'Output the results, summary and score card null',
						},
						{
							name: 'Fail the Item',
							value: 'fail',
							description:
								'Fail, so a retry (Retry On Fail, or a Wait and a loop) reads it once it is ready',
						},
					],
					default: 'return',
				},
			],
		},
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const id = readId(this, 'candidateInterviewId', 'Candidate interview', itemIndex);
		const { summaryProcessing } = validateInput(
			this,
			options,
			this.getNodeParameter('options', itemIndex, {}) as IDataObject,
			itemIndex,
		);
		const results = await humanlyRecord.call(
			this,
			{ method: 'GET', path: HUMANLY.paths.candidateInterviewResults(id) },
			itemIndex,
		);
		if (summaryProcessing === 'fail' && results.summaryStatus === 'processing')
			throw new NodeOperationError(
				this.getNode(),
				`The summary of candidate interview ${id} is still being generated (summaryStatus processing)`,
				{
					itemIndex,
					description:
						'Run the item again in a few minutes: turn on Retry On Fail in the node’s settings, or loop through a Wait node.',
				},
			);
		return results;
	}, concurrentReads(HUMANLY_CONCURRENT_READS)),
};
