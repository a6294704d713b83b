import type {
	IDisplayOptions,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeProperties,
	INodePropertyMode,
} from 'n8n-workflow';

/** Longest wait a dropdown in the editor may spend on a rate limit: the user is watching. */
const EDITOR_MAX_WAIT_MS = 10_000;

/** The node-wide "Request Options" collection, shown for every operation. */
export function requestOptionsProperty(defaultMaxWaitSeconds: number, windowNote: string): INodeProperties {
	return {
		displayName: 'Request Options',
		name: 'requestOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Max Wait (Seconds)',
				name: 'maxWaitSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: defaultMaxWaitSeconds,
				description: `${windowNote} Longest the node waits at one time for a rate-limit window to reset or the service to recover. Past it, the item fails and says when the window resets.`,
			},
		],
	};
}

export function maxWaitMs(context: IExecuteFunctions | ILoadOptionsFunctions, itemIndex: number, defaultSeconds: number): number {
	if (!('getInputData' in context)) return Math.min(EDITOR_MAX_WAIT_MS, defaultSeconds * 1000);
	const seconds = context.getNodeParameter('requestOptions.maxWaitSeconds', itemIndex, defaultSeconds) as number;
	return Math.max(0, seconds) * 1000;
}

/** "Return All" + "Limit" (n8n's standard pair) for one operation. */
export function returnAllOrLimit(displayOptions: IDisplayOptions, maxLimit?: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions,
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { ...displayOptions, show: { ...displayOptions.show, returnAll: [false] } },
			typeOptions: { minValue: 1, ...(maxLimit ? { maxValue: maxLimit } : {}) },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}

/** The limit asked for, or undefined for Return All. */
export function requestedLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	return returnAll ? undefined : (context.getNodeParameter('limit', itemIndex, 50) as number);
}

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
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: record.idPlaceholder, ...record.idMode },
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
