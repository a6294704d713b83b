import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { eachItem, type Operation } from '../../../shared/operation';
import { failInput, validateInput } from '../../../shared/input';
import { QHUB } from '../../api';
import { locationFields, locationLocator } from '../../fields';
import { locationInput } from '../../input';
import { readLocationId } from '../../helpers/locationId';
import { qhubRequest } from '../../transport';

const changes = locationInput.partial();

export const updateLocation: Operation = {
	menuEntry: {
		name: 'Update',
		action: 'Update a location',
		description: 'Change a location’s name, code, address or parent',
		toolDescription:
			'Update a Q-Hub location by ID, sending only the fields given: name, code, address or parent. Returns the updated location. Fails before sending when no field is given, and when no location has the ID.',
	},
	properties: [
		locationLocator('The location to update'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Name', name: 'name', type: 'string', default: '' },
				...locationFields,
			],
		},
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const locationId = readLocationId(this, itemIndex);
		const updates = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const body = validateInput(this, changes, updates, itemIndex);
		if (!Object.values(body).some((value) => value !== undefined)) {
			failInput(this, 'Nothing to update: add at least one field under Update Fields', itemIndex);
		}
		// A partial update with the same values leaves the same state: safe to resend after a lost answer.
		return await qhubRequest.call(
			this,
			{ method: QHUB.updateMethod, path: QHUB.paths.location(locationId), body, idempotent: true },
			itemIndex,
		);
	}),
};
