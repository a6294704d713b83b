import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { vendorContextOf } from '../../shared/errors';
import { eachGroup, type Operation } from '../../shared/operation';
import { expectShape } from '../../shared/answer';
import { HUMANLY } from '../api';
import { humanlyRequest } from '../transport';

export interface BulkCreate {
	/** What is created: the records go to `paths.<list>` under the body key `<list>` (api.ts). */
	list: 'users' | 'teams';
	/** The validated entry of one input item (its keys are Humanly's field names); throws when the item is invalid. */
	entryOf(this: IExecuteFunctions, itemIndex: number): IDataObject;
}

/** The node-wide batch size (Options > Batch Size), checked once: it shapes every request. */
function batchSizeOf(context: IExecuteFunctions): number {
	const value = context.getNodeParameter('options.batchSize', 0, HUMANLY.maxBatchSize) as unknown;
	const size = Number(value);
	if (!Number.isInteger(size) || size < 1 || size > HUMANLY.maxBatchSize) {
		throw new NodeOperationError(
			context.getNode(),
			`Invalid Batch Size: ${String(value)} must be a whole number from 1 to ${HUMANLY.maxBatchSize}`,
			{
				description: `Humanly accepts at most ${HUMANLY.maxBatchSize} records per request. Nothing was sent.`,
			},
		);
	}
	return size;
}

/**
 * Which entry of the request a refusal names, if any: a 4xx answer (the request was not processed)
 * whose `details.field` points into the list, like `users[3].email`.
 */
function refusedEntry(error: unknown, batchLength: number): number | undefined {
	const vendor = vendorContextOf(error);
	const status = Number(vendor?.httpCode);
	if (!vendor || !(status >= 400 && status < 500)) return undefined;
	const details = Array.isArray(vendor.details) ? vendor.details[0] : vendor.details;
	const field = (details as { field?: unknown } | null | undefined)?.field;
	if (typeof field !== 'string') return undefined;
	const match = HUMANLY.batchErrorField.exec(field);
	if (!match) return undefined;
	const index = Number(match[1]);
	return index < batchLength ? index : undefined;
}

/** Points a refusal at the input item it was about, and says so in words. */
function attachToItem(error: unknown, itemIndex: number, entry: number, listKey: string): void {
	const target = error as { context?: { itemIndex?: number }; description?: string | null };
	if (target.context) target.context.itemIndex = itemIndex;
	const note = `Humanly refused entry ${listKey}[${entry}] of a bulk request: that is input item ${itemIndex}. The other entries of the request were sent again without it.`;
	target.description = target.description ? `${note} ${target.description}` : note;
}

/**
 * Creates one record per input item in bulk requests of up to Batch Size entries. Each created
 * record comes back paired with the input item it came from (the answer lists them in request
 * order). Items that fail validation never enter a batch. A refusal that names one entry fails
 * that item only and the rest of its batch is sent again (a refused request was not processed); a
 * refusal that names no entry fails every item of the batch. Without "continue on fail" the first
 * failure stops the node, and the batches already sent stay created.
 */
export function bulkCreate(spec: BulkCreate): Operation['execute'] {
	const listKey = spec.list;
	const path = HUMANLY.paths[listKey];
	const answer = z
		.object({ data: z.object({ [listKey]: z.array(z.record(z.unknown())) }).passthrough() })
		.passthrough();

	return eachGroup<IDataObject>({
		batchSize() {
			return batchSizeOf(this);
		},
		entryOf: spec.entryOf,
		async send(sent, report) {
			let batch = sent;
			// Each refusal that names an entry removes it, so this ends after at most batch.length tries.
			while (batch.length > 0) {
				const firstItem = batch[0].itemIndex;
				let created: IDataObject[];
				try {
					const body = await humanlyRequest.call(
						this,
						{ method: 'POST', path, body: { [listKey]: batch.map(({ entry }) => entry) } },
						firstItem,
					);
					created = expectShape(this, answer, body, `POST ${path}`, firstItem).data[
						listKey
					] as IDataObject[];
					if (created.length !== batch.length) {
						throw new NodeOperationError(
							this.getNode(),
							`Unexpected response shape for POST ${path}: ${batch.length} ${listKey} were sent but ${created.length} came back`,
							{
								itemIndex: firstItem,
								description: `The created ${listKey} cannot be matched to their input items. Check in Humanly which of them exist before running these items again.`,
							},
						);
					}
				} catch (error) {
					const entry = refusedEntry(error, batch.length);
					if (entry === undefined) {
						for (const { itemIndex } of batch) report.failed(itemIndex, error);
						return;
					}
					const { itemIndex } = batch[entry];
					attachToItem(error, itemIndex, entry, listKey);
					report.failed(itemIndex, error);
					batch = batch.filter((_, position) => position !== entry);
					continue;
				}
				batch.forEach(({ itemIndex }, position) => report.succeeded(itemIndex, created[position]));
				return;
			}
		},
	});
}
