import type { IExecuteFunctions } from 'n8n-workflow';

import { concurrentReads, eachItem, type Operation } from '../../../shared/operation';
import { QFLOW } from '../../api';
import { checkinPath, eventLocator, qflowRecord, readEventId } from '../../helpers/checkin';
import { QFLOW_CONCURRENT_READS } from '../../transport';

export const getEvent: Operation = {
	menuEntry: {
		name: 'Get',
		action: 'Get an event',
		description: 'Get an event with its title, times, time zone and status',
		toolDescription:
			'Get a Qflow event by ID. Returns its title, start and end times, time zone and status. Fails when no event has the ID.',
	},
	properties: [eventLocator('The event to get')],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const eventId = readEventId(this, itemIndex);
		return await qflowRecord.call(
			this,
			{ method: 'GET', path: checkinPath(QFLOW.checkinPaths.event(eventId)) },
			itemIndex,
		);
	}, concurrentReads(QFLOW_CONCURRENT_READS)),
};
