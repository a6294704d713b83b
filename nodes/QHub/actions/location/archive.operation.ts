import type { IExecuteFunctions } from 'n8n-workflow';

import { eachItem, type Operation } from '../../../shared/router';
import { QHUB } from '../../api';
import { locationLocator } from '../../descriptions';
import { readLocationId } from '../../schemas';
import { qhubRequest } from '../../transport';

export const archiveLocation: Operation = {
	option: {
		name: 'Archive',
		action: 'Archive a location',
		description: 'Hide a location from use while keeping its records and user assignments',
	},
	description: [locationLocator('The location to archive. Unlike Delete, its history and users stay.')],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const locationId = readLocationId(this, itemIndex);
		return await qhubRequest.call(
			this,
			{ method: 'POST', path: QHUB.paths.locationArchive(locationId), idempotent: true },
			itemIndex,
		);
	}),
};
