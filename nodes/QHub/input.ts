/** Rules of what the Q-Hub node sends (its input), checked before any request. */
import { z } from 'zod';

import { optional, optionalText, requiredText } from '../shared/input';
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

const optionalId = (what: string) => optional(qhubId(what));

export const locationInput = z.object({
	name: requiredText('Name', 120),
	code: optionalText(50),
	address: optionalText(500),
	parentId: optionalId('Parent location'),
});
