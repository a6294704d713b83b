import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { eachItem, type Operation } from '../../../shared/operation';
import { optional, validateInput } from '../../../shared/input';
import { HUMANLY } from '../../api';
import { teamLocator } from '../../fields';
import { readId } from '../../helpers/readId';
import { optionalHttpUrl } from '../../input';
import { humanlyRecord } from '../../transport';

/** Six hex digits, sent without `#` as Humanly stores colours; a leading `#` is dropped. */
const colour = optional(
	z
		.string({ invalid_type_error: 'must be text' })
		.trim()
		.transform((value) => value.replace(/^#/, ''))
		.refine(
			(value) => HUMANLY.colourPattern.test(value),
			'must be six hex digits, like 1F6FEB (a leading # is dropped)',
		),
);

const input = z
	.object({
		branding: z.object({
			logoUrl: optionalHttpUrl,
			accentColor: colour,
			buttonColor: colour,
			backgroundImage: optionalHttpUrl,
		}),
	})
	.refine(({ branding }) => Object.values(branding).some((value) => value !== undefined), {
		path: ['branding'],
		message: 'set at least one of logo, accent colour, button colour, background image',
	})
	.transform(({ branding }) =>
		Object.fromEntries(Object.entries(branding).filter(([, value]) => value !== undefined)),
	);

export const updateTeamBranding: Operation = {
	menuEntry: {
		name: 'Update Branding',
		action: 'Update team branding',
		description: 'Set a team’s logo, colours and background',
		toolDescription:
			'Update the branding of a Humanly team: logo URL, accent and button colours (six hex digits) and background image; fields left empty are not changed. Returns the updated team. Fails before sending when a colour is not six hex digits or nothing is given.',
	},
	properties: [
		teamLocator('The team whose branding to update'),
		{
			displayName: 'Branding',
			name: 'branding',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Accent Color',
					name: 'accentColor',
					type: 'color',
					default: '',
					description: 'Six hex digits, like 1F6FEB',
				},
				{
					displayName: 'Background Image URL',
					name: 'backgroundImage',
					type: 'string',
					default: '',
					placeholder: 'https://example.com/background.jpg',
				},
				{
					displayName: 'Button Color',
					name: 'buttonColor',
					type: 'color',
					default: '',
					description: 'Six hex digits, like 0B5FFF',
				},
				{
					displayName: 'Logo URL',
					name: 'logoUrl',
					type: 'string',
					default: '',
					placeholder: 'https://example.com/logo.png',
				},
			],
		},
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const teamId = readId(this, 'teamId', 'Team', itemIndex);
		const body = validateInput(
			this,
			input,
			{ branding: this.getNodeParameter('branding', itemIndex, {}) as IDataObject },
			itemIndex,
		);
		// Setting the same branding twice leaves the same team: safe to resend after a lost answer.
		return await humanlyRecord.call(
			this,
			{ method: 'PATCH', path: HUMANLY.paths.teamBranding(teamId), body, idempotent: true },
			itemIndex,
			'team',
		);
	}),
};
