import {
	NodeConnectionTypes,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { z } from 'zod';

import { vendorContextOf } from '../shared/errors';
import { requestOptionsProperty, type RequestOptions } from '../shared/transport/requestOptions';
import { clock } from '../shared/transport/clock';
import { validateInput } from '../shared/input';
import { isLastPage } from '../shared/paging';
import { advance, pollFrom, startCursor, type EntryCursor } from './helpers/entryCursor';
import { ENTRY_KINDS, optionalParentId, type EntryKind } from './helpers/entryList';
import { QHUB } from './api';
import { qhubList, qhubPage, QHUB_DEFAULT_MAX_WAIT_SECONDS } from './transport';

type Event = keyof typeof ENTRY_KINDS;

/**
 * Newer n8n abandons a poll after 45 s, and a Q-Hub window lasts an hour: a poll never waits for one
 * (the transport's callOptions), so the trigger offers Timeout but no Max Wait.
 */
const requestOptions = requestOptionsProperty(QHUB_DEFAULT_MAX_WAIT_SECONDS, '');
const pollRequestOptions: INodeProperties = {
	...requestOptions,
	options: requestOptions.options?.filter(
		(option) => option.name !== ('maxWaitSeconds' satisfies keyof RequestOptions),
	),
};

/** What a poll keeps in the workflow's static data. */
interface PollState extends IDataObject {
	/** The event and parent the cursor belongs to: a changed filter starts afresh. */
	watching?: string;
	cursor?: EntryCursor & IDataObject;
}

const PAGE_SIZE = QHUB.paging.maxPageSize;
const TEST_EVENT_ENTRIES = 5;
const DEFAULT_WINDOW_MINUTES = 5;

const options = z.object({
	emitOnActivation: z.number().int().min(0).max(PAGE_SIZE).default(0),
	lateEntryMinutes: z
		.number()
		.min(0)
		.max(24 * 60)
		.default(DEFAULT_WINDOW_MINUTES),
});

function parentOptions(kind: EntryKind) {
	return async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const parents = await qhubList.call(this, kind.parentsPath, {}, undefined);
		return [
			{ name: `Any ${kind.parent}`, value: '' },
			...parents.map((parent) => ({
				name: String(parent.name ?? parent.id),
				value: String(parent.id),
			})),
		];
	};
}

/** The newest `count` entries, oldest first: the list is oldest first, so the last page(s) hold them. */
async function latestEntries(
	context: IPollFunctions,
	kind: EntryKind,
	filter: IDataObject,
	count: number,
): Promise<IDataObject[]> {
	if (count === 0) return [];
	const first = await qhubPage.call(context, kind.path, filter, 1, count);
	const pages = first.totalPages ?? 1;
	if (pages <= 1) return first.items;
	const last = await qhubPage.call(context, kind.path, filter, pages, count);
	// A short last page is topped up from the page before it (the first page when there are two).
	let before: IDataObject[] = [];
	if (last.items.length < count)
		before =
			pages === 2
				? first.items
				: (await qhubPage.call(context, kind.path, filter, pages - 1, count)).items;
	return [...before, ...last.items].slice(-count);
}

export class QHubTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Q-Hub Trigger',
		name: 'qHubTrigger',
		icon: { light: 'file:qhub.svg', dark: 'file:qhub.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{$parameter["event"] === "processEntry" ? "New Process Entry" : "New Form Entry"}}',
		// n8n's node panel shows a trigger's description for the whole vendor (Q-Hub and Q-Hub Trigger).
		description:
			'Start workflows on new Q-Hub form and process entries; provision users and manage locations and data sets',
		defaults: { name: 'Q-Hub Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'qHubApi', required: true }],
		properties: [
			{
				displayName:
					'Each poll spends one request of the Q-Hub key’s window (25 requests per 60 minutes) when nothing is new, and one more per 100 new entries. Polling every 15 minutes costs 4 requests an hour and leaves the rest for your workflows; poll more often only if the key has room. A poll never waits for the window: when it is spent, the poll emits what it read and the next poll after the reset carries on.',
				name: 'pollCost',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'New Form Entry', value: 'formEntry', description: 'A form was submitted' },
					{
						name: 'New Process Entry',
						value: 'processEntry',
						description: 'A process record was created',
					},
				],
				default: 'formEntry',
			},
			{
				displayName: 'Form Name or ID',
				name: 'formId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getForms' },
				displayOptions: { show: { event: ['formEntry'] } },
				default: '',
				description:
					'Only entries of this form. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Process Name or ID',
				name: 'processId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getProcesses' },
				displayOptions: { show: { event: ['processEntry'] } },
				default: '',
				description:
					'Only entries of this process. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Emit Recent Entries on Activation',
						name: 'emitOnActivation',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: PAGE_SIZE },
						default: 0,
						description:
							'How many of the newest existing entries the first poll after activation emits. 0 starts from now, without history.',
					},
					{
						displayName: 'Late Entry Window (Minutes)',
						name: 'lateEntryMinutes',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: DEFAULT_WINDOW_MINUTES,
						description:
							'Entries dated up to this long before the newest one seen are still caught when they show up late (e.g. submitted offline). Each is emitted once.',
					},
				],
			},
			pollRequestOptions,
		],
	};

	methods = {
		loadOptions: {
			getForms: parentOptions(ENTRY_KINDS.formEntry),
			getProcesses: parentOptions(ENTRY_KINDS.processEntry),
		},
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event', 'formEntry') as Event;
		const kind = ENTRY_KINDS[event] ?? ENTRY_KINDS.formEntry;
		const parentId = validateInput(
			this,
			z.object({ [kind.parentFilter]: optionalParentId(kind) }),
			{ [kind.parentFilter]: this.getNodeParameter(kind.parentFilter, '') },
			0,
		)[kind.parentFilter] as string | undefined;
		const given = validateInput(this, options, this.getNodeParameter('options', {}), 0);
		const windowMs = given.lateEntryMinutes * 60_000;
		const filter: IDataObject = parentId ? { [kind.parentFilter]: parentId } : {};
		const emit = (entries: IDataObject[]) =>
			entries.length ? [entries.map((json) => ({ json }))] : null;

		// "Fetch Test Event": real recent entries, and the cursor stays where it is.
		if (this.getMode() === 'manual')
			return emit(await latestEntries(this, kind, filter, TEST_EVENT_ENTRIES));

		const state = this.getWorkflowStaticData('node') as PollState;
		const watching = `${event}:${parentId ?? ''}`;
		if (state.watching !== watching || !state.cursor) {
			const now = clock.now();
			// Every page of the window counts as seen: a busy form's later entries must not come out next poll.
			const inWindow = await qhubList.call(
				this,
				kind.path,
				{ ...filter, from: new Date(now - windowMs).toISOString() },
				undefined,
			);
			const recent = await latestEntries(this, kind, filter, given.emitOnActivation);
			state.watching = watching;
			state.cursor = startCursor(
				now,
				[...inWindow, ...recent],
				kind.timeField,
				windowMs,
			) as PollState['cursor'];
			return emit(recent);
		}

		let cursor: EntryCursor = state.cursor;
		const fresh: IDataObject[] = [];
		const from = pollFrom(cursor, windowMs);
		for (let page = 1; ; page++) {
			const read = await qhubPage
				.call(this, kind.path, { ...filter, from }, page, PAGE_SIZE)
				.catch((error: Error) => error);
			if (read instanceof Error) {
				// A spent window or a 429 ends the poll at once: what was read is emitted, the rest comes next poll.
				if (vendorContextOf(read)?.httpCode !== '429') throw read;
				this.logger.warn(`Q-Hub Trigger: ${read.message}. The next poll carries on from here.`);
				break;
			}
			const { items } = read;
			const step = advance(cursor, items, kind.timeField, windowMs);
			fresh.push(...step.fresh);
			cursor = step.next;
			if (isLastPage(read, page, PAGE_SIZE)) break;
		}
		// The cursor moves only with entries emitted: n8n saves static data when a poll emits.
		if (fresh.length === 0) return null;
		state.cursor = cursor as PollState['cursor'];
		return emit(fresh);
	}
}
