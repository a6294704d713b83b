import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { getManyOperation } from '../../../shared/getMany';
import { optionalText } from '../../../shared/input';
import { includeArchivedProperty } from '../../fields';
import { includeArchived } from '../../input';
import { humanlyPagedList } from '../../transport';

export const getManyCandidates = getManyOperation({
	noun: 'candidates',
	narrowing:
		'optionally filtered by a name or email search or external ID, archived ones included on request',
	filters: {
		properties: [
			includeArchivedProperty('candidates'),
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
			archived: includeArchived,
		}),
	},
	async list(this: IExecuteFunctions, query, limit, itemIndex) {
		return await humanlyPagedList.call(this, 'candidates', query, limit, itemIndex);
	},
});
