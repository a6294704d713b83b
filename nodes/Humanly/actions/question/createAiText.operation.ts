import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { eachItem, type Operation } from '../../../shared/operation';
import { optionalText, requiredText, validateInput } from '../../../shared/input';
import { HUMANLY } from '../../api';
import { questionDescriptionFields, questionTitleProperty } from '../../fields';
import { humanlyRecord } from '../../transport';

const input = z.object({
	title: requiredText('Title'),
	questionText: requiredText('Question Text', 5000),
	description: optionalText(2000),
});

export const createAiTextQuestion: Operation = {
	menuEntry: {
		name: 'Create AI Text Question',
		action: 'Create an AI text question',
		description:
			'Create an AI text question: the candidate answers in writing and Humanly’s AI scores the answer. Returns the new AI text question.',
		toolDescription:
			'Create a Humanly AI text question: the candidate answers in writing and Humanly’s AI scores the answer. Returns the new AI text question with its ID. Fails when Humanly refuses a field.',
	},
	properties: [
		questionTitleProperty('Conflict'),
		{
			displayName: 'Question Text',
			name: 'questionText',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			required: true,
			placeholder: 'Describe a conflict at work and how you resolved it.',
		},
		questionDescriptionFields,
	],
	// Not idempotent: a resend after a lost answer would create a second question.
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const body = validateInput(
			this,
			input,
			{
				title: this.getNodeParameter('title', itemIndex),
				questionText: this.getNodeParameter('questionText', itemIndex),
				...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
			},
			itemIndex,
		);
		return await humanlyRecord.call(
			this,
			{ method: 'POST', path: HUMANLY.paths.aiTextQuestions, body },
			itemIndex,
			'aiTextQuestion',
		);
	}),
};
