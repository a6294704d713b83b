import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { eachItem, type Operation } from '../../../shared/operation';
import { asList, optional, validateInput } from '../../../shared/input';
import { HUMANLY } from '../../api';
import { candidateLocator, deliveryTypesProperty, interviewLocator } from '../../fields';
import { humanlyId, oneOf, optionalHttpUrl } from '../../input';
import { humanlyRecord } from '../../transport';

const input = z.object({
	candidateId: humanlyId('Candidate'),
	interviewId: humanlyId('Interview'),
	deliveryTypes: z.preprocess(
		asList,
		z
			.array(oneOf(HUMANLY.deliveryTypes), { invalid_type_error: 'must be a list of email, sms' })
			.min(1, 'must name at least one channel: email, sms')
			.transform((types) => [...new Set(types)]),
	),
	expiryDays: optional(
		z
			.number({ invalid_type_error: 'must be a number of days' })
			.int('must be a whole number of days')
			.min(1, 'must be at least 1 day')
			.max(HUMANLY.maxExpiryDays, `must be at most ${HUMANLY.maxExpiryDays} days`),
	),
	externalRedirectUri: optional(
		z
			.string()
			.trim()
			.url('must be a full URL, like https://careers.example.com/thanks')
			.refine((url) => /^https?:\/\//i.test(url), 'must start with http:// or https://'),
	),
	sendInvite: optional(z.boolean({ invalid_type_error: 'must be true or false' })),
	[HUMANLY.fields.inviteWebhookUrl]: optionalHttpUrl,
});

export const inviteCandidate: Operation = {
	menuEntry: {
		name: 'Invite',
		action: 'Invite a candidate',
		description:
			'Create a candidate interview and send the candidate the invite by email and/or SMS',
		toolDescription:
			'Invite a Humanly candidate to an interview by email and/or SMS, with optional expiry days, redirect URL and a webhook URL for this invite’s events. Returns the new candidate interview with its status, inviteToken and expiry. Fails when no candidate or interview has the ID, or Humanly refuses the channel (e.g. SMS to a candidate without a phone).',
	},
	properties: [
		candidateLocator('The candidate to invite'),
		interviewLocator('The interview the candidate is invited to'),
		deliveryTypesProperty(
			'How the invite reaches the candidate. SMS works only for candidates who opted in to SMS (SMS Opt In on the candidate) and have a phone number; otherwise Humanly refuses the invite with a validation error.',
		),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Expiry Days',
					name: 'expiryDays',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: HUMANLY.maxExpiryDays },
					default: 7,
					description: 'Days the invite stays valid; Humanly’s default applies when left out',
				},
				{
					displayName: 'Redirect URL',
					name: 'externalRedirectUri',
					type: 'string',
					default: '',
					placeholder: 'https://careers.example.com/thanks',
					description: 'Where the candidate goes after finishing the interview',
				},
				{
					displayName: 'Send Invite',
					name: 'sendInvite',
					type: 'boolean',
					default: true,
					description:
						'Whether Humanly sends the invite now. Off creates the candidate interview without contacting the candidate.',
				},
				{
					displayName: 'Webhook URL',
					name: 'webhookUrl',
					type: 'string',
					default: '',
					placeholder: 'https://example.com/webhooks/humanly',
					description:
						'A URL Humanly calls with the events of this candidate interview (such as completed), besides your organization’s webhooks. A Humanly Trigger’s Production URL works.',
				},
			],
		},
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body = validateInput(
			this,
			input,
			{
				candidateId: this.getNodeParameter('candidateId', itemIndex, '', { extractValue: true }),
				interviewId: this.getNodeParameter('interviewId', itemIndex, '', { extractValue: true }),
				deliveryTypes: this.getNodeParameter('deliveryTypes', itemIndex, []),
				expiryDays: additional.expiryDays,
				externalRedirectUri: additional.externalRedirectUri,
				sendInvite: additional.sendInvite,
				[HUMANLY.fields.inviteWebhookUrl]: additional.webhookUrl,
			},
			itemIndex,
		);
		return await humanlyRecord.call(
			this,
			{ method: 'POST', path: HUMANLY.paths.candidateInterviews, body },
			itemIndex,
		);
	}),
};
