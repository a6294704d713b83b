import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { requestedLimit, returnAllOrLimit } from '../../../shared/descriptions';
import { eachItem, type Operation } from '../../../shared/router';
import { optionalText } from '../../../shared/schemas';
import { validateInput } from '../../../shared/validate';
import { HUMANLY } from '../../api';
import { optionalBoolean } from '../../schemas';
import { humanlyPagedList, lists } from '../../transport';

const filters = z.object({
	search: optionalText(200),
	externalId: optionalText(200),
	archived: optionalBoolean,
});

export const getManyCandidates: Operation = {
	option: {
		name: 'Get Many',
		action: 'Get many candidates',
		description: 'List candidates, optionally by name or email, external ID or archived state',
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
					displayName: 'Archived',
					name: 'archived',
					type: 'boolean',
					default: false,
					description: 'Whether to return only archived candidates (on) or only active ones (off). Leave the filter out for both.',
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
		},
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const given = validateInput(this, filters, this.getNodeParameter('filters', itemIndex, {}), itemIndex);
		const qs: IDataObject = {};
		if (given.search !== undefined) qs[HUMANLY.candidateFilters.search] = given.search;
		if (given.externalId !== undefined) qs[HUMANLY.candidateFilters.externalId] = given.externalId;
		if (given.archived !== undefined) qs[HUMANLY.candidateFilters.archived] = given.archived;
		return await humanlyPagedList.call(this, lists.candidates, qs, requestedLimit(this, itemIndex), itemIndex);
	}),
};
