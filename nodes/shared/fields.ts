/** Fields several operations of several vendors share, written once. */
import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

/** A record picked From List (searchable) or By ID, then any further `modes`: n8n's pattern for records. */
export function recordLocator(record: {
	displayName: string;
	name: string;
	searchListMethod: string;
	idPlaceholder: string;
	description: string;
	idMode?: Partial<INodePropertyMode>;
	modes?: INodePropertyMode[];
}): INodeProperties {
	return {
		displayName: record.displayName,
		name: record.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: record.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: record.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: record.idPlaceholder,
				...record.idMode,
			},
			...(record.modes ?? []),
		],
	};
}

/** First Name and Last Name, required: every vendor's person has them. */
export const personNameProperties: INodeProperties[] = [
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		required: true,
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		required: true,
	},
];

/** A required email field; `description` says what the vendor does with it. */
export function emailProperty(description?: string): INodeProperties {
	return {
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		...(description ? { description } : {}),
	};
}
