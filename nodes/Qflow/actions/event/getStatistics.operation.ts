import type { IExecuteFunctions } from 'n8n-workflow';

import { concurrentReads, eachItem, type Operation } from '../../../shared/operation';
import { QFLOW } from '../../api';
import { checkinPath, eventLocator, qflowObject, readEventId } from '../../helpers/checkin';
import { QFLOW_CONCURRENT_READS } from '../../transport';

export const getEventStatistics: Operation = {
	menuEntry: {
		name: 'Get Statistics',
		action: 'Get event statistics',
		description:
			'Get how many guests an event has, how many are checked in or blocked, and the counts per tag',
		toolDescription:
			'Get the guest statistics of a Qflow event by ID. Returns one item with how many guests it has, how many are checked in or blocked, and the counts per tag. Fails when no event has the ID.',
	},
	properties: [eventLocator('The event to count')],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const eventId = readEventId(this, itemIndex);
		return await qflowObject.call(
			this,
			{ method: 'GET', path: checkinPath(QFLOW.checkinPaths.eventStatistics(eventId)) },
			itemIndex,
		);
	}, concurrentReads(QFLOW_CONCURRENT_READS)),
};
