import type { INodeProperties } from 'n8n-workflow';

import { recordLocator } from '../shared/fields';

/** A location picked from Q-Hub's list or given by ID. */
export const locationLocator = (description: string): INodeProperties =>
	recordLocator({
		displayName: 'Location',
		name: 'locationId',
		searchListMethod: 'searchLocations',
		idPlaceholder: 'e.g. loc_1a2b3c4d',
		description,
	});

/** The location fields Create sets and Update may change. */
export const locationFields: INodeProperties[] = [
	{
		displayName: 'Code',
		name: 'code',
		type: 'string',
		default: '',
		description: 'Your own short reference for the site, e.g. the code your HR system uses',
	},
	{
		displayName: 'Address',
		name: 'address',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Parent Location ID',
		name: 'parentId',
		type: 'string',
		default: '',
		description: 'ID of the location this one sits under, for a site hierarchy',
	},
];
