import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { requestedLimit, returnAllOrLimit } from '../../../shared/descriptions';
import { eachItem, type Operation } from '../../../shared/router';
import { validateInput } from '../../../shared/validate';
import { HUMANLY } from '../../api';
import { optionalBoolean, optionalOneOf } from '../../schemas';
import { humanlyPagedList, lists } from '../../transport';

const filters = z.object({
	interviewType: optionalOneOf(HUMANLY.interviewTypes),
	status: optionalOneOf(HUMANLY.interviewStatuses),
	archived: optionalBoolean,
});

const titleCase = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

export const getManyInterviews: Operation = {
	option: {
		name: 'Get Many',
		action: 'Get many interviews',
		description: 'List interviews, optionally by type, status or archived state',
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
					description: 'Whether to return only archived interviews (on) or only active ones (off). Leave the filter out for both.',
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
		},
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const given = validateInput(this, filters, this.getNodeParameter('filters', itemIndex, {}), itemIndex);
		const qs: IDataObject = {};
		if (given.interviewType !== undefined) qs[HUMANLY.interviewFilters.interviewType] = given.interviewType;
		if (given.status !== undefined) qs[HUMANLY.interviewFilters.status] = given.status;
		if (given.archived !== undefined) qs[HUMANLY.interviewFilters.archived] = given.archived;
		return await humanlyPagedList.call(this, lists.interviews, qs, requestedLimit(this, itemIndex), itemIndex);
	}),
};
