import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { eachItem, type Operation } from '../../../shared/operation';
import { validateInput } from '../../../shared/input';
import { QHUB } from '../../api';
import { locationFields } from '../../fields';
import { locationInput } from '../../input';
import { qhubRequest } from '../../transport';

export const createLocation: Operation = {
	menuEntry: {
		name: 'Create',
		action: 'Create a location',
		description: 'Create a location (site)',
		toolDescription:
			'Create a Q-Hub location (site) with a name and optional code, address and parent location ID. Returns the new location with its ID. Fails when Q-Hub refuses a field, e.g. a name another active location has.',
	},
	properties: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			description: 'Name of the site; it must be unique among active locations',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: locationFields,
		},
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body = validateInput(
			this,
			locationInput,
			{ name: this.getNodeParameter('name', itemIndex), ...additional },
			itemIndex,
		);
		return await qhubRequest.call(
			this,
			{ method: 'POST', path: QHUB.paths.locations, body },
			itemIndex,
		);
	}),
};
