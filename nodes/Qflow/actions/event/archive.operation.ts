import { lifecycleOperation } from '../../helpers/events';

export const archiveEvent = lifecycleOperation('archive', {
	name: 'Archive',
	action: 'Archive an event',
	description: 'Move an event to the archive; its guests and statistics stay',
	toolDescription:
		'Archive a Qflow event by ID: it moves to the archive and keeps its guests and statistics. Returns the archived event. Fails when no event has the ID.',
});
