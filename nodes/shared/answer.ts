import {
	NodeOperationError,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
} from 'n8n-workflow';
import type { z } from 'zod';

/**
 * Checks what a vendor ANSWERS (what a node sends is checked in input.ts): that a response has the
 * shape the node relies on. Several shapes are assumptions (see each vendor's api.ts), so a mismatch
 * says which one to correct instead of failing somewhere later.
 */
export function expectShape<Schema extends z.ZodTypeAny>(
	context: IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions,
	schema: Schema,
	body: unknown,
	what: string,
	itemIndex?: number,
): z.infer<Schema> {
	const result = schema.safeParse(body);
	if (result.success) return result.data;
	const issue = result.error.issues[0];
	throw new NodeOperationError(
		context.getNode(),
		`Unexpected response shape for ${what}: ${issue.path.join('.') || 'body'} ${issue.message.toLowerCase()}`,
		{
			itemIndex,
			description:
				"The vendor's answer does not match what this node assumes. Check the path and field table in the node's api.ts (listed in the README) against the vendor's API reference.",
		},
	);
}
