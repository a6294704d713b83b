import { NodeOperationError, type INode } from 'n8n-workflow';
import type { z } from 'zod';

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
