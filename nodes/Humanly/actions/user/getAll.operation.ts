import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { getManyOperation } from '../../../shared/getMany';
import { optionalId } from '../../input';
import { humanlyList } from '../../transport';

/** The fields most workflows need; team names instead of team records. */
export function simplifyUser(user: IDataObject): IDataObject {
	const simple: IDataObject = {
		id: user.id,
		firstName: user.firstName,
		lastName: user.lastName,
		email: user.email,
		phone: user.phone ?? null,
		isApiUser: user.isApiUser,
	};
	if (Array.isArray(user.teams))
		simple.teams = (user.teams as IDataObject[]).map((team) => team.name);
	else if (Array.isArray(user.teamIds)) simple.teamIds = user.teamIds;
	return simple;
}

export const getManyUsers = getManyOperation({
	noun: 'users',
	narrowing: 'optionally only the members of one team, with their teams',
	properties: [
		{
			displayName: 'Include Teams',
			name: 'includeTeams',
			type: 'boolean',
			default: true,
			description:
				"Whether to include each user's teams (name, display name, description) instead of only their team IDs",
		},
	],
	simplify: simplifyUser,
	filters: {
		properties: [
			{
				displayName: 'Team Name or ID',
				name: 'teamId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getTeams' },
				default: '',
				description:
					'Only users of this team. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
		schema: z.object({ teamId: optionalId('Team') }),
	},
	// The list has no documented paging: one request, Limit applied by the builder.
	async list(this: IExecuteFunctions, query, _limit, itemIndex) {
		const includeTeams = this.getNodeParameter('includeTeams', itemIndex, true) as boolean;
		return await humanlyList.call(this, 'users', { ...query, includeTeams }, itemIndex);
	},
});
