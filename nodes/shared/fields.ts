/** Fields several operations of several vendors share, written once. */
import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

/**
 * The node-wide "Request Options" collection, shown for every operation. `concurrentReads` (a
 * default that stays inside the vendor's limit) offers overlapping reads where the vendor allows it.
 */
export function requestOptionsProperty(
	defaultMaxWaitSeconds: number,
	windowNote: string,
	concurrentReads?: number,
): INodeProperties {
	const readsOption: INodeProperties[] = concurrentReads
		? [
				{
					displayName: 'Concurrent Reads',
					name: 'concurrentReads',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 20 },
					default: concurrentReads,
					description:
						'How many lookups (Get, Get by Email, and the lookup of Create or Update) may be in flight at once. Output order and pairing stay exact; the node still keeps to the vendor’s rate limit.',
				},
			]
		: [];
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
				description: `${windowNote} Longest the node waits at one time for a rate-limit window to reset or the service to recover (without rate-limit headers, in all). Past it, the item fails and says when the window resets.`,
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeoutSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 60,
				description:
					'How long one request may wait for its answer. A create that times out is not sent again: it may have been processed.',
			},
			...readsOption,
		],
	};
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
