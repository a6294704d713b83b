import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod';

import { errorItem, forItem } from '../../shared/operation';
import { validateInput } from '../../shared/validate';
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
 * Runs a data set request either once for all items (rows from items) or once per item (rows from
 * JSON). `send` receives the validated input (its keys are Q-Hub's field names) and the item whose
 * parameters apply.
 */
export async function runDataSetRequests(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	fieldsOf: (itemIndex: number) => IDataObject,
	send: (input: IDataObject, itemIndex: number) => Promise<IDataObject>,
	schema: z.ZodTypeAny,
): Promise<INodeExecutionData[]> {
	const rowsFrom = context.getNodeParameter('rowsFrom', 0, 'items') as string;
	const groups =
		rowsFrom === 'items'
			? [
					{
						itemIndex: 0,
						paired: items.map((_, item) => ({ item })),
						rows: items.map((item) => item.json),
					},
				]
			: items.map((_, itemIndex) => ({
					itemIndex,
					paired: [{ item: itemIndex }],
					rows: undefined,
				}));

	const output: INodeExecutionData[] = [];
	for (const group of groups) {
		try {
			const rows = group.rows ?? parseJsonRows(context, group.itemIndex);
			const input = validateInput(
				context,
				schema.and(z.object({ rows: rowsSchema })),
				{ ...fieldsOf(group.itemIndex), rows },
				group.itemIndex,
			) as IDataObject;
			output.push({ json: await send(input, group.itemIndex), pairedItem: group.paired });
		} catch (error) {
			if (!context.continueOnFail()) throw forItem(error, context, group.itemIndex);
			output.push({ ...errorItem(error, group.itemIndex), pairedItem: group.paired });
		}
	}
	return output;
}
