import type { IExecuteFunctions } from 'n8n-workflow';

import { concurrentReads, eachItem, type Operation } from '../../../shared/operation';
import { HUMANLY } from '../../api';
import { candidateInterviewIdProperty } from '../../fields';
import { readId } from '../../helpers/readId';
import { HUMANLY_CONCURRENT_READS, humanlyRecord } from '../../transport';

export const getCandidateInterview: Operation = {
	menuEntry: {
		name: 'Get',
		action: 'Get a candidate interview',
		description: 'Get one candidate interview (an invite and its status) by ID',
		toolDescription:
			'Get a Humanly candidate interview (an invite) by ID. Returns its status, inviteToken, expiry and when the invite was sent. Fails when no candidate interview has the ID.',
	},
	properties: [
		candidateInterviewIdProperty('ID of the candidate interview, as returned by Invite'),
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const id = readId(this, 'candidateInterviewId', 'Candidate interview', itemIndex);
		return await humanlyRecord.call(
			this,
			{ method: 'GET', path: HUMANLY.paths.candidateInterview(id) },
			itemIndex,
		);
	}, concurrentReads(HUMANLY_CONCURRENT_READS)),
};
