import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { getManyOperation } from '../../../shared/getMany';
import { optionalText } from '../../../shared/input';
import { optionalBoolean } from '../../input';
import { humanlyPagedList } from '../../transport';

export const getManyCandidates = getManyOperation({
	noun: 'candidates',
	narrowing: 'optionally filtered by a name or email search, external ID or archived state',
	filters: {
		properties: [
			{
				displayName: 'Archived',
				name: 'archived',
				type: 'boolean',
				default: false,
				description:
					'Whether to return only archived candidates (on) or only active ones (off). Leave the filter out for both.',
			},
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				description: 'Only the candidate with this external ID (e.g. the ID in your ATS)',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Only candidates whose name or email contains this text',
			},
		],
		schema: z.object({
			search: optionalText(200),
			externalId: optionalText(200),
			archived: optionalBoolean,
		}),
	},
	async list(this: IExecuteFunctions, query, limit, itemIndex) {
		return await humanlyPagedList.call(this, 'candidates', query, limit, itemIndex);
	},
});
