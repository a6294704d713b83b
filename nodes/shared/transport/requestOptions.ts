import type { INodeProperties } from 'n8n-workflow';

import type { CallOptions, TransportContext, VendorProfile } from './profile';

/** The node-wide "Request Options" collection, as the node's parameters hold it. */
export interface RequestOptions {
	maxWaitSeconds?: number;
	timeoutSeconds?: number;
	concurrentReads?: number;
}

const REQUEST_OPTIONS = 'requestOptions';

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
					name: 'concurrentReads' satisfies keyof RequestOptions,
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 50 },
					default: concurrentReads,
					description:
						'How many lookups (Get, Get by Email, and the lookup of Create or Update) may be in flight at once. Output order and pairing stay exact; the node still keeps to the vendor’s rate limit.',
				},
			]
		: [];
	return {
		displayName: 'Request Options',
		name: REQUEST_OPTIONS,
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Max Wait (Seconds)',
				name: 'maxWaitSeconds' satisfies keyof RequestOptions,
				type: 'number',
				typeOptions: { minValue: 0 },
				default: defaultMaxWaitSeconds,
				description: `${windowNote} Longest the node waits at one time for a rate-limit window to reset or the service to recover (without rate-limit headers, in all). Past it, the item fails and says when the window resets.`,
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeoutSeconds' satisfies keyof RequestOptions,
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

/**
 * The Request Options of one item (a poll has one set), or undefined in the editor's lists, which
 * have none. Only numbers are kept: an expression that gave anything else counts as not given.
 */
export function readRequestOptions(
	context: TransportContext,
	itemIndex = 0,
): RequestOptions | undefined {
	let given: Record<string, unknown>;
	if ('getInputData' in context)
		given = context.getNodeParameter(REQUEST_OPTIONS, itemIndex, {}) as Record<string, unknown>;
	else if ('__emit' in context)
		given = context.getNodeParameter(REQUEST_OPTIONS, {}) as Record<string, unknown>;
	else return undefined;
	const number = (name: keyof RequestOptions) =>
		typeof given[name] === 'number' ? (given[name] as number) : undefined;
	return {
		maxWaitSeconds: number('maxWaitSeconds'),
		timeoutSeconds: number('timeoutSeconds'),
		concurrentReads: number('concurrentReads'),
	};
}

/** Longest wait a dropdown in the editor may spend on a rate limit: the user is watching. */
const EDITOR_MAX_WAIT_MS = 10_000;
/** Longest a poll's request waits for its answer: the whole poll must end well within n8n's 45 s. */
const POLL_TIMEOUT_MS = 20_000;

/**
 * The bounds of one call from the node's Request Options; the editor's lists wait less, and a poll
 * never waits: newer n8n abandons a poll after 45 s (and backs the trigger off), while a spent window
 * can last an hour. A poll that meets one ends, and the next poll carries on.
 */
export function callOptions(
	context: TransportContext,
	profile: VendorProfile,
	itemIndex = 0,
): CallOptions {
	const options = readRequestOptions(context, itemIndex);
	if (!options)
		return {
			maxWaitMs: Math.min(EDITOR_MAX_WAIT_MS, profile.defaultMaxWaitSeconds * 1000),
			itemIndex,
		};
	const maxWaitSeconds = options.maxWaitSeconds ?? profile.defaultMaxWaitSeconds;
	const timeoutMs =
		options.timeoutSeconds !== undefined && options.timeoutSeconds > 0
			? options.timeoutSeconds * 1000
			: undefined;
	if ('__emit' in context)
		return {
			maxWaitMs: 0,
			itemIndex,
			timeoutMs: Math.min(timeoutMs ?? POLL_TIMEOUT_MS, POLL_TIMEOUT_MS),
		};
	return { maxWaitMs: Math.max(0, maxWaitSeconds) * 1000, itemIndex, timeoutMs };
}
