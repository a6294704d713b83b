import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { getManyOperation } from '../../../shared/getMany';
import { HUMANLY } from '../../api';
import { optionalBoolean, optionalOneOf } from '../../input';
import { humanlyPagedList } from '../../transport';

const titleCase = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

export const getManyInterviews = getManyOperation({
	noun: 'interviews',
	narrowing: 'optionally filtered by type, status or archived state',
	filters: {
		properties: [
			{
				displayName: 'Archived',
				name: 'archived',
				type: 'boolean',
				default: false,
				description:
					'Whether to return only archived interviews (on) or only active ones (off). Leave the filter out for both.',
			},
			{
				displayName: 'Interview Type',
				name: 'interviewType',
				type: 'options',
				options: HUMANLY.interviewTypes.map((value) => ({ name: titleCase(value), value })),
				default: 'standard',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: HUMANLY.interviewStatuses.map((value) => ({ name: titleCase(value), value })),
				default: 'active',
			},
		],
		schema: z.object({
			interviewType: optionalOneOf(HUMANLY.interviewTypes),
			status: optionalOneOf(HUMANLY.interviewStatuses),
			archived: optionalBoolean,
		}),
	},
	async list(this: IExecuteFunctions, query, limit, itemIndex) {
		return await humanlyPagedList.call(this, 'interviews', query, limit, itemIndex);
	},
});
