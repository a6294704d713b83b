import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { concurrentReads, eachItem, type Operation } from '../../../shared/operation';
import { validateInput } from '../../../shared/input';
import { HUMANLY } from '../../api';
import { interviewLocator } from '../../fields';
import { withStatusName } from '../../helpers/interviewStatus';
import { readId } from '../../helpers/readId';
import { optionalId } from '../../input';
import { HUMANLY_CONCURRENT_READS, humanlyRecord } from '../../transport';

const options = z.object({ teamId: optionalId('Team') });

export const getInterview: Operation = {
	menuEntry: {
		name: 'Get',
		action: 'Get an interview',
		description:
			'Get one interview by ID. Returns its title, type, status (as Humanly gives it, plus a readable statusName), description, language and questions.',
		toolDescription:
			'Get a Humanly interview by ID. Returns its title, type, status, description and question IDs. Fails when no interview has the ID.',
	},
	properties: [
		interviewLocator('The interview to get'),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [
				{
					displayName: 'Team Name or ID',
					name: 'teamId',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getTeams' },
					default: '',
					description:
						'Read the interview as this team of your organization instead of the API key’s own team. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
			],
		},
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const interviewId = readId(this, 'interviewId', 'Interview', itemIndex);
		const qs = validateInput(
			this,
			options,
			this.getNodeParameter('options', itemIndex, {}) as IDataObject,
			itemIndex,
		);
		const interview = await humanlyRecord.call(
			this,
			{
				method: 'GET',
				path: HUMANLY.paths.interview(interviewId),
				qs: qs.teamId ? { teamId: qs.teamId } : undefined,
			},
			itemIndex,
			'interview',
		);
		return withStatusName(interview);
	}, concurrentReads(HUMANLY_CONCURRENT_READS)),
};
