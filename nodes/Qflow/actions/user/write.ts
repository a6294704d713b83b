import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { z } from 'zod';

import { toApiBody } from '../../../shared/schemas';
import { validateInput } from '../../../shared/validate';
import { QFLOW } from '../../api';
import { optionalPassword, userFields } from '../../schemas';
import { qflowUser } from '../../transport';

const newUser = userFields.extend({ password: optionalPassword });

/** The names, email and additional fields of Create and Create or Update, checked before sending. */
export function readNewUser(
	context: IExecuteFunctions,
	itemIndex: number,
): { fields: Omit<z.infer<typeof newUser>, 'password'>; password: string | undefined } {
	const additional = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const { password, ...fields } = validateInput(
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
	return { fields, password: password as string | undefined };
}

/** Create User: the validated fields under Qflow's names. */
export async function createUser(
	context: IExecuteFunctions,
	fields: Record<string, unknown>,
	password: string | undefined,
	itemIndex: number,
): Promise<IDataObject> {
	const body = toApiBody(fields, QFLOW.fields.user) as IDataObject;
	if (password !== undefined) body[QFLOW.fields.createPassword] = password;
	return await qflowUser.call(context, { method: 'POST', path: QFLOW.paths.userWrite, body }, itemIndex);
}

/**
 * Update User: PUT with the id and the changes. When api.ts says PUT replaces the whole user, the
 * changes are laid over the current record (read first unless the caller already has it), so fields
 * the user did not touch are sent back unchanged instead of being blanked.
 */
export async function updateUser(
	context: IExecuteFunctions,
	id: string,
	changes: Record<string, unknown>,
	itemIndex: number,
	current?: IDataObject,
): Promise<IDataObject> {
	const base: Record<string, unknown> = {};
	if (QFLOW.updateSendsWholeUser) {
		const record = current ?? (await qflowUser.call(context, { method: 'GET', path: QFLOW.paths.user(id) }, itemIndex));
		// Qflow's answer already uses Qflow's names: keep only the writable user fields it holds.
		for (const name of Object.values(QFLOW.fields.user)) {
			const value = record[name];
			if (value !== undefined && value !== null) base[name] = value;
		}
	}
	const body = { ...base, ...toApiBody(changes, QFLOW.fields.user), id } as IDataObject;
	// The same PUT twice leaves the same user: safe to resend after a lost answer.
	return await qflowUser.call(context, { method: 'PUT', path: QFLOW.paths.userWrite, body, idempotent: true }, itemIndex);
}
