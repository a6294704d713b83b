import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { eachItem, type Operation } from '../../../shared/operation';
import { failInput, validateInput } from '../../../shared/input';
import { QFLOW } from '../../api';
import {
	checkinPath,
	qflowRecord,
	qflowRecords,
	readId,
	teamMemberLocator,
} from '../../helpers/checkin';
import { teamMemberBody, teamMemberProperties } from '../../helpers/team';

export const updateTeamMember: Operation = {
	menuEntry: {
		name: 'Update',
		action: 'Update a team member',
		description:
			'Change a team member’s username, email or names; fields left out keep their value',
		toolDescription:
			'Update a Qflow team member’s username, email or names; fields left out keep their value. Returns the updated team member. Fails before sending when no field is given or no team member has the ID.',
	},
	properties: [
		teamMemberLocator('The team member to update'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: teamMemberProperties(false),
		},
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const id = readId(this, itemIndex, 'teamMemberId', 'teamMemberId');
		const changes = Object.fromEntries(
			Object.entries(this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject).filter(
				([, value]) => value !== '' && value !== undefined && value !== null,
			),
		);
		if (Object.keys(changes).length === 0)
			failInput(this, 'Nothing to update: add at least one field under Update Fields', itemIndex);
		// [assumed] PUT takes the whole record with its id: the changes go over the current values,
		// read from the enterprise list (no get-one path is documented).
		const members = await qflowRecords.call(
			this,
			{ method: 'GET', path: checkinPath(QFLOW.checkinPaths.teamMembers) },
			itemIndex,
		);
		const current = members.find((member) => String(member.id).toLowerCase() === id);
		if (!current) failInput(this, `No team member with ID ${id} in the enterprise`, itemIndex);
		const body = validateInput(this, teamMemberBody, { ...current, ...changes }, itemIndex);
		return await qflowRecord.call(
			this,
			{ method: 'PUT', path: checkinPath(QFLOW.checkinPaths.teamMember), body: { id, ...body } },
			itemIndex,
		);
	}),
};
