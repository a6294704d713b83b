import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { eachItem, type Operation } from '../../../shared/operation';
import { validateInput } from '../../../shared/input';
import { HUMANLY } from '../../api';
import { candidateInterviewIdProperty } from '../../fields';
import { oneOf } from '../../input';
import { readId } from '../../helpers/readId';
import { humanlyRecord } from '../../transport';
import { statusOptions } from '../../helpers/statusOptions';

const input = z.object({ [HUMANLY.fields.status]: oneOf(HUMANLY.candidateInterviewStatuses) });

export const updateCandidateInterviewStatus: Operation = {
	menuEntry: {
		name: 'Update Status',
		action: 'Update an interview status',
		description: 'Move a candidate interview on, e.g. to Has Reviewed or Hired',
		toolDescription:
			'Update the status of a Humanly candidate interview, e.g. to has reviewed or hired. Returns the updated candidate interview. Fails when no candidate interview has the ID.',
	},
	properties: [
		candidateInterviewIdProperty('ID of the candidate interview to update'),
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: statusOptions,
			default: 'has_reviewed',
			required: true,
		},
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const id = readId(this, 'candidateInterviewId', 'Candidate interview', itemIndex);
		const body = validateInput(
			this,
			input,
			{ [HUMANLY.fields.status]: this.getNodeParameter('status', itemIndex) },
			itemIndex,
		);
		// Setting the same status twice leaves the same state: safe to resend after a lost answer.
		return await humanlyRecord.call(
			this,
			{
				method: 'PATCH',
				path: HUMANLY.paths.candidateInterviewStatus(id),
				body,
				idempotent: true,
			},
			itemIndex,
		);
	}),
};
