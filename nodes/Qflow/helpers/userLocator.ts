import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';
import { z } from 'zod';

import { emailAddress, validateInput } from '../../shared/input';
import { QFLOW } from '../api';
import { userId } from '../input';
import { qflowUser } from '../transport';

/**
 * The user a resource locator points to: by ID (checked as a GUID), from the list (an ID), or by
 * email (looked up with Get User by Email, one request). Returns the id and, when it was looked up,
 * the user itself.
 */
export async function readUser(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter = 'userId',
): Promise<{ id: string; user?: IDataObject }> {
	const locator = context.getNodeParameter(parameter, itemIndex) as
		| INodeParameterResourceLocator
		| string;
	const mode = typeof locator === 'object' && locator !== null ? locator.mode : 'id';
	const value = typeof locator === 'object' && locator !== null ? locator.value : locator;
	if (mode === 'email') {
		const { email } = validateInput(
			context,
			z.object({ email: emailAddress }),
			{ email: value },
			itemIndex,
		);
		const user = await qflowUser.call(
			context,
			{ method: 'GET', path: QFLOW.paths.userByEmail, qs: { [QFLOW.emailParam]: email } },
			itemIndex,
		);
		return { id: String(user.id), user };
	}
	return { id: validateInput(context, z.object({ userId }), { userId: value }, itemIndex).userId };
}
