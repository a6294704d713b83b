import { blockOperation } from '../../helpers/block';

export const unblockGuest = blockOperation(false, {
	name: 'Unblock',
	action: 'Unblock a guest',
	description:
		'Let a blocked guest be checked in again, given by ID or barcode, in batches of up to 200',
	toolDescription:
		'Unblock a guest of a Qflow event, given by ID or barcode, so they can be checked in again; items are sent in batches. Returns the guest, one item per input item. Fails the item when the event has no such guest.',
});
