import type { IExecuteFunctions } from 'n8n-workflow';

import { eachItem, type Operation } from '../../../shared/operation';
import { QFLOW } from '../../api';
import {
	checkinPath,
	eventLocator,
	guestLocator,
	qflowRecord,
	readEventId,
	readId,
} from '../../helpers/checkin';

export const checkInGuest: Operation = {
	menuEntry: {
		name: 'Check In',
		action: 'Check in a guest',
		description:
			'Admit a guest (and their plus-ones) as the door scanner does; Qflow then fires the check-in webhook',
		toolDescription:
			'Check in a guest (and their plus-ones) at a Qflow event, as the door scanner does; Qflow then fires its check-in webhook. Returns the checked-in guest. Fails when the guest is not in the event or is blocked.',
	},
	properties: [
		eventLocator('The event the guest is checked in to; its guest list feeds the Guest list'),
		guestLocator('The guest to check in'),
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		readEventId(this, itemIndex);
		const guestId = readId(this, itemIndex, 'guestId', 'guestId');
		// Not resent once it may have reached Qflow: a second check-in is refused as already admitted.
		return await qflowRecord.call(
			this,
			{
				method: 'POST',
				path: checkinPath(QFLOW.checkinPaths.guestCheckIn),
				body: { [QFLOW.checkInIdField]: guestId },
			},
			itemIndex,
		);
	}),
};
