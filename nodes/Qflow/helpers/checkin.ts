import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod';

import { recordLocator } from '../../shared/fields';
import { expectShape } from '../../shared/answer';
import type { ApiCall } from '../../shared/transport';
import { validateInput } from '../../shared/input';
import { QFLOW } from '../api';
import { qflowRequest } from '../transport';

/** Paths of the check-in, Comms and Profiles surfaces, from the host root (the users API's are below its prefix). */
export const checkinPath = (path: string) => `${QFLOW.checkinPrefix}${path}`;
export const commsPath = (path: string) => `${QFLOW.commsPrefix}${path}`;
/** Profiles paths have no `/api/` segment, and a POST to the prefix itself creates a profile. */
export const profilesPath = (path?: string) =>
	path === undefined ? QFLOW.profilesPrefix : `${QFLOW.profilesPrefix}/${path}`;

const GUID_REGEX =
	'^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$';

/** Qflow ids are GUIDs; checked before one goes into a URL or a body. */
export const guid = (field: string) =>
	z
		.string({ required_error: `${field} is required`, invalid_type_error: `${field} must be text` })
		.trim()
		.uuid(`must be a GUID such as 050f4a44-d7d1-452e-837a-0d2759dcfa69 (${field})`)
		.transform((value) => value.toLowerCase());

const guidMode = (what: string) => ({
	validation: [
		{
			type: 'regex' as const,
			properties: {
				regex: GUID_REGEX,
				errorMessage: `A Qflow ${what} ID is a GUID, e.g. 050f4a44-d7d1-452e-837a-0d2759dcfa69`,
			},
		},
	],
});

/** An event picked from the account's events or given by ID: every operation that takes an event. */
export const eventLocator = (description: string, name = 'eventId'): INodeProperties =>
	recordLocator({
		displayName: 'Event',
		name,
		searchListMethod: 'searchEvents',
		idPlaceholder: 'e.g. 4ef2891c-1e79-4c27-90b7-e2c20c8b13d9',
		description,
		idMode: guidMode('event'),
	});

/** A guest of the chosen event, from its guest list or by ID. */
export const guestLocator = (description: string): INodeProperties =>
	recordLocator({
		displayName: 'Guest',
		name: 'guestId',
		searchListMethod: 'searchGuests',
		idPlaceholder: 'e.g. 7bc31757-5a82-4d7a-8767-bb508f6d3481',
		description,
		idMode: guidMode('guest'),
	});

/** A team member of the enterprise, from the list or by ID. */
export const teamMemberLocator = (description: string): INodeProperties =>
	recordLocator({
		displayName: 'Team Member',
		name: 'teamMemberId',
		searchListMethod: 'searchTeamMembers',
		idPlaceholder: 'e.g. 7bc31757-5a82-4d7a-8767-bb508f6d3481',
		description,
		idMode: guidMode('team member'),
	});

/** A comms template of the chosen event, from its templates or by ID. */
export const templateLocator = (description: string): INodeProperties =>
	recordLocator({
		displayName: 'Template',
		name: 'templateId',
		searchListMethod: 'searchTemplates',
		idPlaceholder: 'e.g. 7bc31757-5a82-4d7a-8767-bb508f6d3481',
		description,
		idMode: guidMode('template'),
	});

/** The GUID a locator (or a plain string parameter) holds, checked; `field` names it in errors. */
export function readId(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	field: string,
): string {
	const locator = context.getNodeParameter(parameter, itemIndex) as
		| INodeParameterResourceLocator
		| string;
	const value = typeof locator === 'object' && locator !== null ? locator.value : locator;
	return validateInput(context, z.object({ [field]: guid(field) }), { [field]: value }, itemIndex)[
		field
	] as string;
}

export const readEventId = (context: IExecuteFunctions, itemIndex: number) =>
	readId(context, itemIndex, 'eventId', 'eventId');

/** A record as Qflow answers it: `id` is what the node relies on, the rest passes through. */
const recordShape = z.object({ id: z.string().min(1) }).passthrough();
const recordList = z.array(recordShape);

type Context = IExecuteFunctions | ILoadOptionsFunctions;

/** One call whose answer must have `shape`; a mismatch names the call and the field. */
export async function qflowShaped<Shape extends z.ZodTypeAny>(
	this: Context,
	shape: Shape,
	call: ApiCall,
	itemIndex = 0,
): Promise<z.infer<Shape>> {
	const body = await qflowRequest.call(this, call, itemIndex);
	return expectShape(this, shape, body, `${call.method} ${call.path}`, itemIndex);
}

/** One call answered with one record (an event, guest, team member, template). */
export async function qflowRecord(
	this: Context,
	call: ApiCall,
	itemIndex = 0,
): Promise<IDataObject> {
	return (await qflowShaped.call(this, recordShape, call, itemIndex)) as IDataObject;
}

/** One call answered with a bare array of records (the guest list and [assumed] the other lists). */
export async function qflowRecords(
	this: Context,
	call: ApiCall,
	itemIndex = 0,
): Promise<IDataObject[]> {
	return (await qflowShaped.call(this, recordList, call, itemIndex)) as IDataObject[];
}

/** An object answer whose shape is [assumed] (statistics): only that it is an object is checked. */
export async function qflowObject(
	this: Context,
	call: ApiCall,
	itemIndex = 0,
): Promise<IDataObject> {
	return (await qflowShaped.call(this, z.record(z.unknown()), call, itemIndex)) as IDataObject;
}
