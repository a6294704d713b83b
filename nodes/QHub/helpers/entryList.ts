import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { getManyOperation } from '../../shared/getMany';
import type { Operation } from '../../shared/operation';
import { blankToUndefined, failInput, optional } from '../../shared/input';
import { QHUB } from '../api';
import { qhubId } from '../input';
import { qhubList } from '../transport';

/** Form entries and process entries are read the same way: one list, filtered by its parent and dates. */
export interface EntryKind {
	noun: string;
	path: string;
	parent: 'Form' | 'Process';
	/** The query parameter that narrows the list to one parent, and where the parents are listed. */
	parentFilter: 'formId' | 'processId';
	parentsPath: string;
	/** The field that dates an entry; lists are sorted by it (api.ts). */
	timeField: string;
}

export const ENTRY_KINDS: Record<'formEntry' | 'processEntry', EntryKind> = {
	formEntry: {
		noun: 'form entries',
		path: QHUB.paths.formEntries,
		parent: 'Form',
		parentFilter: 'formId',
		parentsPath: QHUB.paths.forms,
		timeField: QHUB.entryTimeField.formEntries,
	},
	processEntry: {
		noun: 'process entries',
		path: QHUB.paths.processEntries,
		parent: 'Process',
		parentFilter: 'processId',
		parentsPath: QHUB.paths.processes,
		timeField: QHUB.entryTimeField.processEntries,
	},
};

/** n8n's date pickers give ISO strings without a zone, expressions may give Luxon dates: send ISO 8601 UTC. */
const isoDate = z.preprocess(
	(value) => {
		if (blankToUndefined(value) === undefined) return undefined;
		const text = String(value);
		if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
		const parsed = Date.parse(text);
		return Number.isNaN(parsed) ? text : new Date(parsed).toISOString();
	},
	z.string().datetime({ offset: true }).or(z.string().date()).optional(),
);

export const optionalParentId = (kind: EntryKind) => optional(qhubId(kind.parent));

export function entryListOperation(kind: EntryKind): Operation {
	return getManyOperation({
		noun: kind.noun,
		narrowing: `optionally filtered by ${kind.parent.toLowerCase()} ID and a date range`,
		filters: {
			properties: [
				{
					displayName: `${kind.parent} ID`,
					name: kind.parentFilter,
					type: 'string',
					default: '',
					description: `Only entries of this ${kind.parent.toLowerCase()}`,
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
					description:
						'Only entries on or before this moment (a date alone includes the whole day)',
				},
			],
			schema: z.object({ [kind.parentFilter]: optionalParentId(kind), from: isoDate, to: isoDate }),
		},
		async list(this: IExecuteFunctions, query: IDataObject, limit, itemIndex) {
			if (query.from && query.to && Date.parse(String(query.from)) > Date.parse(String(query.to))) {
				failInput(
					this,
					'Invalid date range: From is after To',
					itemIndex,
					'Swap the two dates, or clear one of them.',
				);
			}
			return await qhubList.call(this, kind.path, query, limit, itemIndex);
		},
	});
}
