import type { IExecuteFunctions } from 'n8n-workflow';

import { concurrentReads, eachItem, type Operation } from '../../../shared/operation';
import { QFLOW } from '../../api';
import { checkinPath, eventLocator, qflowObject, readEventId } from '../../helpers/checkin';
import { QFLOW_CONCURRENT_READS } from '../../transport';

export const getTeamEventStats: Operation = {
	menuEntry: {
		name: 'Get Check-In Stats',
		action: 'Get team check-in stats',
		description:
			'Get how many guests each team member checked in at an event, with arrivals per 5 minutes',
		toolDescription:
			'Get the check-in statistics of a Qflow event per team member. Returns how many guests each team member checked in, with arrivals per 5 minutes. Fails when no event has the ID.',
	},
	properties: [eventLocator('The event to count')],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const eventId = readEventId(this, itemIndex);
		return await qflowObject.call(
			this,
			{ method: 'GET', path: checkinPath(QFLOW.checkinPaths.teamEventStats(eventId)) },
			itemIndex,
		);
	}, concurrentReads(QFLOW_CONCURRENT_READS)),
};
