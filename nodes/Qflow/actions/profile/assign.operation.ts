import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { eachItem, type Operation } from '../../../shared/operation';
import { asList, validateInput } from '../../../shared/input';
import { QFLOW } from '../../api';
import { eventLocator, guid, profilesPath, qflowShaped, readEventId } from '../../helpers/checkin';

const assignInput = z.object({
	// The page shows no id format; it goes in the body, so only what cannot be an id is refused.
	profileId: z
		.string({ required_error: 'is required', invalid_type_error: 'must be text' })
		.trim()
		.regex(/^[^\s/?#]{1,100}$/, 'must be the profile’s ID as Profile Create returns it'),
	teamMemberIds: z
		.preprocess(
			asList,
			z
				.array(guid('teamMemberIds'), { invalid_type_error: 'must be a list of team member IDs' })
				.min(1, 'must name at least one team member'),
		)
		.transform((ids) => [...new Set(ids)]),
});

/** [assumed] an object or nothing (api.ts, profileAnswers). */
const assignAnswer = z.union([z.record(z.unknown()), z.literal(''), z.null(), z.undefined()]);

export const assignProfile: Operation = {
	menuEntry: {
		name: 'Assign to Event',
		action: 'Assign a profile to an event',
		description: 'Give team members a profile for one event; their devices pick it up',
		toolDescription:
			'Assign a Qflow profile to one or more team members for one event, so their check-in app follows its restrictions and settings there. Returns the profile ID, event ID, team member IDs and assigned: true. Fails when the profile, event or a team member is unknown, or a team member ID is not a GUID.',
	},
	properties: [
		{
			displayName: 'Profile ID',
			name: 'profileId',
			type: 'string',
			default: '',
			required: true,
			description: 'The profile’s ID, as Profile Create returns it',
		},
		eventLocator('The event the team members work at with this profile'),
		{
			displayName: 'Team Member IDs',
			name: 'teamMemberIds',
			type: 'string',
			default: '',
			required: true,
			placeholder:
				'e.g. 7bc31757-5a82-4d7a-8767-bb508f6d3481, 050f4a44-d7d1-452e-837a-0d2759dcfa69',
			description:
				'The team members who get the profile on this event: IDs separated by commas, or a list from an expression',
		},
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const eventId = readEventId(this, itemIndex);
		const { profileId, teamMemberIds } = validateInput(
			this,
			assignInput,
			{
				profileId: this.getNodeParameter('profileId', itemIndex),
				teamMemberIds: this.getNodeParameter('teamMemberIds', itemIndex),
			},
			itemIndex,
		);
		const extra = await qflowShaped.call(
			this,
			assignAnswer,
			{
				method: 'POST',
				path: profilesPath(QFLOW.profilesPaths.assign),
				body: { profileId, eventId, teamMemberIds },
				idempotent: QFLOW.profileAnswers.assignResendable,
			},
			itemIndex,
		);
		return {
			profileId,
			eventId,
			teamMemberIds,
			assigned: true,
			...(typeof extra === 'object' && extra !== null ? extra : {}),
		} as IDataObject;
	}),
};
