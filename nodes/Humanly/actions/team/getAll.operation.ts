import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { getManyOperation } from '../../../shared/getMany';
import { optionalId } from '../../input';
import { humanlyList } from '../../transport';

export const getManyTeams = getManyOperation({
	noun: 'teams',
	narrowing: 'optionally only the teams of one user',
	filters: {
		properties: [
			{
				displayName: 'User Name or ID',
				name: 'userId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getUsers' },
				default: '',
				description:
					'Only the teams this user belongs to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
		schema: z.object({ userId: optionalId('User') }),
	},
	// The list has no documented paging: one request, Limit applied by the builder.
	async list(this: IExecuteFunctions, query, _limit, itemIndex) {
		return await humanlyList.call(this, 'teams', query, itemIndex);
	},
});
