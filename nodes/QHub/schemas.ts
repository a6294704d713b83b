import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { optionalText, requiredText } from '../shared/schemas';
import { validateInput } from '../shared/validate';
import { QHUB } from './api';

export const qhubId = (what: string) =>
	z
		.string({
			required_error: `${what} ID is required`,
			invalid_type_error: `${what} ID must be text`,
		})
		.trim()
		.regex(
			QHUB.idPattern,
			`must be a Q-Hub ${what} ID: letters, digits, '-' or '_', no spaces or slashes`,
		);

const optionalId = (what: string) =>
	z.preprocess((value) => (value === '' ? undefined : value), qhubId(what).optional());

export const locationInput = z.object({
	name: requiredText('Name', 120),
	code: optionalText(50),
	address: optionalText(500),
	parentId: optionalId('Parent location'),
});

/** The location chosen in the resource locator, checked before it goes into a URL. */
export function readLocationId(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('locationId', itemIndex, '', { extractValue: true });
	return validateInput(
		context,
		z.object({ locationId: qhubId('Location') }),
		{ locationId: value },
		itemIndex,
	).locationId;
}
