import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { eachItem, type Operation } from '../../../shared/operation';
import { failInput, validateInput } from '../../../shared/input';
import { QFLOW } from '../../api';
import { checkinPath, eventLocator, qflowRecord, readEventId } from '../../helpers/checkin';
import { eventBody, eventTimeProperties } from '../../helpers/events';

export const updateEvent: Operation = {
	menuEntry: {
		name: 'Update',
		action: 'Update an event',
		description:
			'Change the title, times or time zone of an event; fields left out keep their value',
		toolDescription:
			'Update a Qflow event’s title, times or time zone; fields left out keep their value. Returns the updated event. Fails before sending when no field is given or a time is invalid, and when no event has the ID.',
	},
	properties: [
		eventLocator('The event to update'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Title', name: 'title', type: 'string', default: '' },
				...eventTimeProperties(false),
			],
		},
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const eventId = readEventId(this, itemIndex);
		const changes = Object.fromEntries(
			Object.entries(this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject).filter(
				([, value]) => value !== '' && value !== undefined && value !== null,
			),
		);
		if (Object.keys(changes).length === 0)
			failInput(this, 'Nothing to update: add at least one field under Update Fields', itemIndex);
		const path = checkinPath(QFLOW.checkinPaths.event(eventId));
		// [assumed] PUT replaces the event: send every documented field, the changes over the current ones.
		const current = await qflowRecord.call(this, { method: 'GET', path }, itemIndex);
		const body = validateInput(
			this,
			eventBody,
			{
				title: current.title,
				startTime: current.startTime,
				endTime: current.endTime,
				timeZoneId: current.timeZoneId,
				...changes,
			},
			itemIndex,
		);
		return await qflowRecord.call(this, { method: 'PUT', path, body }, itemIndex);
	}),
};
