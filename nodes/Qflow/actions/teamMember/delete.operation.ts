import type { IExecuteFunctions } from 'n8n-workflow';

import { eachItem, type Operation } from '../../../shared/operation';
import { QFLOW } from '../../api';
import { checkinPath, readId, teamMemberLocator } from '../../helpers/checkin';
import { qflowRequest } from '../../transport';

export const deleteTeamMember: Operation = {
	menuEntry: {
		name: 'Delete',
		action: 'Delete a team member',
		description: 'Remove a team member and their event access for good',
		toolDescription:
			'Delete a Qflow team member and their event access for good. Returns their ID and deleted: true. Fails when no team member has the ID.',
	},
	properties: [teamMemberLocator('The team member to delete')],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const id = readId(this, itemIndex, 'teamMemberId', 'teamMemberId');
		await qflowRequest.call(
			this,
			{ method: 'DELETE', path: checkinPath(QFLOW.checkinPaths.teamMemberDelete(id)) },
			itemIndex,
		);
		return { id, deleted: true };
	}),
};
