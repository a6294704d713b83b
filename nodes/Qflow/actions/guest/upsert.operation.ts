import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { eachItem, type Operation } from '../../../shared/operation';
import { QFLOW } from '../../api';
import { checkinPath, eventLocator, qflowRecord, qflowRecords } from '../../helpers/checkin';
import { guestProperties, readGuestRecord, tagsOf } from '../../helpers/guests';

/** Fields Qflow keeps for the send rather than on the guest: not compared with the answer. */
const SEND_FIELDS = new Set(['commsTemplateId', 'correlationId']);

/** A wall time without an offset and the same time written back in UTC are one moment. */
const moment = (value: string) =>
	Date.parse(/[zZ]$|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);

/**
 * How Qflow may write a sent value back without changing it: an email in other case, a tag list
 * spaced otherwise, a time with an offset or fractions. A guest created just now is then not sent
 * again as an update.
 */
const SAME_VALUE: Record<string, (stored: string, sent: string) => boolean> = {
	email: (stored, sent) => stored.toLowerCase() === sent.toLowerCase(),
	tags: (stored, sent) => tagsOf(stored).join(',') === tagsOf(sent).join(','),
	validFrom: (stored, sent) => moment(stored) === moment(sent),
	validTo: (stored, sent) => moment(stored) === moment(sent),
};
function holds(name: string, stored: unknown, sent: unknown): boolean {
	if (stored === sent) return true;
	const same = SAME_VALUE[name];
	return same !== undefined && typeof stored === 'string' && typeof sent === 'string'
		? same(stored, sent)
		: false;
}

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
			([name, value]) => SEND_FIELDS.has(name) || holds(name, stored[name], value),
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
