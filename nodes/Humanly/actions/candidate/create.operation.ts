import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { emailProperty, personNameProperties } from '../../../shared/fields';
import { eachItem, type Operation } from '../../../shared/operation';
import { emailAddress, optionalText, requiredText, validateInput } from '../../../shared/input';
import { HUMANLY } from '../../api';
import { optionalBoolean, optionalPhone, optionalTimezone } from '../../input';
import { humanlyRecord } from '../../transport';

const input = z.object({
	firstName: requiredText('First Name', 100),
	lastName: requiredText('Last Name', 100),
	email: emailAddress,
	phone: optionalPhone,
	externalId: optionalText(200),
	timezone: optionalTimezone,
	smsOptIn: optionalBoolean,
});

export const createCandidate: Operation = {
	menuEntry: {
		name: 'Create',
		action: 'Create a candidate',
		description: 'Add a candidate, e.g. from your ATS, so they can be invited to interviews',
		toolDescription:
			'Create a Humanly candidate from first and last name, email and optional phone (E.164), external ID, time zone and SMS opt-in. Returns the new candidate with their ID. Fails when Humanly refuses a field, e.g. a malformed email or phone.',
	},
	properties: [
		...personNameProperties,
		emailProperty(),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'External ID',
					name: 'externalId',
					type: 'string',
					default: '',
					description: 'Your own reference for the candidate, e.g. the ID in your ATS',
				},
				{
					displayName: 'Phone',
					name: 'phone',
					type: 'string',
					default: '',
					placeholder: '+14155550100',
					description: 'In E.164 form: + and country code, digits only. Needed for SMS invites.',
				},
				{
					displayName: 'SMS Opt In',
					name: 'smsOptIn',
					type: 'boolean',
					default: false,
					description:
						'Whether the candidate agreed to receive text messages. Only then (and with a phone number) can invites go by SMS.',
				},
				{
					displayName: 'Time Zone',
					name: 'timezone',
					type: 'string',
					default: '',
					placeholder: 'America/New_York',
					description: 'IANA time zone name of the candidate',
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
				firstName: this.getNodeParameter('firstName', itemIndex),
				lastName: this.getNodeParameter('lastName', itemIndex),
				email: this.getNodeParameter('email', itemIndex),
				...additional,
			},
			itemIndex,
		);
		return await humanlyRecord.call(
			this,
			{ method: 'POST', path: HUMANLY.paths.candidates, body },
			itemIndex,
		);
	}),
};
