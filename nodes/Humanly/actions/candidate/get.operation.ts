import type { IExecuteFunctions } from 'n8n-workflow';

import { eachItem, type Operation } from '../../../shared/router';
import { HUMANLY } from '../../api';
import { candidateLocator } from '../../descriptions';
import { readId } from '../../schemas';
import { humanlyRecord } from '../../transport';

export const getCandidate: Operation = {
	option: { name: 'Get', action: 'Get a candidate', description: 'Get one candidate by ID' },
	description: [candidateLocator('The candidate to get')],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const candidateId = readId(this, 'candidateId', 'Candidate', itemIndex);
		return await humanlyRecord.call(this, { method: 'GET', path: HUMANLY.paths.candidate(candidateId) }, itemIndex);
	}),
};
