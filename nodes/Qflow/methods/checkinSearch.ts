import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeParameterResourceLocator,
} from 'n8n-workflow';

import { QFLOW } from '../api';
import { checkinPath, commsPath, qflowRecords } from '../helpers/checkin';

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The list, filtered here: these lists take no search parameter. */
function matching(
	records: IDataObject[],
	label: (record: IDataObject) => string,
	filter?: string,
): INodeListSearchResult {
	const needle = filter?.trim().toLowerCase() ?? '';
	return {
		results: records
			.map((record) => ({ name: label(record), value: String(record.id) }))
			.filter(({ name }) => needle === '' || name.toLowerCase().includes(needle)),
	};
}

/** The event chosen in the node's Event field, for lists that belong to one event. */
function chosenEvent(context: ILoadOptionsFunctions): string | undefined {
	const value = context.getCurrentNodeParameter('eventId') as
		| INodeParameterResourceLocator
		| string
		| undefined;
	const id = typeof value === 'object' && value !== null ? value.value : value;
	return typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id.trim()) ? id.trim() : undefined;
}

const person = (record: IDataObject) => {
	const name = [text(record.firstName), text(record.lastName)].filter(Boolean).join(' ');
	const email = text(record.email);
	return name && email ? `${name} (${email})` : name || email || String(record.id);
};

export const checkinListSearch = {
	async searchEvents(this: ILoadOptionsFunctions, filter?: string) {
		const events = await qflowRecords.call(this, {
			method: 'GET',
			path: checkinPath(QFLOW.checkinPaths.events),
		});
		return matching(
			events,
			(event) => `${text(event.title) || String(event.id)} (${text(event.startTime).slice(0, 10)})`,
			filter,
		);
	},

	async searchGuests(this: ILoadOptionsFunctions, filter?: string) {
		const eventId = chosenEvent(this);
		if (!eventId) return { results: [] };
		const guests = await qflowRecords.call(this, {
			method: 'GET',
			path: checkinPath(QFLOW.checkinPaths.guests(eventId)),
		});
		return matching(guests, person, filter);
	},

	async searchTeamMembers(this: ILoadOptionsFunctions, filter?: string) {
		const members = await qflowRecords.call(this, {
			method: 'GET',
			path: checkinPath(QFLOW.checkinPaths.teamMembers),
		});
		return matching(members, (m) => `${person(m)} · ${text(m.userName)}`, filter);
	},

	async searchTemplates(this: ILoadOptionsFunctions, filter?: string) {
		const eventId = chosenEvent(this);
		if (!eventId) return { results: [] };
		const templates = await qflowRecords.call(this, {
			method: 'GET',
			path: commsPath(QFLOW.commsPaths.templates),
			qs: { [QFLOW.templatesEventParam]: eventId },
		});
		return matching(templates, (t) => text(t.name) || String(t.id), filter);
	},
};
