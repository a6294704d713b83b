import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { z } from 'zod';

import { validateInput } from '../../shared/input';
import { QFLOW } from '../api';
import { newUser, userFields } from '../input';
import { qflowUser } from '../transport';

export type NewUser = z.infer<typeof newUser>;

/** The names, email, additional fields and password of Create and Create or Update, checked before sending. */
export function readNewUser(context: IExecuteFunctions, itemIndex: number): NewUser {
	const additional = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return validateInput(
		context,
		newUser,
		{
			...additional,
			firstName: context.getNodeParameter('firstName', itemIndex),
			lastName: context.getNodeParameter('lastName', itemIndex),
			email: context.getNodeParameter('email', itemIndex),
		},
		itemIndex,
	);
}

/** Create User: the validated fields are the body (the schema's keys are Qflow's names). */
export async function postUser(
	context: IExecuteFunctions,
	user: NewUser,
	itemIndex: number,
): Promise<IDataObject> {
	return await qflowUser.call(
		context,
		{ method: 'POST', path: QFLOW.paths.userWrite, body: user },
		itemIndex,
	);
}

const WRITABLE_FIELDS = Object.keys(userFields.shape);

/**
 * Update User: PUT with the id and the changes. When api.ts says PUT replaces the whole user, the
 * changes are laid over the current record (read first unless the caller already has it), so fields
 * the user did not touch are sent back unchanged instead of being blanked.
 */
export async function putUser(
	context: IExecuteFunctions,
	id: string,
	changes: IDataObject,
	itemIndex: number,
	current?: IDataObject,
): Promise<IDataObject> {
	const base: IDataObject = {};
	if (QFLOW.updateSendsWholeUser) {
		const record =
			current ??
			(await qflowUser.call(context, { method: 'GET', path: QFLOW.paths.user(id) }, itemIndex));
		for (const name of WRITABLE_FIELDS) {
			if (record[name] !== undefined && record[name] !== null) base[name] = record[name];
		}
	}
	const given = Object.fromEntries(
		Object.entries(changes).filter(
			([name, value]) => WRITABLE_FIELDS.includes(name) && value !== undefined,
		),
	);
	// The same PUT twice leaves the same user: safe to resend after a lost answer.
	return await qflowUser.call(
		context,
		{
			method: 'PUT',
			path: QFLOW.paths.userWrite,
			body: { ...base, ...given, id },
			idempotent: true,
		},
		itemIndex,
	);
}
