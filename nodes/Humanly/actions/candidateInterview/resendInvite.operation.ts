import type { IExecuteFunctions } from 'n8n-workflow';

import { eachItem, type Operation } from '../../../shared/operation';
import { HUMANLY } from '../../api';
import { candidateInterviewIdProperty } from '../../fields';
import { readId } from '../../helpers/readId';
import { humanlyRecord } from '../../transport';

export const resendCandidateInterviewInvite: Operation = {
	menuEntry: {
		name: 'Resend Invite',
		action: 'Resend an invite',
		description: 'Send the candidate the invite again, by the channels it was first sent by',
		toolDescription:
			'Resend the invite of a Humanly candidate interview by the channels it was first sent by. Returns the updated candidate interview. Fails when no candidate interview has the ID.',
	},
	properties: [
		candidateInterviewIdProperty(
			'ID of the candidate interview. An expired invite, or one that is Hired or Archived, cannot be resent.',
		),
	],
	// Not idempotent: each call sends the candidate another message, so it is never resent blindly.
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const id = readId(this, 'candidateInterviewId', 'Candidate interview', itemIndex);
		return await humanlyRecord.call(
			this,
			{ method: 'POST', path: HUMANLY.paths.candidateInterviewResend(id) },
			itemIndex,
		);
	}),
};
