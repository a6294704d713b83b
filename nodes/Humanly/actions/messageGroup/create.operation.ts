import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { eachItem, type Operation } from '../../../shared/operation';
import { optional, optionalText, requiredText, validateInput } from '../../../shared/input';
import { HUMANLY } from '../../api';
import { interviewTypeOptions } from '../../fields';
import { oneOf } from '../../input';
import { humanlyRecord } from '../../transport';

const enabled = optional(z.boolean({ invalid_type_error: 'must be true or false' }));

const input = z.object({
	title: requiredText('Title'),
	type: oneOf(HUMANLY.messageGroupTypes),
	default: enabled,
	messages: optional(
		z.array(
			z.object({
				type: oneOf(HUMANLY.messageTypes),
				smsBody: optionalText(1600),
				smsEnabled: enabled,
				emailSubject: optionalText(200),
				emailBody: optionalText(20000),
				emailEnabled: enabled,
			}),
		),
	),
});

export const createMessageGroup: Operation = {
	menuEntry: {
		name: 'Create',
		action: 'Create a message group',
		description: 'Create the SMS and email texts of invites',
		toolDescription:
			'Create a Humanly message group: the SMS and email texts that invites of one interview type go out with ({{link}} stands for the interview link). Returns the new message group with its messages. Fails before sending when the interview type or a message kind is unknown.',
	},
	properties: [
		{ displayName: 'Title', name: 'title', type: 'string', default: '', required: true },
		{
			displayName: 'Interview Type',
			name: 'type',
			type: 'options',
			options: interviewTypeOptions,
			default: 'standard',
			description: 'The kind of interview whose invites use this group',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Default',
					name: 'default',
					type: 'boolean',
					default: false,
					description: 'Whether this group is the default of its interview type',
				},
				{
					displayName: 'Messages',
					name: 'messages',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					default: {},
					placeholder: 'Add Message',
					options: [
						{
							displayName: 'Message',
							name: 'message',
							values: [
								{
									displayName: 'Email Body',
									name: 'emailBody',
									type: 'string',
									typeOptions: { rows: 4 },
									default: '',
								},
								{
									displayName: 'Email Enabled',
									name: 'emailEnabled',
									type: 'boolean',
									default: false,
									description: 'Whether this message goes out by email',
								},
								{
									displayName: 'Email Subject',
									name: 'emailSubject',
									type: 'string',
									default: '',
								},
								{
									displayName: 'Kind',
									name: 'type',
									type: 'options',
									options: [
										{ name: 'Invite', value: 'INVITE' },
										{ name: 'Reminder', value: 'REMINDER' },
									],
									default: 'INVITE',
								},
								{
									displayName: 'SMS Body',
									name: 'smsBody',
									type: 'string',
									default: '',
									placeholder: 'Hi, your interview is ready: {{link}}',
								},
								{
									displayName: 'SMS Enabled',
									name: 'smsEnabled',
									type: 'boolean',
									default: false,
									description: 'Whether this message goes out by SMS',
								},
							],
						},
					],
				},
			],
		},
	],
	// Not idempotent: a resend after a lost answer would create a second group.
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const { messages, ...additional } = this.getNodeParameter(
			'additionalFields',
			itemIndex,
			{},
		) as IDataObject;
		const body = validateInput(
			this,
			input,
			{
				title: this.getNodeParameter('title', itemIndex),
				type: this.getNodeParameter('type', itemIndex),
				...additional,
				messages: (messages as { message?: IDataObject[] } | undefined)?.message,
			},
			itemIndex,
		);
		return await humanlyRecord.call(
			this,
			{ method: 'POST', path: HUMANLY.paths.messageGroups, body },
			itemIndex,
			'messageGroup',
		);
	}),
};
