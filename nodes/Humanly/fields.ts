import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { recordLocator } from '../shared/fields';
import { HUMANLY } from './api';

const DEFAULT_BATCH_SIZE = HUMANLY.maxBatchSize;

/** The interview types of HUMANLY.interviewTypes, as a dropdown offers them. */
export const interviewTypeOptions: INodePropertyOptions[] = [
	{ name: 'Standard', value: 'standard' },
	{ name: 'Questionnaire', value: 'questionnaire' },
];

/** The title every question kind requires; the placeholder shows a title of that kind. */
export const questionTitleProperty = (placeholder: string): INodeProperties => ({
	displayName: 'Title',
	name: 'title',
	type: 'string',
	default: '',
	required: true,
	placeholder,
});

/** Additional Fields of the survey and AI text questions: their one optional field. */
export const questionDescriptionFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [{ displayName: 'Description', name: 'description', type: 'string', default: '' }],
};

export const candidateLocator = (description: string): INodeProperties =>
	recordLocator({
		displayName: 'Candidate',
		name: 'candidateId',
		searchListMethod: 'searchCandidates',
		idPlaceholder: 'e.g. 3f2b6c1e-8a4d-4c2b-9e1f-2a7d5b9c0e11',
		description,
	});

export const interviewLocator = (description: string): INodeProperties =>
	recordLocator({
		displayName: 'Interview',
		name: 'interviewId',
		searchListMethod: 'searchInterviews',
		idPlaceholder: 'e.g. 7c9e2f4a-1b3d-4e5f-8a6b-9c0d1e2f3a4b',
		description,
	});

export const questionLocator = (description: string): INodeProperties =>
	recordLocator({
		displayName: 'Question',
		name: 'questionId',
		searchListMethod: 'searchQuestions',
		idPlaceholder: 'e.g. 5b1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
		description,
	});

export const narratorLocator = (description: string): INodeProperties =>
	recordLocator({
		displayName: 'Narrator',
		name: 'narratorId',
		searchListMethod: 'searchNarrators',
		idPlaceholder: 'e.g. 9c8b7a6f-5e4d-4c3b-8a2f-1e0d9c8b7a6f',
		description,
	});

export const messageGroupLocator = (description: string): INodeProperties =>
	recordLocator({
		displayName: 'Message Group',
		name: 'messageGroupId',
		searchListMethod: 'searchMessageGroups',
		idPlaceholder: 'e.g. 2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
		description,
	});

export const teamLocator = (description: string): INodeProperties =>
	recordLocator({
		displayName: 'Team',
		name: 'teamId',
		searchListMethod: 'searchTeams',
		idPlaceholder: 'e.g. 11111111-2222-4333-8444-555555555555',
		description,
	});

/** The "Include Archived" filter of the candidate and interview lists (the API's `archived`). */
export const includeArchivedProperty = (noun: string): INodeProperties => ({
	displayName: 'Include Archived',
	name: 'archived',
	type: 'boolean',
	default: false,
	description: `Whether to include archived ${noun} as well. Humanly leaves them out by default.`,
});

/** How an invite reaches the candidate (Invite, Resend Invite). */
export const deliveryTypesProperty = (description: string): INodeProperties => ({
	displayName: 'Delivery',
	name: 'deliveryTypes',
	type: 'multiOptions',
	options: [
		{ name: 'Email', value: 'email' },
		{ name: 'SMS', value: 'sms' },
	],
	default: ['email'],
	required: true,
	description,
});

export const candidateInterviewIdProperty = (description: string): INodeProperties => ({
	displayName: 'Candidate Interview ID',
	name: 'candidateInterviewId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 0f8e4c2a-5b7d-4a9e-8c1f-3d2b6a9e7c10',
	description,
});

/** Team IDs from Humanly's list, or by expression (one ID, a comma-separated list, or an array). */
export const teamIdsProperty: INodeProperties = {
	displayName: 'Team Names or IDs',
	name: 'teamIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getTeams' },
	default: [],
	required: true,
	description:
		'Teams the user belongs to: at least one, all of your organization (an expression may give an array or comma-separated IDs). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** The "Options" collection of a bulk create: how many records go into one request. */
export function bulkOptionsProperty(noun: string): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: HUMANLY.maxBatchSize },
				default: DEFAULT_BATCH_SIZE,
				description: `How many ${noun} one request creates. All input items are sent in requests of this many, so 1,000 items cost ${Math.ceil(1000 / HUMANLY.maxBatchSize)} requests of the key's allowance at the default.`,
			},
		],
	};
}
