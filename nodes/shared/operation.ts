import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { vendorContextOf } from './errors';
import { noteHint, takeHints } from './hints';
import { readRequestOptions } from './transport/requestOptions';

/** One operation: its entry in the Operation dropdown, its fields, and how it turns input items into output items. */
export interface Operation {
	/**
	 * What n8n shows of the operation. `name`, `action` and `description` make its Operation dropdown
	 * entry; n8n names a new node after `action` and lists it in the node panel, so it is short, as
	 * n8n's own ("Create a user"). `toolDescription` is what an AI agent reads when the node is a
	 * tool: what the operation does, what it returns, what fails (nodeProperties() makes it the
	 * default of the tool's Tool Description field).
	 */
	menuEntry: { name: string; action: string; description: string; toolDescription: string };
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
	const items = this.getInputData();
	const output = await selected.execute.call(this, items);
	const failed = output.filter((item) => errorItems.has(item.json)).length;
	if (failed > 0)
		noteHint(this, 'failed', {
			message: `${failed} of ${items.length} items failed and were skipped: each is an error item in the output, with the reason (On Error: Continue).`,
			type: 'warning',
			location: 'outputPane',
		});
	const hints = takeHints(this);
	if (hints.length > 0) this.addExecutionHints(...hints);
	return [output];
}

/** The `json` of every error item made in this process: route() counts them for its hint. */
const errorItems = new WeakSet<IDataObject>();

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
	errorItems.add(json);
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

/** One valid input item of a batch: its index and the entry read from it. */
export interface BatchEntry<Entry> {
	itemIndex: number;
	entry: Entry;
}

/** How a batch's request tells each of its items how it went. */
export interface BatchReport {
	/**
	 * The output of one item, or, when the batch is answered as a whole (one record made of several
	 * items), one output paired with each of `items`.
	 */
	succeeded(items: number | number[], json: IDataObject | IDataObject[]): void;
	/** The failure of one item, or of several answered as a whole; without "continue on fail" it stops the node. */
	failed(items: number | number[], error: unknown): void;
}

export interface GroupSpec<Entry> {
	/**
	 * How many entries one request carries (Infinity: all items in one request). Read once; a throw
	 * (an invalid Batch Size option) fails every item before anything is sent.
	 */
	batchSize(this: IExecuteFunctions): number;
	/** The checked entry of one item; an item that throws fails alone, before any request, and joins no batch. */
	entryOf(this: IExecuteFunctions, itemIndex: number): Entry;
	/**
	 * Sends one batch and reports every item of it. A throw fails each item it has not reported yet
	 * with that error.
	 */
	send(
		this: IExecuteFunctions,
		batch: Array<BatchEntry<Entry>>,
		report: BatchReport,
	): Promise<void>;
}

/**
 * Runs an operation whose requests carry several items (bulk creates, rows of a data set): items →
 * entries checked one by one → batches of up to batchSize, sent in input order → each item's result
 * or error. Output follows the input order, each item paired with the input it came from; under
 * "continue on fail" a failed item becomes an error item, else the first failure stops the node
 * (batches already sent stay sent).
 */
export function eachGroup<Entry>(spec: GroupSpec<Entry>): Operation['execute'] {
	return async function (this: IExecuteFunctions, items: INodeExecutionData[]) {
		const continueOnFail = this.continueOnFail();
		let batchSize: number;
		try {
			batchSize = spec.batchSize.call(this);
		} catch (error) {
			// n8n passes the input through unchanged when a node throws under "continue on fail": each
			// item carries the refusal instead, so none is taken for done.
			if (!continueOnFail)
				throw error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error);
			return items.map((_, itemIndex) => errorItem(error, itemIndex));
		}

		const outputs: INodeExecutionData[][] = items.map(() => []);
		const reported = new Set<number>();
		const indexesOf = (given: number | number[]) => (Array.isArray(given) ? given : [given]);
		const pairing = (given: number | number[]) =>
			Array.isArray(given) ? given.map((item) => ({ item })) : { item: given };
		const report: BatchReport = {
			succeeded: (given, json) => {
				const indexes = indexesOf(given);
				indexes.forEach((itemIndex) => reported.add(itemIndex));
				outputs[Math.min(...indexes)] = (Array.isArray(json) ? json : [json]).map((record) => ({
					json: record,
					pairedItem: pairing(given),
				}));
			},
			failed: (given, error) => {
				const indexes = indexesOf(given);
				const first = Math.min(...indexes);
				if (!continueOnFail) throw forItem(error, this, first);
				indexes.forEach((itemIndex) => reported.add(itemIndex));
				outputs[first] = [{ ...errorItem(error, first), pairedItem: pairing(given) }];
			},
		};

		const valid: Array<BatchEntry<Entry>> = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				valid.push({ itemIndex, entry: spec.entryOf.call(this, itemIndex) });
			} catch (error) {
				report.failed(itemIndex, error);
			}
		}
		const size = Math.max(1, batchSize);
		for (let start = 0; start < valid.length; start += size) {
			const batch = valid.slice(start, start + size);
			try {
				await spec.send.call(this, batch, report);
			} catch (error) {
				const unreported = batch.filter(({ itemIndex }) => !reported.has(itemIndex));
				if (!continueOnFail) throw forItem(error, this, (unreported[0] ?? batch[0]).itemIndex);
				for (const { itemIndex } of unreported) report.failed(itemIndex, error);
			}
		}
		return outputs.flat();
	};
}
