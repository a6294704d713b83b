import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { vendorContextOf } from './errors';

/** One operation: its entry in the Operation dropdown, its fields, and how it turns input items into output items. */
export interface Operation {
	option: { name: string; action: string; description: string };
	/** Fields of this operation only: the router adds the resource/operation display conditions. */
	description: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

export interface Resource {
	name: string;
	operations: Record<string, Operation>;
}

export type Resources = Record<string, Resource>;

function showFor(property: INodeProperties, resource: string, operation: string): INodeProperties {
	const show = { ...property.displayOptions?.show, resource: [resource], operation: [operation] };
	return { ...property, displayOptions: { ...property.displayOptions, show } };
}

/** The Resource and Operation dropdowns and every operation's fields, shown only for that operation. */
export function nodeProperties(resources: Resources): INodeProperties[] {
	const resourceKeys = Object.keys(resources);
	const firstResource = resourceKeys[0];
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resourceKeys.map((value) => ({ name: resources[value].name, value })),
			default: firstResource,
		},
	];
	for (const [resource, { operations }] of Object.entries(resources)) {
		const operationKeys = Object.keys(operations);
		const firstOperation = operationKeys[0];
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: operationKeys.map((value) => ({ ...operations[value].option, value })),
			default: firstOperation,
		});
	}
	for (const [resource, { operations }] of Object.entries(resources)) {
		for (const [operation, { description }] of Object.entries(operations)) {
			properties.push(...description.map((property) => showFor(property, resource, operation)));
		}
	}
	return properties;
}

/** Picks the operation the node is set to and runs it over the input items. */
export async function route(this: IExecuteFunctions, resources: Resources): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const selected = resources[resource]?.operations[operation];
	if (!selected) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return [await selected.execute.call(this, this.getInputData())];
}

/** The error item n8n shows under "continue on fail": the message plus the vendor's code, request id and details. */
export function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const vendor = vendorContextOf(error);
	const { message, description } = error as { message?: string; description?: string | null };
	const json: IDataObject = { error: message ?? String(error) };
	if (description) json.description = description;
	if (vendor) Object.assign(json, { httpCode: vendor.httpCode, code: vendor.code, requestId: vendor.requestId, details: vendor.details });
	return { json, pairedItem: { item: itemIndex } };
}

/** Makes sure an error thrown for one item says which item it was. */
export function forItem(error: unknown, context: IExecuteFunctions, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/**
 * Runs a per-item operation over every item: pairs each output with its input and, under "continue
 * on fail", turns a failed item into an error item instead of stopping the others.
 */
export function eachItem(
	run: (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Operation['execute'] {
	return async function (this: IExecuteFunctions, items: INodeExecutionData[]) {
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const result = await run.call(this, itemIndex);
				for (const json of Array.isArray(result) ? result : [result]) {
					output.push({ json, pairedItem: { item: itemIndex } });
				}
			} catch (error) {
				if (!this.continueOnFail()) throw forItem(error, this, itemIndex);
				output.push(errorItem(error, itemIndex));
			}
		}
		return output;
	};
}
