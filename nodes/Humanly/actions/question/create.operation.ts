import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { eachItem, type Operation } from '../../../shared/operation';
import { optional, optionalText, requiredText, validateInput } from '../../../shared/input';
import { HUMANLY } from '../../api';
import { optionalHttpUrl, optionalId } from '../../input';
import { questionTitleProperty } from '../../fields';
import { humanlyRecord } from '../../transport';

const input = z
	.object({
		title: requiredText('Title'),
		questionScript: optionalText(5000),
		description: optionalText(2000),
		audioURL: optionalHttpUrl,
		generateAudio: optional(z.boolean({ invalid_type_error: 'must be true or false' })),
		narratorId: optionalId('Narrator'),
		userId: optionalId('User'),
	})
	.superRefine((question, context) => {
		if (question.generateAudio && !question.questionScript)
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['questionScript'],
				message: 'is required to generate audio: the narrator reads it',
			});
		else if (!question.questionScript && !question.audioURL)
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['questionScript'],
				message: 'or an Audio URL is required: the question needs something to play',
			});
	});

export const createQuestion: Operation = {
	menuEntry: {
		name: 'Create Audio Question',
		action: 'Create an audio question',
		description:
			'Create an audio question from a script: with an audio URL, or with Generate Audio, spoken by a narrator (the organization’s default unless one is picked). Returns the new question. Humanly’s question.audio_generated webhook says when generated audio is ready.',
		toolDescription:
			'Create a Humanly audio question from a script, with an audio URL or generated audio spoken by a narrator (the organization’s default unless one is picked). Returns the new question with its ID; the question.audio_generated webhook says when generated audio is ready. Fails when Humanly refuses a field, e.g. an unknown narrator.',
	},
	properties: [
		questionTitleProperty('Tell me about yourself'),
		{
			displayName: 'Question Script',
			name: 'questionScript',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			placeholder: 'Tell me about yourself and your background.',
			description:
				'What the question says. Needed to generate audio; without it, give an Audio URL under Additional Fields.',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Audio URL',
					name: 'audioURL',
					type: 'string',
					default: '',
					placeholder: 'https://example.com/question.mp3',
					description: 'A recording of the question, instead of generated audio',
				},
				{
					displayName: 'Created By Name or ID',
					name: 'userId',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getUsers' },
					default: '',
					description:
						'The user who creates the question, of the API key’s organization and team. Humanly’s newer reference takes the key’s user when left out; its older one requires it. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					default: '',
				},
				{
					displayName: 'Generate Audio',
					name: 'generateAudio',
					type: 'boolean',
					default: false,
					description: 'Whether Humanly speaks the script with a text-to-speech narrator',
				},
				{
					displayName: 'Narrator Name or ID',
					name: 'narratorId',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getNarrators' },
					default: '',
					description:
						'Who speaks generated audio; the organization’s default narrator when left out. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
			],
		},
	],
	// Not idempotent: a resend after a lost answer would create a second question.
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const body = validateInput(
			this,
			input,
			{
				title: this.getNodeParameter('title', itemIndex),
				questionScript: this.getNodeParameter('questionScript', itemIndex, ''),
				...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
			},
			itemIndex,
		);
		return await humanlyRecord.call(
			this,
			{ method: 'POST', path: HUMANLY.paths.questions, body },
			itemIndex,
			'question',
		);
	}),
};
