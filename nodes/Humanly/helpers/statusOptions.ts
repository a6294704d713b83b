import type { INodePropertyOptions } from 'n8n-workflow';

/** The documented candidate interview statuses, in the order an invite moves through them. */
export const statusOptions: INodePropertyOptions[] = [
	{ name: 'Invite Sent', value: 'invite_sent', description: 'Invited; no answers yet' },
	{
		name: 'New Response',
		value: 'new_response',
		description: 'The candidate answered; not reviewed yet',
	},
	{
		name: 'Has Reviewed',
		value: 'has_reviewed',
		description: 'A reviewer has looked at the answers',
	},
	{
		name: 'Partially Completed',
		value: 'partially_completed',
		description: 'The candidate answered some questions',
	},
	{ name: 'Hired', value: 'hired' },
	{ name: 'Archived', value: 'archived', description: 'Closed without hiring' },
];
