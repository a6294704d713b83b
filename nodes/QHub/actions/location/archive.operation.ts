import type { IExecuteFunctions } from 'n8n-workflow';

import { eachItem, type Operation } from '../../../shared/operation';
import { QHUB } from '../../api';
import { locationLocator } from '../../fields';
import { readLocationId } from '../../helpers/locationId';
import { qhubRequest } from '../../transport';

export const archiveLocation: Operation = {
	menuEntry: {
		name: 'Archive',
		action: 'Archive a location',
		description: 'Hide a location from use while keeping its records and user assignments',
		toolDescription:
			'Archive a Q-Hub location by ID: it is hidden from use but keeps its history and users. Returns the archived location. Fails when no location has the ID.',
	},
	properties: [
		locationLocator('The location to archive. Unlike Delete, its history and users stay.'),
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const locationId = readLocationId(this, itemIndex);
		return await qhubRequest.call(
			this,
			{ method: 'POST', path: QHUB.paths.locationArchive(locationId), idempotent: true },
			itemIndex,
		);
	}),
};
