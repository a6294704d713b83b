import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { noteHint } from './hints';
import { eachItem, type Operation } from './operation';
import { validateInput } from './input';

const limitInput = z.object({
	limit: z
		.number({ invalid_type_error: 'must be a number' })
		.int('must be a whole number')
		.min(1, 'must be at least 1'),
});

export interface GetManySpec {
	/** Plural noun of the records, e.g. `candidates`. */
	noun: string;
	/** What narrows the list, after "Get <noun>" in the dropdown description and the tool's description. */
	narrowing?: string;
	/** Fields shown before Filters (e.g. Include Teams). */
	properties?: INodeProperties[];
	/**
	 * The Filters collection: each field named after the API's query parameter, and the schema that
	 * checks them. The schema's output is the query as sent (keys are the API's names).
	 */
	filters?: {
		properties: INodeProperties[];
		schema: z.ZodType<IDataObject, z.ZodTypeDef, unknown>;
	};
	/** The fields most workflows need, offered as "Simplify" (on by default). */
	simplify?: (record: IDataObject) => IDataObject;
	/** Reads the records: up to `limit` (undefined: all), paging as the vendor's api.ts says. */
	list(
		this: IExecuteFunctions,
		query: IDataObject,
		limit: number | undefined,
		itemIndex: number,
	): Promise<IDataObject[]>;
}

/**
 * Every Get Many of every vendor: Return All or Limit (n8n's pair), an optional Filters collection
 * checked before sending, optional Simplify, one output item per record.
 */
export function getManyOperation(spec: GetManySpec): Operation {
	const properties: INodeProperties[] = [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
		...(spec.properties ?? []),
	];
	if (spec.simplify) {
		properties.push({
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description: 'Whether to return a simplified version of the response instead of the raw data',
		});
	}
	if (spec.filters) {
		properties.push({
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: spec.filters.properties,
		});
	}
	const narrowing = spec.narrowing ? `, ${spec.narrowing}` : '';
	return {
		menuEntry: {
			name: 'Get Many',
			action: `Get many ${spec.noun}`,
			description: `Get ${spec.noun}${narrowing}, one item each`,
			toolDescription:
				`Get many ${spec.noun}${narrowing}. Returns one item per record, the first 50 (Limit) ` +
				`unless Return All is on${spec.simplify ? ', with the fields most workflows need unless Simplify is off' : ''}. ` +
				'Fails before sending when a filter or Limit is invalid.',
		},
		properties,
		execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
			const query: IDataObject = {};
			if (spec.filters) {
				const given = validateInput(
					this,
					spec.filters.schema,
					this.getNodeParameter('filters', itemIndex, {}),
					itemIndex,
				);
				for (const [name, value] of Object.entries(given))
					if (value !== undefined) query[name] = value;
			}
			const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
			const limit = returnAll
				? undefined
				: validateInput(
						this,
						limitInput,
						{ limit: this.getNodeParameter('limit', itemIndex, 50) },
						itemIndex,
					).limit;
			// Lists without paging return everything: Limit is applied here as well.
			const records = (await spec.list.call(this, query, limit, itemIndex)).slice(0, limit);
			if (limit !== undefined && records.length === limit)
				noteHint(this, 'limit', {
					message: `Stopped at Limit (${limit} ${spec.noun}); there may be more. Turn on Return All, or raise Limit, to get them.`,
					type: 'info',
					location: 'outputPane',
				});
			const simplify =
				spec.simplify && (this.getNodeParameter('simplify', itemIndex, true) as boolean);
			return simplify ? records.map(spec.simplify!) : records;
		}),
	};
}
