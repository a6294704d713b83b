import { blockOperation } from '../../helpers/block';

export const blockGuest = blockOperation(true, {
	name: 'Block',
	action: 'Block a guest',
	description:
		'Stop a guest from being checked in, given by ID or barcode, in batches of up to 200',
	toolDescription:
		'Block a guest of a Qflow event, given by ID or barcode, with an optional reason shown at the door; items are sent in batches. Returns the blocked guest, one item per input item. Fails the item when the event has no such guest.',
});
