import type { IExecuteFunctions } from 'n8n-workflow';

import { eachItem, type Operation } from '../../../shared/operation';
import { validateInput } from '../../../shared/input';
import { QFLOW } from '../../api';
import { checkinPath, qflowRecord } from '../../helpers/checkin';
import { teamMemberBody, teamMemberProperties } from '../../helpers/team';

export const createTeamMember: Operation = {
	menuEntry: {
		name: 'Create',
		action: 'Create a team member',
		description: 'Add door or back-office staff who sign in to the check-in app',
		toolDescription:
			'Create a Qflow team member (door or back-office staff who sign in to the check-in app) with a username, email and names. Returns the new team member with their ID. Fails when another team member has the username.',
	},
	properties: teamMemberProperties(true),
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const body = validateInput(
			this,
			teamMemberBody,
			Object.fromEntries(
				['userName', 'email', 'firstName', 'lastName'].map((name) => [
					name,
					this.getNodeParameter(name, itemIndex),
				]),
			),
			itemIndex,
		);
		return await qflowRecord.call(
			this,
			{ method: 'POST', path: checkinPath(QFLOW.checkinPaths.teamMember), body },
			itemIndex,
		);
	}),
};
