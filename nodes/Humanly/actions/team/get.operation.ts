import type { IExecuteFunctions } from 'n8n-workflow';

import { concurrentReads, eachItem, type Operation } from '../../../shared/operation';
import { HUMANLY } from '../../api';
import { teamLocator } from '../../fields';
import { readId } from '../../helpers/readId';
import { HUMANLY_CONCURRENT_READS, humanlyRecord } from '../../transport';

export const getTeam: Operation = {
	menuEntry: {
		name: 'Get',
		action: 'Get a team',
		description: 'Get one team and its branding',
		toolDescription:
			'Get a Humanly team by ID. Returns its name, display name, description and branding (logo, colours, background image). Fails when no team has the ID.',
	},
	properties: [teamLocator('The team to get')],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const teamId = readId(this, 'teamId', 'Team', itemIndex);
		return await humanlyRecord.call(
			this,
			{ method: 'GET', path: HUMANLY.paths.team(teamId) },
			itemIndex,
			'team',
		);
	}, concurrentReads(HUMANLY_CONCURRENT_READS)),
};
