import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { getManyOperation } from '../../../shared/getMany';
import { HUMANLY } from '../../api';
import { statusOptions } from '../../helpers/statusOptions';
import { optionalId, optionalOneOf } from '../../input';
import { humanlyPagedList } from '../../transport';

export const getManyCandidateInterviews = getManyOperation({
	noun: 'candidate interviews',
	narrowing: 'optionally filtered by candidate, interview or status',
	filters: {
		properties: [
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
		schema: z.object({
			candidateId: optionalId('Candidate'),
			interviewId: optionalId('Interview'),
			status: optionalOneOf(HUMANLY.candidateInterviewStatuses),
		}),
	},
	async list(this: IExecuteFunctions, query, limit, itemIndex) {
		return await humanlyPagedList.call(this, 'candidateInterviews', query, limit, itemIndex);
	},
});
