import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { eachItem, type Operation } from '../../../shared/operation';
import { failInput, validateInput } from '../../../shared/input';
import { QFLOW } from '../../api';
import { enterprisePinOf } from '../../auth';
import { userId } from '../../input';
import { ssoKeyProblem, ssoLink, ssoToken } from '../../sso';

const EVENT_TARGETS = ['editEvent', 'eventGuests', 'eventStats'];

const input = z.object({
	enterprise: z
		.string({ required_error: 'Enterprise Subdomain is required' })
		.trim()
		.toLowerCase()
		.regex(
			/^[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?$/,
			'must be the subdomain only, e.g. acme for https://acme.qflowhub.io (letters, digits, - or _)',
		),
	userId,
	enterprisePin: z
		.string({ required_error: 'Enterprise PIN is required' })
		.trim()
		.min(
			1,
			'is missing: the credential’s Username has no PIN/ prefix, so set Enterprise PIN under Options',
		)
		.regex(/^[^\s/@]+$/, 'must be the short enterprise PIN, e.g. 123, without spaces, / or @'),
});

const eventId = z
	.string({ required_error: 'Event ID is required' })
	.trim()
	.regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be a Qflow event ID: letters, digits, - or _');

/** A path inside the dashboard: it must start with one "/" (no host, no "//host" that would leave Qflow). */
const customPath = z
	.string({ required_error: 'Custom Path is required' })
	.trim()
	.regex(
		/^\/(?!\/)[^\s#]*$/,
		'must be a path inside the Qflow dashboard starting with /, e.g. /events, without the host',
	);

export const generateSsoLink: Operation = {
	menuEntry: {
		name: 'Generate iFrame SSO Link',
		action: 'Generate an SSO link',
		description:
			'Build the link that signs a user into the white-label dashboard without a password (no request is sent)',
		toolDescription:
			'Generate an iFrame SSO link that signs a Qflow user into the white-label dashboard without a password, on a chosen landing page. Returns the link and its token; no request is sent. Fails when the credential has no usable Enterprise SSO Key, or the landing page needs an event ID that is missing.',
	},
	properties: [
		{
			displayName: 'Enterprise Subdomain',
			name: 'enterprise',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. acme',
			description: 'The subdomain of your branded portal: acme for https://acme.qflowhub.io',
		},
		{
			displayName: 'User ID',
			name: 'userId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 050f4a44-d7d1-452e-837a-0d2759dcfa69',
			description: 'GUID of the user to sign in (the ID from Get or Create)',
		},
		{
			displayName: 'Landing Page',
			name: 'successUrl',
			type: 'options',
			options: [
				{ name: 'Events List', value: 'events', description: QFLOW.sso.targets.events },
				{
					name: 'Edit Event',
					value: 'editEvent',
					description: QFLOW.sso.targets.editEvent('&lt;eventId&gt;'),
				},
				{
					name: 'Event Guest List',
					value: 'eventGuests',
					description: QFLOW.sso.targets.eventGuests('&lt;eventId&gt;'),
				},
				{
					name: 'Event Statistics',
					value: 'eventStats',
					description: QFLOW.sso.targets.eventStats('&lt;eventId&gt;'),
				},
				{
					name: 'Custom Path',
					value: 'custom',
					description: 'Any other path inside the dashboard',
				},
			],
			default: 'events',
			description:
				'Where in the dashboard the user lands after signing in (the successUrl of the link)',
		},
		{
			displayName: 'Event ID',
			name: 'eventId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { successUrl: EVENT_TARGETS } },
		},
		{
			displayName: 'Custom Path',
			name: 'customPath',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. /events',
			displayOptions: { show: { successUrl: ['custom'] } },
			description: 'A path inside the dashboard, starting with /, without the host',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Enterprise PIN',
					name: 'enterprisePin',
					type: 'string',
					default: '',
					placeholder: 'e.g. 123',
					description: 'By default the PIN of the credential’s Username (the part before /)',
				},
			],
		},
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const credentials = await this.getCredentials('qflowApi');
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const pinOverride =
			typeof options.enterprisePin === 'string' ? options.enterprisePin.trim() : '';
		const values = validateInput(
			this,
			input,
			{
				enterprise: this.getNodeParameter('enterprise', itemIndex),
				userId: this.getNodeParameter('userId', itemIndex),
				enterprisePin: pinOverride || enterprisePinOf(credentials.username) || '',
			},
			itemIndex,
		);

		const target = this.getNodeParameter('successUrl', itemIndex) as string;
		let successUrl: string;
		if (target === 'custom') {
			successUrl = validateInput(
				this,
				z.object({ customPath }),
				{ customPath: this.getNodeParameter('customPath', itemIndex) },
				itemIndex,
			).customPath;
		} else if (target === 'events') {
			successUrl = QFLOW.sso.targets.events;
		} else if (EVENT_TARGETS.includes(target)) {
			const event = validateInput(
				this,
				z.object({ eventId }),
				{ eventId: this.getNodeParameter('eventId', itemIndex) },
				itemIndex,
			).eventId;
			successUrl = QFLOW.sso.targets[target as 'editEvent' | 'eventGuests' | 'eventStats'](event);
		} else {
			failInput(this, `Invalid successUrl: "${target}" is not a known target`, itemIndex);
		}

		const key = typeof credentials.ssoSecretKey === 'string' ? credentials.ssoSecretKey : '';
		if (key === '') {
			failInput(
				this,
				'No Enterprise SSO Key in the Qflow credential',
				itemIndex,
				'Add the enterprise key Qflow gave you for the white-label iFrame to the credential’s Enterprise SSO Key field.',
			);
		}
		const keyProblem = ssoKeyProblem(key);
		if (keyProblem) {
			failInput(
				this,
				`The Enterprise SSO Key in the Qflow credential is not usable: ${keyProblem}`,
				itemIndex,
				'Copy the enterprise key exactly as Qflow gave it (a 32-byte string or shorter), without added spaces or line breaks.',
			);
		}

		const token = ssoToken(values.userId, values.enterprisePin, key);
		return {
			link: ssoLink(values.enterprise, successUrl, token),
			token,
			userId: values.userId,
			enterprise: values.enterprise,
			enterprisePin: values.enterprisePin,
			successUrl,
		};
	}),
};
