import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { getManyOperation } from '../../shared/getMany';
import type { Operation } from '../../shared/operation';
import { failInput } from '../../shared/validate';
import { qhubId } from '../schemas';
import { qhubList } from '../transport';

/** n8n's date pickers give ISO strings without a zone, expressions may give Luxon dates: send ISO 8601 UTC. */
const isoDate = z.preprocess(
	(value) => {
		if (value === undefined || value === null || value === '') return undefined;
		const text = String(value);
		if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
		const parsed = Date.parse(text);
		return Number.isNaN(parsed) ? text : new Date(parsed).toISOString();
	},
	z.string().datetime({ offset: true }).or(z.string().date()).optional(),
);

/** Form entries and process entries are read the same way: one list, filtered by its parent and dates. */
export function entryListOperation(entry: { noun: string; path: string; parent: 'Form' | 'Process' }): Operation {
	const parentFilter = `${entry.parent.toLowerCase()}Id`;
	return getManyOperation({
		noun: entry.noun,
		narrowing: `optionally filtered by ${entry.parent.toLowerCase()} ID and a date range`,
		filters: {
			properties: [
				{
					displayName: `${entry.parent} ID`,
					name: parentFilter,
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
			schema: z.object({
				[parentFilter]: z.preprocess((value) => (value === '' ? undefined : value), qhubId(entry.parent).optional()),
				from: isoDate,
				to: isoDate,
			}),
		},
		async list(this: IExecuteFunctions, query: IDataObject, limit, itemIndex) {
			if (query.from && query.to && Date.parse(String(query.from)) > Date.parse(String(query.to))) {
				failInput(this, 'Invalid date range: From is after To', itemIndex, 'Swap the two dates, or clear one of them.');
			}
			return await qhubList.call(this, entry.path, query, limit, itemIndex);
		},
	});
}
