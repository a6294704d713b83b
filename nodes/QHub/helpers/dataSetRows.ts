import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod';

import { eachGroup } from '../../shared/operation';
import { validateInput } from '../../shared/input';
import { QHUB } from '../api';

/** Where a data set's rows come from: every input item as one row (one request in all), or a JSON array per item. */
export const rowsProperties: INodeProperties[] = [
	{
		displayName: 'Rows From',
		name: 'rowsFrom',
		type: 'options',
		options: [
			{
				name: 'All Input Items (One Row Each)',
				value: 'items',
				description: 'Send every input item as one row, in a single request for the whole run',
			},
			{
				name: 'JSON Field (Per Item)',
				value: 'json',
				description: 'Each input item carries its own rows as a JSON array',
			},
		],
		default: 'items',
		description:
			'How the rows are built. One request for all items spares the API key’s small request allowance.',
	},
	{
		displayName: 'Rows',
		name: 'rows',
		type: 'json',
		default: '[]',
		displayOptions: { show: { rowsFrom: ['json'] } },
		description:
			'Array of objects, one per row, e.g. [{"employeeId": "E1", "course": "Fire safety"}]',
	},
];

/** A cell is a string, number, boolean or null: rows are flat (api.ts, `maxDataSetRows`). */
const cell = z.union([z.string(), z.number(), z.boolean(), z.null()], {
	errorMap: () => ({
		message:
			'must be a string, number, boolean or null (rows are flat: no objects or lists in a cell)',
	}),
});

const rowsSchema = z
	.array(z.record(cell, { invalid_type_error: 'each row must be an object of column: value' }), {
		invalid_type_error: 'must be a JSON array of objects',
	})
	.max(
		QHUB.maxDataSetRows,
		`must hold at most ${QHUB.maxDataSetRows} rows; split the data into several data sets`,
	);

function parseJsonRows(context: IExecuteFunctions, itemIndex: number): unknown {
	const value = context.getNodeParameter('rows', itemIndex, '[]');
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch {
		return 'not JSON';
	}
}

/**
 * Runs a data set request either once for all items (rows from items: one data set of every item,
 * paired with all of them) or once per item (rows from JSON). `send` receives the validated input
 * (its keys are Q-Hub's field names) and the item whose parameters apply.
 */
export async function runDataSetRequests(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	fieldsOf: (itemIndex: number) => IDataObject,
	send: (input: IDataObject, itemIndex: number) => Promise<IDataObject>,
	schema: z.ZodTypeAny,
): Promise<INodeExecutionData[]> {
	const rowsFrom = context.getNodeParameter('rowsFrom', 0, 'items') as string;
	const input = schema.and(z.object({ rows: rowsSchema }));
	return await eachGroup<unknown>({
		batchSize: () => (rowsFrom === 'items' ? Infinity : 1),
		// From items: the item is one row; from JSON: the item's field holds the rows.
		entryOf(itemIndex) {
			return rowsFrom === 'items' ? items[itemIndex].json : parseJsonRows(this, itemIndex);
		},
		async send(batch, report) {
			// A data set is one record made of the whole batch: its answer (or error) pairs with every item.
			const paired = batch.map(({ itemIndex }) => itemIndex);
			const [{ itemIndex }] = batch;
			const rows = rowsFrom === 'items' ? batch.map(({ entry }) => entry) : batch[0].entry;
			try {
				const body = validateInput(
					this,
					input,
					{ ...fieldsOf(itemIndex), rows },
					itemIndex,
				) as IDataObject;
				report.succeeded(paired, await send(body, itemIndex));
			} catch (error) {
				report.failed(paired, error);
			}
		},
	}).call(context, items);
}
