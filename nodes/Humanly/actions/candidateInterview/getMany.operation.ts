import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { requestedLimit, returnAllOrLimit } from '../../../shared/descriptions';
import { eachItem, type Operation } from '../../../shared/router';
import { validateInput } from '../../../shared/validate';
import { HUMANLY } from '../../api';
import { optionalId, optionalOneOf } from '../../schemas';
import { humanlyPagedList, lists } from '../../transport';
import { statusOptions } from './status';

const filters = z.object({
	candidateId: optionalId('Candidate'),
	interviewId: optionalId('Interview'),
	status: optionalOneOf(HUMANLY.candidateInterviewStatuses),
});

export const getManyCandidateInterviews: Operation = {
	option: {
		name: 'Get Many',
		action: 'Get many candidate interviews',
		description: 'List candidate interviews, optionally of one candidate or interview, or in one status',
	},
	description: [
		...returnAllOrLimit({ show: {} }),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Candidate ID',
					name: 'candidateId',
					type: 'string',
					default: '',
					description: 'Only the interviews of this candidate',
				},
				{
					displayName: 'Interview ID',
					name: 'interviewId',
					type: 'string',
					default: '',
					description: 'Only invites to this interview',
				},
				{
					displayName: 'Status',
					name: 'status',
					type: 'options',
					options: statusOptions,
					default: 'new_response',
				},
			],
		},
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const given = validateInput(this, filters, this.getNodeParameter('filters', itemIndex, {}), itemIndex);
		const qs: IDataObject = {};
		for (const key of ['candidateId', 'interviewId', 'status'] as const) {
			if (given[key] !== undefined) qs[HUMANLY.candidateInterviewFilters[key]] = given[key];
		}
		return await humanlyPagedList.call(this, lists.candidateInterviews, qs, requestedLimit(this, itemIndex), itemIndex);
	}),
};
