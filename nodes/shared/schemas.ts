import { z } from 'zod';

/** Field rules several vendors share; each message says what a valid value looks like. */

export const requiredText = (field: string, max = 200) =>
	z
		.string({ required_error: `${field} is required`, invalid_type_error: `${field} must be text` })
		.trim()
		.min(1, `${field} must not be empty`)
		.max(max, `${field} must be at most ${max} characters`);

export const emailAddress = z
	.string({ required_error: 'Email is required', invalid_type_error: 'Email must be text' })
	.trim()
	.email('must be a valid email address, like jane.doe@example.com');

/** E.164: a plus, the country code, then the number, no spaces (e.g. +447700900123). */
export const e164Phone = z
	.string()
	.trim()
	.regex(
		/^\+[1-9]\d{1,14}$/,
		'must be in E.164 form: + and country code, digits only, e.g. +447700900123',
	);

/** Optional text parameters arrive as '' when left empty: treat that as "not given". */
export const optionalText = (max = 500) =>
	z.preprocess(
		(value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
		z.string().trim().max(max, `must be at most ${max} characters`).optional(),
	);
