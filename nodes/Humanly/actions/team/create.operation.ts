import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/operation';
import { optionalText, requiredText, validateInput } from '../../../shared/input';
import { HUMANLY } from '../../api';
import { bulkOptionsProperty } from '../../fields';
import { optionalIdList } from '../../input';
import { bulkCreate } from '../../helpers/bulkCreate';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		description: 'Unique name of the team in your organization',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Display Name',
				name: 'displayName',
				type: 'string',
				default: '',
				description: 'Name shown to candidates and users; the Name when left empty',
			},
			{
				displayName: 'User Names or IDs',
				name: 'userIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getUsers' },
				default: [],
				description:
					'Users to add to the team (an expression may give an array or comma-separated IDs). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
	bulkOptionsProperty('teams'),
];

const input = z.object({
	name: requiredText('Name', 200),
	displayName: optionalText(200),
	description: optionalText(1000),
	userIds: optionalIdList('User'),
});

export const createTeam: Operation = {
	menuEntry: {
		name: 'Create',
		action: 'Create teams',
		description: 'Create teams in bulk, one per input item',
		toolDescription:
			'Create Humanly teams in bulk, one per input item, each with a name and optional display name, description and member user IDs. Returns one item per created team. Fails when Humanly refuses a field, e.g. a name another team has.',
	},
	properties,
	execute: bulkCreate({
		list: 'teams',
		entryOf(this: IExecuteFunctions, itemIndex: number) {
			const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
			const team = validateInput(
				this,
				input,
				{
					name: this.getNodeParameter('name', itemIndex),
					displayName: additional.displayName,
					description: additional.description,
					userIds: additional.userIds,
				},
				itemIndex,
			);
			return {
				...team,
				displayName:
					team.displayName ?? (HUMANLY.teamDisplayNameDefaultsToName ? team.name : undefined),
				userIds: team.userIds.length > 0 ? team.userIds : undefined,
			};
		},
	}),
};
