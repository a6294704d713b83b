import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { eachItem, type Operation } from '../../../shared/operation';
import { QFLOW } from '../../api';
import { checkinPath, eventLocator, qflowRecord, qflowRecords } from '../../helpers/checkin';
import { guestProperties, readGuestRecord } from '../../helpers/guests';

/** Fields Qflow keeps for the send rather than on the guest: not compared with the answer. */
const SEND_FIELDS = new Set(['commsTemplateId', 'correlationId']);

export const upsertGuest: Operation = {
	menuEntry: {
		name: 'Create or Update',
		action: 'Create or update a guest',
		description:
			'Add a guest to an event under your own GUID, or update the guest that already has it',
		toolDescription:
			'Create a guest of a Qflow event under your own GUID, or update the guest that already has it. Returns the guest as stored. Fails when the event is unknown or Qflow refuses a field.',
	},
	properties: [eventLocator('The event the guest comes to'), ...guestProperties],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const record = readGuestRecord(this, itemIndex);
		// The client GUID makes the create idempotent (comms/sending): a resend after a lost answer
		// finds the guest and returns it as it is, so the transport may resend it.
		const stored = await qflowRecord.call(
			this,
			{
				method: 'POST',
				path: checkinPath(QFLOW.checkinPaths.guest),
				body: record,
				idempotent: true,
			},
			itemIndex,
		);
		const unchanged = Object.entries(record).every(
			([name, value]) => SEND_FIELDS.has(name) || stored[name] === value,
		);
		if (unchanged) return stored;
		// The guest existed with other values: the bulk create-or-upsert updates it (one record).
		const update = Object.fromEntries(
			Object.entries(record).filter(([name]) => !SEND_FIELDS.has(name)),
		);
		const [updated] = await qflowRecords.call(
			this,
			{
				method: 'POST',
				path: checkinPath(QFLOW.checkinPaths.guests(String(record.eventId))),
				body: [update] as unknown as IDataObject,
				idempotent: true,
			},
			itemIndex,
		);
		return updated;
	}),
};
