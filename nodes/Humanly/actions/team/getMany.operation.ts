import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { requestedLimit, returnAllOrLimit } from '../../../shared/descriptions';
import { eachItem, type Operation } from '../../../shared/router';
import { validateInput } from '../../../shared/validate';
import { HUMANLY } from '../../api';
import { optionalId } from '../../schemas';
import { humanlyArray } from '../../transport';

const filters = z.object({ userId: optionalId('User') });

export const getManyTeams: Operation = {
	option: {
		name: 'Get Many',
		action: 'Get many teams',
		description: 'List the teams of your organization, optionally only those of one user',
	},
	description: [
		...returnAllOrLimit({ show: {} }),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
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
		},
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const given = validateInput(this, filters, this.getNodeParameter('filters', itemIndex, {}), itemIndex);
		const qs: IDataObject = {};
		if (given.userId) qs[HUMANLY.teamFilters.userId] = given.userId;
		// The list has no documented paging: one request, Limit applied here.
		const teams = await humanlyArray.call(
			this,
			{ method: 'GET', path: HUMANLY.paths.teams, qs },
			HUMANLY.listFields.teams,
			itemIndex,
		);
		const limit = requestedLimit(this, itemIndex);
		return limit === undefined ? teams : teams.slice(0, limit);
	}),
};
