import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { requestedLimit, returnAllOrLimit } from '../../../shared/descriptions';
import { eachItem, type Operation } from '../../../shared/router';
import { validateInput } from '../../../shared/validate';
import { HUMANLY } from '../../api';
import { simplifyProperty } from '../../descriptions';
import { optionalId } from '../../schemas';
import { humanlyArray } from '../../transport';

const filters = z.object({ teamId: optionalId('Team') });

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
	if (Array.isArray(user.teams)) simple.teams = (user.teams as IDataObject[]).map((team) => team.name);
	else if (Array.isArray(user.teamIds)) simple.teamIds = user.teamIds;
	return simple;
}

export const getManyUsers: Operation = {
	option: {
		name: 'Get Many',
		action: 'Get many users',
		description: 'List the users of your organization, optionally of one team',
	},
	description: [
		...returnAllOrLimit({ show: {} }),
		{
			displayName: 'Include Teams',
			name: 'includeTeams',
			type: 'boolean',
			default: true,
			description: "Whether to include each user's teams (name, display name, description) instead of only their team IDs",
		},
		simplifyProperty,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
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
		},
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const given = validateInput(this, filters, this.getNodeParameter('filters', itemIndex, {}), itemIndex);
		const includeTeams = this.getNodeParameter('includeTeams', itemIndex, true) as boolean;
		const qs: IDataObject = { [HUMANLY.userFilters.includeTeams]: includeTeams };
		if (given.teamId) qs[HUMANLY.userFilters.teamId] = given.teamId;
		// The list has no documented paging: one request, Limit applied here.
		const users = await humanlyArray.call(
			this,
			{ method: 'GET', path: HUMANLY.paths.users, qs },
			HUMANLY.listFields.users,
			itemIndex,
		);
		const limit = requestedLimit(this, itemIndex);
		const wanted = limit === undefined ? users : users.slice(0, limit);
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		return simplify ? wanted.map(simplifyUser) : wanted;
	}),
};
