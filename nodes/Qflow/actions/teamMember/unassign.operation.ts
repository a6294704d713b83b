import { assignmentOperation } from '../../helpers/assignment';

export const unassignTeamMember = assignmentOperation(false, {
	name: 'Unassign From Event',
	action: 'Unassign a team member from an event',
	description: 'Take a team member’s access to an event away',
	toolDescription:
		'Unassign a Qflow team member from an event, taking their access to it away. Returns the team member ID, event ID and assigned: false. Fails when no team member or event has the ID.',
});
