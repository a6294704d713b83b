import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { getManyOperation } from '../../../shared/getMany';
import { optional } from '../../../shared/input';
import { HUMANLY } from '../../api';
import { interviewStatusOptions, withStatusName } from '../../helpers/interviewStatus';
import { includeArchivedProperty, interviewTypeOptions } from '../../fields';
import { includeArchived, optionalOneOf } from '../../input';
import { humanlyPagedList } from '../../transport';

const STATUS_CODES = HUMANLY.interviewStatusNames.map((name, code) => `${code} (${name})`);

/** The newer page's number; an expression may give it as text ("2"). */
const interviewStatus = optional(
	z.preprocess(
		(value) => (typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
		z
			.number({ invalid_type_error: `must be one of ${STATUS_CODES.join(', ')}` })
			.int()
			.min(0)
			.max(HUMANLY.interviewStatusNames.length - 1, `must be one of ${STATUS_CODES.join(', ')}`),
	),
);

export const getManyInterviews = getManyOperation({
	noun: 'interviews',
	narrowing: 'optionally filtered by type or status, archived ones included on request',
	filters: {
		properties: [
			includeArchivedProperty('interviews'),
			{
				displayName: 'Interview Type',
				name: 'interviewType',
				type: 'options',
				options: interviewTypeOptions,
				default: 'standard',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: interviewStatusOptions,
				default: 0,
				description:
					'Only interviews in this status. Humanly’s newer reference numbers them (0 Active, 1 Paused, 2 Closed, 3 Archived); the number is sent.',
			},
		],
		schema: z.object({
			interviewType: optionalOneOf(HUMANLY.interviewTypes),
			status: interviewStatus,
			archived: includeArchived,
		}),
	},
	async list(this: IExecuteFunctions, query, limit, itemIndex) {
		const interviews = await humanlyPagedList.call(this, 'interviews', query, limit, itemIndex);
		return interviews.map(withStatusName);
	},
});
