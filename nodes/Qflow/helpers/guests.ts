import { randomUUID } from 'node:crypto';

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { emailAddress, optionalText, requiredText, validateInput } from '../../shared/input';
import { QFLOW } from '../api';
import { guid, readEventId } from './checkin';

const emptyToUndefined = (value: unknown) =>
	typeof value === 'string' && value.trim() === '' ? undefined : value;

/** The tags of a comma-separated tag string, each trimmed (checkin/tags). */
export const tagsOf = (value: string): string[] =>
	value
		.split(',')
		.map((tag) => tag.trim())
		.filter(Boolean);

/**
 * Tags go as one comma-separated string, each tag trimmed (checkin/tags); the characters Qflow
 * refuses fail the item before sending, naming the tag.
 */
export const tags = z.preprocess(
	emptyToUndefined,
	z
		.string({ invalid_type_error: 'must be text: tags separated by commas' })
		.transform((value, ctx) => {
			const list = tagsOf(value);
			for (const tag of list)
				if (QFLOW.tagForbiddenCharacters.test(tag))
					ctx.addIssue({
						code: 'custom',
						message: `tag "${tag}" holds a character Qflow does not allow in tags (# % ' " or a line break)`,
					});
			return list.join(', ');
		})
		.optional(),
);

const optionalDate = z.preprocess(
	emptyToUndefined,
	z
		.string()
		.refine((value) => !Number.isNaN(Date.parse(value)), 'must be a date and time')
		.optional(),
);

/** The guest fields a create or upsert sends besides `id` and `eventId` (the documented guest record). */
export const guestFields = z.object({
	firstName: requiredText('First Name', 100),
	lastName: requiredText('Last Name', 100),
	email: z.preprocess(emptyToUndefined, emailAddress.optional()),
	otherNames: optionalText(100),
	plusOnes: z.preprocess(
		(value) => (value === '' || value === null ? undefined : value),
		z
			.number({ invalid_type_error: 'must be a number' })
			.int('must be a whole number')
			.min(0, 'must be 0 or more')
			.optional(),
	),
	additionalInfo: optionalText(4000),
	barcode: optionalText(200),
	tags,
	validFrom: optionalDate,
	validTo: optionalDate,
	isGroup: z.boolean().optional(),
	image: optionalText(2000),
	customId: optionalText(200),
	commsTemplateId: z.preprocess(emptyToUndefined, guid('Email Template ID').optional()),
	correlationId: optionalText(200),
});

/** Guest ID, names and the optional fields, as Create or Update and Create or Update Many show them. */
export const guestProperties: INodeProperties[] = [
	{
		displayName: 'Guest ID',
		name: 'guestId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 7bc31757-5a82-4d7a-8767-bb508f6d3481',
		description:
			'Your own GUID for this guest, e.g. from your CRM or form. The same ID again updates the same guest instead of adding another. Left empty, the node makes one per item, so a resend after a lost answer still adds the guest once.',
	},
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '', required: true },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '', required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Additional Info',
				name: 'additionalInfo',
				type: 'string',
				default: '',
				description: 'Notes shown with the guest at the door (the {{guestnotes}} merge token)',
			},
			{
				displayName: 'Barcode',
				name: 'barcode',
				type: 'string',
				default: '',
				description: 'The ticket code the door scans; Qflow makes one when left empty',
			},
			{ displayName: 'Custom ID', name: 'customId', type: 'string', default: '' },
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
			{
				displayName: 'Email Correlation ID',
				name: 'correlationId',
				type: 'string',
				default: '',
				description:
					'Your reference for the email sent with Email Template ID, echoed in the comms webhooks, e.g. an order number',
			},
			{
				displayName: 'Email Template ID',
				name: 'commsTemplateId',
				type: 'string',
				default: '',
				description:
					'A comms template of the same event: Qflow emails it to the new guest in the same call (needs Comms enabled on the account)',
			},
			{ displayName: 'Image URL', name: 'image', type: 'string', default: '' },
			{
				displayName: 'Is Group',
				name: 'isGroup',
				type: 'boolean',
				default: false,
				description: 'Whether the guest stands for a group',
			},
			{ displayName: 'Other Names', name: 'otherNames', type: 'string', default: '' },
			{
				displayName: 'Plus Ones',
				name: 'plusOnes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'How many people come with the guest; they are checked in with them',
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'e.g. VIP, {tickettype}Main Entry, {session}Keynote',
				description:
					'Tags separated by commas. Prefixes {tickettype}, {session} and {rsvp} count toward the event totals, {extra} and {merch} are add-ons that do not; ::Sessions:Day 1:Keynote makes a tree tag. Not allowed: # % \' " and line breaks.',
			},
			{ displayName: 'Valid From', name: 'validFrom', type: 'dateTime', default: '' },
			{ displayName: 'Valid To', name: 'validTo', type: 'dateTime', default: '' },
		],
	},
];

/**
 * One item's guest record, checked: its event, the client GUID (a new one when none is given, so
 * resending the same body can add the guest only once), names and optional fields.
 */
export function readGuestRecord(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const eventId = readEventId(context, itemIndex);
	const given = context.getNodeParameter('guestId', itemIndex, '') as string;
	const id =
		typeof given === 'string' && given.trim() === ''
			? randomUUID()
			: validateInput(
					context,
					z.object({ guestId: guid('Guest ID') }),
					{ guestId: given },
					itemIndex,
				).guestId;
	const fields = validateInput(
		context,
		guestFields,
		{
			firstName: context.getNodeParameter('firstName', itemIndex),
			lastName: context.getNodeParameter('lastName', itemIndex),
			...(context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
		},
		itemIndex,
	);
	const record: IDataObject = { id, eventId };
	for (const [name, value] of Object.entries(fields)) if (value !== undefined) record[name] = value;
	return record;
}

/** The fields of a guest most workflows need (Simplify): the record has 23. */
export const simplifyGuest = (guest: IDataObject): IDataObject => ({
	id: guest.id,
	firstName: guest.firstName,
	lastName: guest.lastName,
	email: guest.email,
	barcode: guest.barcode,
	tags: guest.tags,
	plusOnes: guest.plusOnes,
	admitted: guest.admitted,
	blockedDate: guest.blockedDate,
	eventId: guest.eventId,
});
