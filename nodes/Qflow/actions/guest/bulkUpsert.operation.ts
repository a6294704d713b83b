import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { eachGroup, type Operation } from '../../../shared/operation';
import { expectShape } from '../../../shared/answer';
import { QFLOW } from '../../api';
import {
	batchSizeOf,
	batchSizeOption,
	byEvent,
	guestList,
	sendNaming,
} from '../../helpers/bulkGuests';
import { checkinPath, eventLocator } from '../../helpers/checkin';
import { guestProperties, readGuestRecord } from '../../helpers/guests';
import { qflowRequest } from '../../transport';

type GuestEntry = IDataObject & { eventId: string };

export const bulkUpsertGuests: Operation = {
	menuEntry: {
		name: 'Create or Update Many',
		action: 'Create or update many guests',
		description: `Add or update guests in batches of up to ${QFLOW.bulkMaxRecords} per request, one output item per input item`,
		toolDescription:
			'Create or update many guests of a Qflow event in batches, each under your own GUID. Returns one item per input item: the guest as stored. Fails the items Qflow refuses (e.g. an invalid email), the others go on.',
	},
	properties: [
		eventLocator('The event the guests come to'),
		...guestProperties.map((property) =>
			property.name === 'additionalFields'
				? {
						...property,
						// The bulk call has no email send: that is Create or Update's atomic create.
						options: property.options?.filter(
							(option) => !['commsTemplateId', 'correlationId'].includes(option.name),
						),
					}
				: property,
		),
		batchSizeOption,
	],
	execute: eachGroup<GuestEntry>({
		batchSize() {
			return batchSizeOf(this);
		},
		entryOf(this: IExecuteFunctions, itemIndex) {
			return readGuestRecord(this, itemIndex) as GuestEntry;
		},
		async send(batch, report) {
			for (const group of byEvent(batch)) {
				const eventId = group[0].entry.eventId;
				const path = checkinPath(QFLOW.checkinPaths.guests(eventId));
				await sendNaming(group, report, async (entries) => {
					// The event is the path's: each record goes without it.
					const records = entries.map(({ entry }) =>
						Object.fromEntries(Object.entries(entry).filter(([name]) => name !== 'eventId')),
					);
					// Every record carries its GUID: a resend updates the same guests, so it is safe.
					const body = await qflowRequest.call(
						this,
						{
							method: 'POST',
							path,
							body: records as unknown as IDataObject,
							idempotent: true,
						},
						entries[0].itemIndex,
					);
					const stored = expectShape(this, guestList, body, `POST ${path}`, entries[0].itemIndex);
					if (stored.length !== records.length)
						throw new Error(
							`Qflow answered ${stored.length} guests for ${records.length} sent to POST ${path}`,
						);
					return stored as IDataObject[];
				});
			}
		},
	}),
};
