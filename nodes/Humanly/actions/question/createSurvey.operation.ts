import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { eachItem, type Operation } from '../../../shared/operation';
import { asList, optional, optionalText, requiredText, validateInput } from '../../../shared/input';
import { HUMANLY } from '../../api';
import { oneOf } from '../../input';
import { questionDescriptionFields, questionTitleProperty } from '../../fields';
import { humanlyRecord } from '../../transport';

const input = z
	.object({
		title: requiredText('Title'),
		questionType: oneOf(HUMANLY.surveyQuestionTypes),
		options: optional(
			z.preprocess(
				asList,
				z.array(z.string().trim().min(1).max(200), {
					invalid_type_error: 'must be a list of answers, e.g. Day, Night',
				}),
			),
		),
		description: optionalText(2000),
	})
	.superRefine((question, context) => {
		if (question.questionType === 'multiple_choice' && (question.options?.length ?? 0) < 2)
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['options'],
				message: 'a multiple-choice question needs at least two answers, separated by commas',
			});
	})
	// Answers belong to multiple-choice questions only.
	.transform(({ options, ...question }) =>
		question.questionType === 'multiple_choice' ? { ...question, options } : question,
	);

export const createSurveyQuestion: Operation = {
	menuEntry: {
		name: 'Create Survey Question',
		action: 'Create a survey question',
		description:
			'Create a survey question: multiple choice (with its answers), yes/no, thumbs up/down or free text, for interviews or standalone surveys. Returns the new survey question, whose ID Interview Create takes.',
		toolDescription:
			'Create a Humanly survey question: multiple choice (with its answers), yes/no, thumbs up/down or free text, for interviews or standalone surveys. Returns the new survey question, whose ID Interview Create takes. Fails before sending when a multiple-choice question has no answers.',
	},
	properties: [
		questionTitleProperty('Which shift can you work?'),
		{
			displayName: 'Question Type',
			name: 'questionType',
			type: 'options',
			options: [
				{ name: 'Free Text', value: 'free_text' },
				{ name: 'Multiple Choice', value: 'multiple_choice' },
				{ name: 'Thumbs Up/Down', value: 'thumbs_up_down' },
				{ name: 'Yes/No', value: 'yes_no' },
			],
			default: 'yes_no',
		},
		{
			displayName: 'Answers',
			name: 'answerOptions',
			type: 'string',
			default: '',
			placeholder: 'Day, Night, Weekend',
			displayOptions: { show: { questionType: ['multiple_choice'] } },
			description: 'The answers to choose from, separated by commas (at least two)',
		},
		questionDescriptionFields,
	],
	// Not idempotent: a resend after a lost answer would create a second question.
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const questionType = this.getNodeParameter('questionType', itemIndex);
		const body = validateInput(
			this,
			input,
			{
				title: this.getNodeParameter('title', itemIndex),
				questionType,
				options:
					questionType === 'multiple_choice'
						? this.getNodeParameter('answerOptions', itemIndex, '')
						: undefined,
				...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
			},
			itemIndex,
		);
		return await humanlyRecord.call(
			this,
			{ method: 'POST', path: HUMANLY.paths.surveyQuestions, body },
			itemIndex,
			'surveyQuestion',
		);
	}),
};
