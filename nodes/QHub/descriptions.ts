import type { INodeProperties } from 'n8n-workflow';

/** A location picked from Q-Hub's list or given by ID (the pattern n8n uses for records). */
export function locationLocator(description: string): INodeProperties {
	return {
		displayName: 'Location',
		name: 'locationId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchLocations', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. loc_1a2b3c4d',
			},
		],
	};
}

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
