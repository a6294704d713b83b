import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { expectShape } from '../../../shared/answer';
import { eachItem, type Operation } from '../../../shared/operation';
import { asList, optional, optionalText, validateInput } from '../../../shared/input';
import { HUMANLY } from '../../api';
import { humanlyId, oneOf, optionalIdList, optionalWords } from '../../input';
import { humanlyRecord } from '../../transport';

const TEMPLATE = HUMANLY.fields.templateInterviewId;
const { interviewId: ERROR_ID, message: ERROR_MESSAGE } = HUMANLY.bulkUpdateError;

const input = z.object({
	interviewIds: z.preprocess(
		asList,
		z
			.array(humanlyId('Interview'), { invalid_type_error: 'must be a list of interview IDs' })
			.min(1, 'must name at least one interview'),
	),
	mode: oneOf(HUMANLY.bulkUpdateModes),
	title: optionalText(200),
	displayName: optionalText(200),
	keywords: optionalWords,
	removedKeywords: optionalWords,
	removedQuestionIds: optional(optionalIdList('Question')),
	removedSurveyQuestionIds: optional(optionalIdList('Survey question')),
	removedAITextQuestionIds: optional(optionalIdList('AI text question')),
	[TEMPLATE]: optional(humanlyId('Template interview')),
});

const answer = z
	.object({
		success: z.boolean().optional(),
		errors: z.array(z.unknown()).default([]),
		templateInterviewId: z.string().nullable().optional(),
	})
	.passthrough();

/** What Humanly says of one interview in `errors`, or undefined when it names none. */
function errorFor(errors: unknown[], interviewId: string): IDataObject | undefined {
	return errors.find(
		(entry): entry is IDataObject =>
			typeof entry === 'object' &&
			entry !== null &&
			(entry as IDataObject)[ERROR_ID] === interviewId,
	);
}

const messageOf = (entry: IDataObject) =>
	typeof entry[ERROR_MESSAGE] === 'string' ? entry[ERROR_MESSAGE] : JSON.stringify(entry);

export const bulkUpdateInterviews: Operation = {
	menuEntry: {
		name: 'Bulk Update',
		action: 'Bulk update interviews',
		description:
			'Update many interviews in one request: overwrite or merge their keywords, remove keywords and questions, set a title or display name, or copy a template interview’s configuration. Returns one item per interview with updated true, or false and Humanly’s error for it.',
		toolDescription:
			'Update many Humanly interviews in one request: overwrite or merge their keywords, remove keywords and questions, set a title or display name, or copy a template interview’s configuration. Returns one item per interview with updated true, or false and Humanly’s error for it. Fails before sending when no interview or no change is given.',
	},
	properties: [
		{
			displayName: 'Interview Names or IDs',
			name: 'interviewIds',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getInterviews' },
			default: [],
			required: true,
			description:
				'The interviews to update. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Mode',
			name: 'mode',
			type: 'options',
			options: [
				{
					name: 'Merge',
					value: 'merge',
					description: 'Add the values given to the interviews’ lists (keywords, questions)',
				},
				{
					name: 'Overwrite',
					value: 'overwrite',
					description: 'Replace the interviews’ lists with the values given',
				},
			],
			default: 'merge',
		},
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Display Name', name: 'displayName', type: 'string', default: '' },
				{
					displayName: 'Keywords',
					name: 'keywords',
					type: 'string',
					default: '',
					placeholder: 'go, rust',
					description: 'Keywords to merge in or to overwrite with, separated by commas',
				},
				{
					displayName: 'Remove AI Text Question IDs',
					name: 'removedAITextQuestionIds',
					type: 'string',
					default: '',
					description: 'AI text questions to take out, separated by commas',
				},
				{
					displayName: 'Remove Keywords',
					name: 'removedKeywords',
					type: 'string',
					default: '',
					placeholder: 'java',
					description: 'Keywords to take out, separated by commas',
				},
				{
					displayName: 'Remove Question Names or IDs',
					name: 'removedQuestionIds',
					type: 'multiOptions',
					typeOptions: { loadOptionsMethod: 'getQuestions' },
					default: [],
					description:
						'Audio questions to take out. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{
					displayName: 'Remove Survey Question IDs',
					name: 'removedSurveyQuestionIds',
					type: 'string',
					default: '',
					description: 'Survey questions to take out, separated by commas',
				},
				{
					displayName: 'Template Interview Name or ID',
					name: TEMPLATE,
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getInterviews' },
					default: '',
					description:
						'An interview whose configuration is copied into every interview updated (use Overwrite to make them match it). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{ displayName: 'Title', name: 'title', type: 'string', default: '' },
			],
		},
	],
	// Not resent after a lost answer: with Merge, a second run would apply the change twice.
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const body = validateInput(
			this,
			input,
			{
				interviewIds: this.getNodeParameter('interviewIds', itemIndex),
				mode: this.getNodeParameter('mode', itemIndex),
				...(this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject),
			},
			itemIndex,
		);
		const data = await humanlyRecord.call(
			this,
			{ method: 'PATCH', path: HUMANLY.paths.interviewsBulkUpdate, body },
			itemIndex,
		);
		const { errors, templateInterviewId = null } = expectShape(
			this,
			answer,
			data,
			`PATCH ${HUMANLY.paths.interviewsBulkUpdate}`,
			itemIndex,
		);
		const outcomes: IDataObject[] = body.interviewIds.map((interviewId) => {
			const error = errorFor(errors, interviewId);
			return error
				? { interviewId, updated: false, error: messageOf(error), templateInterviewId }
				: { interviewId, updated: true, templateInterviewId };
		});
		// An error that names no interview of the request is still shown, not dropped.
		const unmatched = errors.filter(
			(entry) =>
				!body.interviewIds.some((interviewId) => errorFor([entry], interviewId) !== undefined),
		);
		for (const entry of unmatched)
			outcomes.push({
				interviewId: null,
				updated: false,
				error:
					typeof entry === 'object' && entry !== null
						? messageOf(entry as IDataObject)
						: String(entry),
				templateInterviewId,
			});
		return outcomes;
	}),
};
