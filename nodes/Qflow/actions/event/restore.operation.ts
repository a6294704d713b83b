import { lifecycleOperation } from '../../helpers/events';

export const restoreEvent = lifecycleOperation('restore', {
	name: 'Restore',
	action: 'Restore an archived event',
	description: 'Bring an archived event back to active',
	toolDescription:
		'Restore an archived Qflow event by ID to active. Returns the restored event. Fails when no event has the ID.',
});
