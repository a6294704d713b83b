import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { requestedLimit, returnAllOrLimit } from '../../shared/descriptions';
import { eachItem, type Operation } from '../../shared/router';
import { failInput, validateInput } from '../../shared/validate';
import { QHUB } from '../api';
import { qhubId } from '../schemas';
import { qhubList } from '../transport';

/** Form entries and process entries are read the same way: one list, filtered by its parent and dates. */
export function entryListOperation(entry: {
	noun: string;
	path: string;
	parent: 'Form' | 'Process';
	parentFilter: string;
}): Operation {
	const parentParam = `${entry.parent.toLowerCase()}Id`;
	const filters = z.object({
		[parentParam]: z.preprocess((value) => (value === '' ? undefined : value), qhubId(entry.parent).optional()),
		from: z.preprocess((value) => (value === '' ? undefined : value), z.string().datetime({ offset: true }).or(z.string().date()).optional()),
		to: z.preprocess((value) => (value === '' ? undefined : value), z.string().datetime({ offset: true }).or(z.string().date()).optional()),
	});
	return {
		option: {
			name: 'Get Many',
			action: `Get many ${entry.noun}`,
			description: `Get ${entry.noun}, optionally for one ${entry.parent.toLowerCase()} and a date range`,
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
						displayName: `${entry.parent} ID`,
						name: parentParam,
						type: 'string',
						default: '',
						description: `Only entries of this ${entry.parent.toLowerCase()}`,
					},
					{
						displayName: 'From',
						name: 'from',
						type: 'dateTime',
						default: '',
						description: 'Only entries on or after this moment',
					},
					{
						displayName: 'To',
						name: 'to',
						type: 'dateTime',
						default: '',
						description: 'Only entries on or before this moment (a date alone includes the whole day)',
					},
				],
			},
		],
		execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
			const raw = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			const given = validateInput(this, filters, normaliseDates(raw), itemIndex) as Record<string, string | undefined>;
			if (given.from && given.to && Date.parse(given.from) > Date.parse(given.to)) {
				failInput(this, 'Invalid date range: From is after To', itemIndex, 'Swap the two dates, or clear one of them.');
			}
			const qs: IDataObject = {};
			if (given[parentParam]) qs[entry.parentFilter] = given[parentParam];
			if (given.from) qs[QHUB.entryFilters.from] = given.from;
			if (given.to) qs[QHUB.entryFilters.to] = given.to;
			return await qhubList.call(this, entry.path, qs, requestedLimit(this, itemIndex), itemIndex);
		}),
	};
}

/** n8n's date pickers give ISO strings without a zone, expressions may give Luxon dates: send ISO 8601 UTC. */
function normaliseDates(filters: IDataObject): IDataObject {
	const result: IDataObject = { ...filters };
	for (const key of ['from', 'to']) {
		const value = filters[key];
		if (value === undefined || value === '') continue;
		const text = String(value);
		if (/^\d{4}-\d{2}-\d{2}$/.test(text)) continue;
		const parsed = Date.parse(text);
		result[key] = Number.isNaN(parsed) ? text : new Date(parsed).toISOString();
	}
	return result;
}
