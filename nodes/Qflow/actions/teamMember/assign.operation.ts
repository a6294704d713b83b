import { assignmentOperation } from '../../helpers/assignment';

export const assignTeamMember = assignmentOperation(true, {
	name: 'Assign to Event',
	action: 'Assign a team member to an event',
	description: 'Give a team member access to an event in the check-in app',
	toolDescription:
		'Assign a Qflow team member to an event, giving them access to it in the check-in app. Returns the team member ID, event ID and assigned: true. Fails when no team member or event has the ID.',
});
