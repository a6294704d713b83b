/**
 * Checks of what a node SENDS: the field rules of its input (zod) and the check that runs them on one
 * item before any request. What a vendor ANSWERS is checked in answer.ts.
 */
import { NodeOperationError, type INode } from 'n8n-workflow';
import { z } from 'zod';

/* Field rules several vendors share; each message says what a valid value looks like. */

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

/**
 * A host name of at least two labels (mail.example.com): letters, digits and inner hyphens per label,
 * at most 253 characters; a URL (scheme, path, port) is refused rather than trimmed to its host.
 */
export const domainName = (field: string) =>
	z
		.string({ required_error: `${field} is required`, invalid_type_error: `${field} must be text` })
		.trim()
		.toLowerCase()
		.max(253, 'must be at most 253 characters')
		.regex(
			/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
			'must be a domain name such as mail.example.com, without https:// or a path',
		);

/** E.164: a plus, the country code, then the number, no spaces (e.g. +447700900123). */
export const e164Phone = z
	.string()
	.trim()
	.regex(
		/^\+[1-9]\d{1,14}$/,
		'must be in E.164 form: + and country code, digits only, e.g. +447700900123',
	);

/**
 * Empty means not given: an optional parameter left empty arrives as '' (or only spaces), and an
 * expression that found nothing gives null.
 */
export const blankToUndefined = (value: unknown): unknown =>
	value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;

/** An optional parameter: checked by `schema` when given, and empty means not given. */
export const optional = <Schema extends z.ZodTypeAny>(schema: Schema) =>
	z.preprocess(blankToUndefined, schema.optional());

export const optionalText = (max = 500) =>
	optional(z.string().trim().max(max, `must be at most ${max} characters`));

/** A list (of IDs, channels...) as expressions give it: one value, a comma-separated list or an array. */
export function asList(value: unknown): unknown {
	if (typeof value === 'string')
		return value
			.split(',')
			.map((id) => id.trim())
			.filter(Boolean);
	if (Array.isArray(value)) return value.map((id) => (typeof id === 'string' ? id.trim() : id));
	return value ?? [];
}

/** Any n8n context: a node run, a poll, a webhook. */
type Context = { getNode(): INode };

/**
 * Checks one item's input against its zod schema before anything is sent, so a request the API would
 * refuse never spends a rate-limit slot. The error names the field and, through the schema's own
 * messages, the fix.
 */
export function validateInput<Schema extends z.ZodTypeAny>(
	context: Context,
	schema: Schema,
	input: unknown,
	itemIndex: number,
): z.infer<Schema> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const issues = result.error.issues.map((issue) => {
		const field = issue.path.length ? issue.path.join('.') : 'input';
		return `${field}: ${issue.message}`;
	});
	const [first] = issues;
	return failInput(
		context,
		`Invalid ${first}`,
		itemIndex,
		issues.length > 1 ? issues.join('\n') : undefined,
	);
}

export function failInput(
	context: Context,
	message: string,
	itemIndex: number,
	description?: string,
): never {
	throw new NodeOperationError(context.getNode(), message, {
		itemIndex,
		description: description ? `${description}\nNothing was sent.` : 'Nothing was sent.',
	});
}
