import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { vendorContextOf } from './errors';
import { readRequestOptions } from './transport/requestOptions';

/** One operation: its entry in the Operation dropdown, its fields, and how it turns input items into output items. */
export interface Operation {
	/** The Operation dropdown entry; `action` is also what an AI agent reads as the tool's description. */
	menuEntry: { name: string; action: string; description: string };
	/** Fields of this operation only: nodeProperties() adds the resource/operation display conditions. */
	properties: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

export interface Resource {
	name: string;
	operations: Record<string, Operation>;
}

export type Resources = Record<string, Resource>;

/** Picks the operation the node is set to and runs it over the input items. */
export async function route(
	this: IExecuteFunctions,
	resources: Resources,
): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const selected = resources[resource]?.operations[operation];
	if (!selected) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return [await selected.execute.call(this, this.getInputData())];
}

/** The error item n8n shows under "continue on fail": the message plus the vendor's code, request id and details. */
export function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const vendor = vendorContextOf(error);
	const { message, description } = error as { message?: string; description?: string | null };
	const json: IDataObject = { error: message ?? String(error) };
	if (description) json.description = description;
	if (vendor)
		Object.assign(json, {
			httpCode: vendor.httpCode,
			code: vendor.code,
			requestId: vendor.requestId,
			details: vendor.details,
		});
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

type ItemRun = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

/**
 * Calls `run` for every index from 0 to count - 1 with at most `limit` calls in flight, and stops
 * starting new ones once `stop()` says so. Resolves when every started call has settled.
 */
export async function forEachIndex(
	count: number,
	limit: number,
	run: (index: number) => Promise<void>,
	stop: () => boolean = () => false,
) {
	let next = 0;
	const worker = async () => {
		while (next < count && !stop()) await run(next++);
	};
	await Promise.all(
		Array.from({ length: Math.max(1, Math.min(count, Math.floor(limit) || 1)) }, worker),
	);
}

/** How many reads of one node run may be in flight at once: its "Concurrent Reads" option, or the vendor's default. */
export function concurrentReads(defaultReads: number): (context: IExecuteFunctions) => number {
	return (context) => {
		const value = readRequestOptions(context)?.concurrentReads ?? defaultReads;
		return Number.isInteger(value) && value >= 1 ? value : defaultReads;
	};
}

/**
 * Runs a per-item operation over every item: pairs each output with its input and, under "continue
 * on fail", turns a failed item into an error item instead of stopping the others.
 *
 * `concurrency` (a function of the run, read once) lets reads overlap: at most that many items are
 * in flight, the output keeps the input order, and without "continue on fail" the node fails with
 * the error of the first failed item once the items already started have settled.
 */
export function eachItem(
	run: ItemRun,
	concurrency: (context: IExecuteFunctions) => number = () => 1,
): Operation['execute'] {
	return async function (this: IExecuteFunctions, items: INodeExecutionData[]) {
		const continueOnFail = this.continueOnFail();
		const outputs: INodeExecutionData[][] = new Array(items.length);
		let firstFailure: { itemIndex: number; error: unknown } | undefined;
		await forEachIndex(
			items.length,
			concurrency(this),
			async (itemIndex) => {
				try {
					const result = await run.call(this, itemIndex);
					outputs[itemIndex] = (Array.isArray(result) ? result : [result]).map((json) => ({
						json,
						pairedItem: { item: itemIndex },
					}));
				} catch (error) {
					if (continueOnFail) outputs[itemIndex] = [errorItem(error, itemIndex)];
					else if (firstFailure === undefined || itemIndex < firstFailure.itemIndex)
						firstFailure = { itemIndex, error };
				}
			},
			() => !continueOnFail && firstFailure !== undefined,
		);
		if (firstFailure) throw forItem(firstFailure.error, this, firstFailure.itemIndex);
		return outputs.flat();
	};
}
