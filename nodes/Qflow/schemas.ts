import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';
import { z } from 'zod';

import { emailAddress, optionalText, requiredText } from '../shared/schemas';
import { validateInput } from '../shared/validate';
import { QFLOW } from './api';
import { ENTERPRISE_USERNAME } from './auth';
import { qflowUser } from './transport';

/** Qflow user ids are GUIDs; checked before one goes into a URL or a body. */
export const userId = z
	.string({ required_error: 'User ID is required', invalid_type_error: 'User ID must be text' })
	.trim()
	.uuid('must be a Qflow user ID: a GUID such as 050f4a44-d7d1-452e-837a-0d2759dcfa69');

export const enterpriseUsername = (field: string) =>
	z
		.string({ required_error: `${field} is required`, invalid_type_error: `${field} must be text` })
		.trim()
		.regex(ENTERPRISE_USERNAME, 'must be <enterprisePin>/<email>, e.g. 123/jane@example.com');

/** The password rules of api.ts ([assumed]); each message says what is missing. */
export const newPassword = QFLOW.password.mustContain.reduce(
	(schema, rule) => schema.regex(rule.pattern, `must contain ${rule.what}`),
	z
		.string({ required_error: 'Password is required', invalid_type_error: 'Password must be text' })
		.min(QFLOW.password.minLength, `must be at least ${QFLOW.password.minLength} characters`)
		.max(QFLOW.password.maxLength, `must be at most ${QFLOW.password.maxLength} characters`),
);

const optionalEmpty = <Schema extends z.ZodTypeAny>(schema: Schema) =>
	z.preprocess(
		(value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
		schema.optional(),
	);

/** The user fields of Create (all) and Update (any). */
export const userFields = z.object({
	firstName: requiredText('First Name', 100),
	lastName: requiredText('Last Name', 100),
	email: emailAddress,
	timeZoneId: optionalText(100),
	companyName: optionalText(200),
	customData: optionalText(4000),
});

export const userChanges = userFields.partial().extend({
	firstName: optionalEmpty(requiredText('First Name', 100)),
	lastName: optionalEmpty(requiredText('Last Name', 100)),
	email: optionalEmpty(emailAddress),
});

export const optionalPassword = optionalEmpty(newPassword);

/** Create and Create or Update: the user fields and an optional initial password ([assumed] `password`). */
export const newUser = userFields.extend({ password: optionalPassword });

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
