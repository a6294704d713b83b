import type { IExecuteFunctions } from 'n8n-workflow';

import { eachItem, type Operation } from '../../../shared/operation';
import { QHUB } from '../../api';
import { locationLocator } from '../../fields';
import { readLocationId } from '../../helpers/locationId';
import { qhubRequest } from '../../transport';

export const deleteLocation: Operation = {
	menuEntry: {
		name: 'Delete',
		action: 'Delete a location',
		description: 'Remove a location for good; Q-Hub refuses while users are assigned to it',
		toolDescription:
			'Delete a Q-Hub location by ID for good. Returns its ID and deleted: true. Fails while users are assigned to it (archive it instead), or when no location has the ID.',
	},
	properties: [
		locationLocator('The location to delete. To keep its history, use Archive instead.'),
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const locationId = readLocationId(this, itemIndex);
		await qhubRequest.call(
			this,
			{ method: 'DELETE', path: QHUB.paths.location(locationId) },
			itemIndex,
		);
		return { id: locationId, deleted: true };
	}),
};
