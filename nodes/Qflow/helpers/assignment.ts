import type { IExecuteFunctions } from 'n8n-workflow';

import { eachItem, type Operation } from '../../shared/operation';
import { QFLOW } from '../api';
import {
	checkinPath,
	eventLocator,
	qflowObject,
	readEventId,
	readId,
	teamMemberLocator,
} from './checkin';

/** Assign or Unassign a team member to or from an event (assign documented, unassign [assumed]). */
export function assignmentOperation(assign: boolean, menuEntry: Operation['menuEntry']): Operation {
	return {
		menuEntry,
		properties: [
			teamMemberLocator(
				assign ? 'The team member to give access' : 'The team member to take access from',
			),
			eventLocator(assign ? 'The event they may work at' : 'The event they may no longer work at'),
		],
		execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
			const teamMemberId = readId(this, itemIndex, 'teamMemberId', 'teamMemberId');
			const eventId = readEventId(this, itemIndex);
			const path = (
				assign ? QFLOW.checkinPaths.teamMemberAssign : QFLOW.checkinPaths.teamMemberUnassign
			)(teamMemberId, eventId);
			// Assigning twice leaves one assignment: safe to resend.
			const answer = await qflowObject.call(
				this,
				{ method: 'POST', path: checkinPath(path), idempotent: true },
				itemIndex,
			);
			return { teamMemberId, eventId, assigned: assign, ...answer };
		}),
	};
}
