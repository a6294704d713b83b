import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../shared/input';
import { qhubId } from '../input';

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
