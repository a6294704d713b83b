/** Rules of what the Qflow node sends (its input), checked before any request. */
import { z } from 'zod';

import { emailAddress, optional, optionalText, requiredText } from '../shared/input';
import { QFLOW } from './api';
import { ENTERPRISE_USERNAME } from './auth';

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
	firstName: optional(requiredText('First Name', 100)),
	lastName: optional(requiredText('Last Name', 100)),
	email: optional(emailAddress),
});

export const optionalPassword = optional(newPassword);

/** Create and Create or Update: the user fields and an optional initial password ([assumed] `password`). */
export const newUser = userFields.extend({ password: optionalPassword });
