import type { IExecuteFunctions } from 'n8n-workflow';

import { getManyOperation } from '../../../shared/getMany';
import { QFLOW } from '../../api';
import { checkinPath, eventLocator, qflowRecords, readEventId } from '../../helpers/checkin';
import { simplifyGuest } from '../../helpers/guests';

export const getManyGuests = getManyOperation({
	noun: 'guests',
	narrowing: 'of one event',
	properties: [eventLocator('The event whose guests to get')],
	simplify: simplifyGuest,
	async list(this: IExecuteFunctions, _query, _limit, itemIndex) {
		const eventId = readEventId(this, itemIndex);
		// Documented without query or paging parameters: one bare array, Limit applied to it.
		return await qflowRecords.call(
			this,
			{ method: 'GET', path: checkinPath(QFLOW.checkinPaths.guests(eventId)) },
			itemIndex,
		);
	},
});
