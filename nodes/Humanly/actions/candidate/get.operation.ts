import type { IExecuteFunctions } from 'n8n-workflow';

import { concurrentReads, eachItem, type Operation } from '../../../shared/operation';
import { HUMANLY } from '../../api';
import { candidateLocator } from '../../fields';
import { readId } from '../../helpers/readId';
import { HUMANLY_CONCURRENT_READS, humanlyRecord } from '../../transport';

export const getCandidate: Operation = {
	menuEntry: {
		name: 'Get',
		action: 'Get a candidate',
		description: 'Get one candidate by ID',
		toolDescription:
			'Get a Humanly candidate by ID. Returns their names, email, phone, external ID, SMS opt-in and archived state. Fails when no candidate has the ID.',
	},
	properties: [candidateLocator('The candidate to get')],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const candidateId = readId(this, 'candidateId', 'Candidate', itemIndex);
		return await humanlyRecord.call(
			this,
			{ method: 'GET', path: HUMANLY.paths.candidate(candidateId) },
			itemIndex,
		);
	}, concurrentReads(HUMANLY_CONCURRENT_READS)),
};
