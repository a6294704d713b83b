import type { IExecuteFunctions } from 'n8n-workflow';

import { eachItem, type Operation } from '../../../shared/operation';
import { validateInput } from '../../../shared/input';
import { QFLOW } from '../../api';
import { checkinPath, qflowRecord } from '../../helpers/checkin';
import { eventBody, eventTimeProperties } from '../../helpers/events';

export const createEvent: Operation = {
	menuEntry: {
		name: 'Create',
		action: 'Create an event',
		description:
			'Create an event; its ID is the event ID every guest, template and team assignment uses',
		toolDescription:
			'Create a Qflow event with a title, start and end (wall-clock times in its time zone) and time zone. Returns the new event with the ID that guests, templates and team assignments use. Fails before sending when a time or time zone is invalid.',
	},
	properties: [
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			required: true,
		},
		...eventTimeProperties(true),
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const body = validateInput(
			this,
			eventBody,
			{
				title: this.getNodeParameter('title', itemIndex),
				startTime: this.getNodeParameter('startTime', itemIndex),
				endTime: this.getNodeParameter('endTime', itemIndex),
				timeZoneId: this.getNodeParameter('timeZoneId', itemIndex),
			},
			itemIndex,
		);
		// A create that may have reached Qflow is not resent (the transport's default for a POST).
		return await qflowRecord.call(
			this,
			{ method: 'POST', path: checkinPath(QFLOW.checkinPaths.eventCreate), body },
			itemIndex,
		);
	}),
};
