import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { eachItem, type Operation } from '../../../shared/operation';
import { optional, optionalText, requiredText, validateInput } from '../../../shared/input';
import { HUMANLY } from '../../api';
import { withStatusName } from '../../helpers/interviewStatus';
import { humanlyId, optionalIdList, optionalWords } from '../../input';
import { humanlyRecord } from '../../transport';

const [STANDARD] = HUMANLY.creatableInterviewTypes;

const input = z
	.object({
		title: requiredText('Title'),
		displayName: optionalText(200),
		description: optionalText(2000),
		language: optional(
			z
				.string()
				.trim()
				.regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, 'must be a language code such as en or es-MX'),
		),
		questionIds: optional(optionalIdList('Question')),
		surveyQuestions: optional(
			z.array(
				z.object({
					id: humanlyId('Survey question'),
					knockout: z.boolean({ invalid_type_error: 'must be true or false' }).default(false),
				}),
			),
		),
		keywords: optionalWords,
	})
	// The newer interviews page: the API creates standard interviews only.
	.transform((body) => ({ ...body, interviewType: STANDARD }));

export const createInterview: Operation = {
	menuEntry: {
		name: 'Create',
		action: 'Create an interview',
		description:
			'Create a standard interview with a title and optional display name, description, language, audio questions, survey questions (with knockout) and keywords. Returns the new interview. Questionnaires are made in the Humanly dashboard: the API creates standard interviews only.',
		toolDescription:
			'Create a standard Humanly interview with a title and optional display name, description, language, audio question IDs, survey questions (with knockout) and keywords. Returns the new interview with its ID. Fails before sending when a field is invalid (e.g. a language code), and when Humanly refuses a question ID.',
	},
	properties: [
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			required: true,
			description: 'The interview’s name in Humanly',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					typeOptions: { rows: 3 },
					default: '',
				},
				{
					displayName: 'Display Name',
					name: 'displayName',
					type: 'string',
					default: '',
					description: 'The name candidates see; Humanly uses the title when left out',
				},
				{
					displayName: 'Keywords',
					name: 'keywords',
					type: 'string',
					default: '',
					placeholder: 'java, python',
					description: 'Keywords of the interview, separated by commas',
				},
				{
					displayName: 'Language',
					name: 'language',
					type: 'string',
					default: '',
					placeholder: 'en',
					description: 'Language code of the interview, such as en or es',
				},
				{
					displayName: 'Question Names or IDs',
					name: 'questionIds',
					type: 'multiOptions',
					typeOptions: { loadOptionsMethod: 'getQuestions' },
					default: [],
					description:
						'The audio questions, in order. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{
					displayName: 'Survey Questions',
					name: 'surveyQuestions',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					default: {},
					placeholder: 'Add Survey Question',
					options: [
						{
							displayName: 'Question',
							name: 'question',
							values: [
								{
									displayName: 'Survey Question ID',
									name: 'id',
									type: 'string',
									default: '',
									description: 'ID of a survey question, as Create a Survey Question returns it',
								},
								{
									displayName: 'Knockout',
									name: 'knockout',
									type: 'boolean',
									default: false,
									description: 'Whether a wrong answer to this question knocks the candidate out',
								},
							],
						},
					],
				},
			],
		},
	],
	// Not idempotent: a resend after a lost answer would create a second interview.
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const survey = additional.surveyQuestions as { question?: IDataObject[] } | undefined;
		const body = validateInput(
			this,
			input,
			{
				title: this.getNodeParameter('title', itemIndex),
				...additional,
				surveyQuestions: survey?.question,
			},
			itemIndex,
		);
		const interview = await humanlyRecord.call(
			this,
			{ method: 'POST', path: HUMANLY.paths.interviews, body },
			itemIndex,
			'interview',
		);
		return withStatusName(interview);
	}),
};
