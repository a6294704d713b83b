import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { eachItem, type Operation } from '../../../shared/operation';
import { asList, validateInput } from '../../../shared/input';
import { HUMANLY } from '../../api';
import { candidateInterviewIdProperty, deliveryTypesProperty } from '../../fields';
import { readId } from '../../helpers/readId';
import { oneOf } from '../../input';
import { humanlyRecord } from '../../transport';

/** The sending-invites guide's body: `{ "deliveryTypes": [...] }`. */
const input = z.object({
	deliveryTypes: z.preprocess(
		asList,
		z
			.array(oneOf(HUMANLY.deliveryTypes), { invalid_type_error: 'must be a list of email, sms' })
			.min(1, 'must name at least one channel: email, sms')
			.transform((types) => [...new Set(types)]),
	),
});

export const resendCandidateInterviewInvite: Operation = {
	menuEntry: {
		name: 'Resend Invite',
		action: 'Resend an invite',
		description: 'Send the candidate the invite again, by email and/or SMS',
		toolDescription:
			'Resend the invite of a Humanly candidate interview by email and/or SMS. Returns the updated candidate interview. Fails when no candidate interview has the ID, and when Humanly refuses SMS to a candidate who did not opt in.',
	},
	properties: [
		candidateInterviewIdProperty(
			'ID of the candidate interview. An expired invite, or one that is Hired or Archived, cannot be resent.',
		),
		deliveryTypesProperty(
			'How the invite reaches the candidate again. SMS works only for candidates who opted in to SMS and have a phone number.',
		),
	],
	// Not idempotent: each call sends the candidate another message, so it is never resent blindly.
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const id = readId(this, 'candidateInterviewId', 'Candidate interview', itemIndex);
		const body = validateInput(
			this,
			input,
			{ deliveryTypes: this.getNodeParameter('deliveryTypes', itemIndex, ['email']) },
			itemIndex,
		);
		return await humanlyRecord.call(
			this,
			{ method: 'POST', path: HUMANLY.paths.candidateInterviewResend(id), body },
			itemIndex,
		);
	}),
};
