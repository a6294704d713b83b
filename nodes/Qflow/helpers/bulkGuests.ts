import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod';

import { vendorContextOf } from '../../shared/errors';
import type { BatchEntry, BatchReport } from '../../shared/operation';
import { QFLOW } from '../api';

/** Options > Batch Size of the bulk guest operations: at most the documented 200 per call. */
export const batchSizeOption: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: QFLOW.bulkMaxRecords },
			// QFLOW.bulkMaxRecords: n8n's lint wants the default written out.
			default: 200,
			description: `Guests per request, at most ${QFLOW.bulkMaxRecords} (Qflow refuses more)`,
		},
	],
};

/** The node-wide batch size, checked once: it shapes every request. */
export function batchSizeOf(context: IExecuteFunctions): number {
	const value = context.getNodeParameter('options.batchSize', 0, QFLOW.bulkMaxRecords) as unknown;
	const size = Number(value);
	if (!Number.isInteger(size) || size < 1 || size > QFLOW.bulkMaxRecords)
		throw new NodeOperationError(
			context.getNode(),
			`Invalid Batch Size: ${String(value)} must be a whole number from 1 to ${QFLOW.bulkMaxRecords}`,
			{ description: 'Set Options > Batch Size within the range. Nothing was sent.' },
		);
	return size;
}

/** The entries of a batch, by event in input order: one request per event. */
export function byEvent<Entry extends { eventId: string }>(
	batch: Array<BatchEntry<Entry>>,
): Array<Array<BatchEntry<Entry>>> {
	const groups = new Map<string, Array<BatchEntry<Entry>>>();
	for (const entry of batch) {
		const group = groups.get(entry.entry.eventId) ?? [];
		group.push(entry);
		groups.set(entry.entry.eventId, group);
	}
	return [...groups.values()];
}

/**
 * The position a 400 names when Qflow refuses one record of a bulk body (`[3].firstName …`
 * [assumed]), or undefined when the refusal names none.
 */
export function refusedPosition(error: unknown, size: number): number | undefined {
	const vendor = vendorContextOf(error);
	if (vendor?.httpCode !== '400') return undefined;
	const match = /^\[(\d+)\]/.exec(
		(error as { message?: string }).message?.replace(/^Qflow: /, '') ?? '',
	);
	const position = match ? Number(match[1]) : undefined;
	return position !== undefined && position < size ? position : undefined;
}

/**
 * Sends one event's share of a batch; a refusal that names a record fails its item alone and the
 * rest is sent again (safe: every record carries its GUID), so it ends after at most group.length tries.
 */
export async function sendNaming<Entry>(
	group: Array<BatchEntry<Entry>>,
	report: BatchReport,
	send: (entries: Array<BatchEntry<Entry>>) => Promise<IDataObject[]>,
): Promise<void> {
	let rest = group;
	while (rest.length > 0) {
		try {
			const answers = await send(rest);
			rest.forEach(({ itemIndex }, position) => report.succeeded(itemIndex, answers[position]));
			return;
		} catch (error) {
			const position = refusedPosition(error, rest.length);
			if (position === undefined) {
				// A refusal that names no record fails every item still waiting.
				for (const { itemIndex } of rest) report.failed(itemIndex, error);
				return;
			}
			report.failed(rest[position].itemIndex, error);
			rest = rest.filter((_, index) => index !== position);
		}
	}
}

export const guestList = z.array(z.object({ id: z.string().min(1) }).passthrough());
