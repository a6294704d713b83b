import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { eachGroup, type Operation } from '../../shared/operation';
import { optionalText, requiredText, validateInput } from '../../shared/input';
import { expectShape } from '../../shared/answer';
import { QFLOW } from '../api';
import { qflowRequest } from '../transport';
import { batchSizeOf, batchSizeOption, byEvent, guestList } from './bulkGuests';
import { checkinPath, eventLocator, guid, readEventId } from './checkin';

interface BlockEntry {
	eventId: string;
	by: 'id' | 'barcode';
	value: string;
	reason?: string;
}

/**
 * Block or Unblock: items batched up to 200 per request by event, each guest given by ID or
 * barcode ([assumed] path and body in api.ts); a guest the event does not have fails its item.
 */
export function blockOperation(blocked: boolean, menuEntry: Operation['menuEntry']): Operation {
	const verb = blocked ? 'block' : 'unblock';
	const properties: INodeProperties[] = [
		eventLocator(`The event whose guest to ${verb}`),
		{
			displayName: 'Guest By',
			name: 'guestBy',
			type: 'options',
			options: [
				{ name: 'ID', value: 'id' },
				{ name: 'Barcode', value: 'barcode' },
			],
			default: 'id',
		},
		{
			displayName: 'Guest ID or Barcode',
			name: 'guest',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 7bc31757-5a82-4d7a-8767-bb508f6d3481',
		},
	];
	if (blocked)
		properties.push({
			displayName: 'Reason',
			name: 'reason',
			type: 'string',
			default: '',
			description: 'Shown at the door when the blocked guest is scanned',
		});
	properties.push(batchSizeOption);

	return {
		menuEntry,
		properties,
		execute: eachGroup<BlockEntry>({
			batchSize() {
				return batchSizeOf(this);
			},
			entryOf(this: IExecuteFunctions, itemIndex) {
				const eventId = readEventId(this, itemIndex);
				const by = this.getNodeParameter('guestBy', itemIndex, 'id') as 'id' | 'barcode';
				const input = validateInput(
					this,
					z.object({
						guest: by === 'id' ? guid('Guest ID') : requiredText('Barcode'),
						reason: optionalText(500),
					}),
					{
						guest: this.getNodeParameter('guest', itemIndex),
						reason: blocked ? this.getNodeParameter('reason', itemIndex, '') : undefined,
					},
					itemIndex,
				);
				return { eventId, by, value: input.guest, reason: input.reason };
			},
			async send(batch, report) {
				const fields = QFLOW.bulkBlockFields;
				for (const group of byEvent(batch)) {
					const path = checkinPath(
						(blocked ? QFLOW.checkinPaths.guestsBlock : QFLOW.checkinPaths.guestsUnblock)(
							group[0].entry.eventId,
						),
					);
					// One reason per request: items with different reasons go in requests of their own.
					const reasons = new Map<string | undefined, typeof group>();
					for (const entry of group)
						reasons.set(entry.entry.reason, [...(reasons.get(entry.entry.reason) ?? []), entry]);
					for (const [reason, entries] of reasons) {
						const body: IDataObject = {
							[fields.ids]: entries.filter((e) => e.entry.by === 'id').map((e) => e.entry.value),
							[fields.barcodes]: entries
								.filter((e) => e.entry.by === 'barcode')
								.map((e) => e.entry.value),
						};
						if (reason !== undefined) body[fields.reason] = reason;
						// Blocking twice leaves the guest blocked: safe to resend.
						const answer = await qflowRequest.call(
							this,
							{ method: 'POST', path, body, idempotent: true },
							entries[0].itemIndex,
						);
						const changed = expectShape(this, guestList, answer, `POST ${path}`) as IDataObject[];
						for (const { itemIndex, entry } of entries) {
							const guest = changed.find((g) =>
								entry.by === 'id'
									? String(g.id).toLowerCase() === entry.value
									: g.barcode === entry.value,
							);
							if (guest) report.succeeded(itemIndex, guest);
							else
								report.failed(
									itemIndex,
									new Error(
										`The event has no guest with ${entry.by === 'id' ? 'ID' : 'barcode'} ${entry.value}: check the guest and the event`,
									),
								);
						}
					}
				}
			},
		}),
	};
}
