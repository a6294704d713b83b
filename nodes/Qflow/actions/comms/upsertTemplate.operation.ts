import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { eachItem, type Operation } from '../../../shared/operation';
import { emailAddress, optionalText, requiredText, validateInput } from '../../../shared/input';
import { QFLOW } from '../../api';
import { commsPath, eventLocator, guid, qflowRecord, readEventId } from '../../helpers/checkin';

const emptyToUndefined = (value: unknown) =>
	typeof value === 'string' && value.trim() === '' ? undefined : value;

const templateBody = z.object({
	id: z.preprocess(emptyToUndefined, guid('Template ID').optional()),
	name: requiredText('Name', 200),
	html: requiredText('HTML', 500_000),
	subject: optionalText(500),
	fromAddress: z.preprocess(emptyToUndefined, emailAddress.optional()),
	fromName: optionalText(200),
	replyTo: z.preprocess(emptyToUndefined, emailAddress.optional()),
	attachPdf: z.boolean().optional(),
});

export const upsertTemplate: Operation = {
	menuEntry: {
		name: 'Create or Update Template',
		action: 'Create or update an email template',
		description:
			'Store an email template of one event; with your own Template ID the same call again updates it',
		toolDescription:
			'Create or update a Qflow email template of one event: name, subject, HTML body with merge tokens, optional PDF attachment; with your own template ID the same call updates it. Returns the stored template. Fails when the event is unknown or Qflow refuses a field.',
	},
	properties: [
		eventLocator('The event the template belongs to (one event per template)'),
		{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true },
		{
			displayName: 'HTML',
			name: 'html',
			type: 'string',
			typeOptions: { rows: 6 },
			default: '',
			required: true,
			description:
				'The email body. Merge tokens such as {{firstname}}, {{event}}, {{barcode}} and {{barcode_qr}} are filled per guest.',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Attach PDF',
					name: 'attachPdf',
					type: 'boolean',
					default: false,
					description: 'Whether every send attaches a PDF made from the same HTML',
				},
				{ displayName: 'From Address', name: 'fromAddress', type: 'string', default: '' },
				{ displayName: 'From Name', name: 'fromName', type: 'string', default: '' },
				{ displayName: 'Reply To', name: 'replyTo', type: 'string', default: '' },
				{
					displayName: 'Subject',
					name: 'subject',
					type: 'string',
					default: '',
					description: 'Merge tokens work here too, e.g. Your ticket for {{event}}',
				},
				{
					displayName: 'Template ID',
					name: 'id',
					type: 'string',
					default: '',
					description:
						'Your own GUID for the template: the same ID again updates it, and a resend is safe. Left empty, Qflow makes one.',
				},
			],
		},
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const eventId = readEventId(this, itemIndex);
		const given = validateInput(
			this,
			templateBody,
			{
				name: this.getNodeParameter('name', itemIndex),
				html: this.getNodeParameter('html', itemIndex),
				...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
			},
			itemIndex,
		);
		const body: IDataObject = { eventId };
		for (const [name, value] of Object.entries(given)) if (value !== undefined) body[name] = value;
		return await qflowRecord.call(
			this,
			// With its own id the call is an upsert, so a resend does no harm; without one it is a create.
			{
				method: 'POST',
				path: commsPath(QFLOW.commsPaths.template),
				body,
				idempotent: body.id !== undefined,
			},
			itemIndex,
		);
	}),
};
