import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../shared/input';
import { humanlyId } from '../input';

/** Reads an ID parameter (a plain string or a resource locator) and checks it before it goes into a URL. */
export function readId(
	context: IExecuteFunctions,
	parameter: string,
	what: string,
	itemIndex: number,
): string {
	const value = context.getNodeParameter(parameter, itemIndex, '', { extractValue: true });
	return validateInput(
		context,
		z.object({ [parameter]: humanlyId(what) }),
		{ [parameter]: value },
		itemIndex,
	)[parameter] as string;
}
