import type { IExecuteFunctions } from 'n8n-workflow';

import { eachItem, type Operation } from '../../../shared/operation';
import { QHUB } from '../../api';
import { locationLocator } from '../../fields';
import { readLocationId } from '../../helpers/locationId';
import { qhubRequest } from '../../transport';

export const deleteLocation: Operation = {
	menuEntry: {
		name: 'Delete',
		action:
			'Delete a location for good (refused while users are assigned); returns its ID and deleted: true',
		description: 'Remove a location for good; Q-Hub refuses while users are assigned to it',
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
