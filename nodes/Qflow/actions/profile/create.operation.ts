import type { IDataObject, IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';
import { z } from 'zod';

import { eachItem, type Operation } from '../../../shared/operation';
import { asList, optional, requiredText, validateInput } from '../../../shared/input';
import { QFLOW } from '../../api';
import { profilesPath, qflowShaped } from '../../helpers/checkin';

const { codes, signOutCode, signOutPin } = QFLOW.profileRestrictions;

/** `restrict_stats` → "Restrict Stats": the dropdown shows the documented codes by name. */
const restrictionOption = (code: string): INodePropertyOptions => ({
	name: code
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' '),
	value: code,
});

/** A code of the page's catalogue, optionally with its value after one space ("restrict_signout 4821"). */
const otherCode = z
	.string()
	.trim()
	.regex(
		/^[A-Za-z]\w*( [^\s,]+)?$/,
		'must be a restriction code such as restrict_stats, optionally followed by a space and its value',
	)
	.refine(
		(code) => code.split(' ')[0] !== signOutCode,
		`${signOutCode} takes its PIN from the Sign-Out PIN field`,
	);

const setting = z.object({
	name: z
		.string({ required_error: 'is required', invalid_type_error: 'must be text' })
		.trim()
		.regex(/^[A-Za-z]\w*$/, 'must be a feature name such as ContinuousScan'),
	value: z.boolean({ invalid_type_error: 'must be true or false' }),
	locked: z.boolean({ invalid_type_error: 'must be true or false' }),
});

const profileInput = z
	.object({
		name: requiredText('Name', 200),
		restrictions: z.preprocess(
			asList,
			z.array(
				z.enum(codes as [string, ...string[]], {
					errorMap: () => ({
						message: `must be one of ${codes.join(', ')}; add other codes under Other Restriction Codes`,
					}),
				}),
			),
		),
		signOutPin: optional(
			z.string().trim().regex(signOutPin.pattern, `must be ${signOutPin.what}, such as 4821`),
		),
		otherRestrictions: z.preprocess(asList, z.array(otherCode)),
		settings: z
			.array(setting)
			.refine(
				(list) => new Set(list.map(({ name }) => name)).size === list.length,
				'name each feature once',
			),
	})
	// The documented body: restriction codes as strings (the PIN inside its code), settings keyed by feature.
	.transform(({ name, restrictions, signOutPin: pin, otherRestrictions, settings }) => ({
		name,
		restrictions: [
			...new Set([
				...restrictions,
				...(pin === undefined ? [] : [`${signOutCode} ${pin}`]),
				...otherRestrictions,
			]),
		],
		settings: Object.fromEntries(settings.map(({ name: feature, ...state }) => [feature, state])),
	}));

const createdProfile = z
	.object({ [QFLOW.profileAnswers.idField]: z.union([z.string().min(1), z.number()]) })
	.passthrough();

export const createProfile: Operation = {
	menuEntry: {
		name: 'Create',
		action: 'Create a profile',
		description:
			'Create a reusable check-in app profile: what door staff may not do, and which features are on',
		toolDescription:
			'Create a Qflow profile for the check-in app: a name, restriction codes (restrict_settings, restrict_stats, a sign-out PIN) and feature settings, each on or off and locked or not. Returns the new profile with its ID, which Profile Assign to Event takes. Fails before sending when a code, PIN or feature name is invalid.',
	},
	properties: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. Door Scanner',
		},
		{
			displayName: 'Restrictions',
			name: 'restrictions',
			type: 'multiOptions',
			options: codes.map(restrictionOption),
			default: [],
			description: 'What the team member may not do in the check-in app',
		},
		{
			displayName: 'Sign-Out PIN',
			name: 'signOutPin',
			type: 'string',
			default: '',
			placeholder: 'e.g. 4821',
			description: `Locks signing out of the app behind this PIN (${signOutCode}); leave empty to allow signing out`,
		},
		{
			displayName: 'Settings',
			name: 'settings',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Setting',
			options: [
				{
					displayName: 'Setting',
					name: 'setting',
					values: [
						{
							displayName: 'Feature',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'e.g. ContinuousScan',
							description: 'The feature’s name in the check-in app',
						},
						{
							displayName: 'On',
							name: 'value',
							type: 'boolean',
							default: true,
							description: 'Whether the feature is on',
						},
						{
							displayName: 'Locked',
							name: 'locked',
							type: 'boolean',
							default: false,
							description: 'Whether the team member is kept from changing it on the device',
						},
					],
				},
			],
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Other Restriction Codes',
					name: 'otherRestrictions',
					type: 'string',
					default: '',
					placeholder: 'e.g. restrict_example, restrict_other 20',
					description:
						'Codes of Qflow’s restriction catalogue not in the list above, separated by commas; a code that takes a value has it after a space',
				},
			],
		},
	],
	// Not resent after a lost answer: a second create would make a second profile.
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const settings = this.getNodeParameter('settings', itemIndex, {}) as { setting?: unknown };
		const body = validateInput(
			this,
			profileInput,
			{
				name: this.getNodeParameter('name', itemIndex),
				restrictions: this.getNodeParameter('restrictions', itemIndex, []),
				signOutPin: this.getNodeParameter('signOutPin', itemIndex, ''),
				otherRestrictions: additional.otherRestrictions,
				settings: settings.setting ?? [],
			},
			itemIndex,
		);
		return (await qflowShaped.call(
			this,
			createdProfile,
			{ method: 'POST', path: profilesPath(), body },
			itemIndex,
		)) as IDataObject;
	}),
};
