/** Rules of what the Humanly node sends (its input), checked before any request. */
import { z } from 'zod';

import { asList, e164Phone, optional } from '../shared/input';
import { HUMANLY } from './api';

export const humanlyId = (what: string) =>
	z
		.string({
			required_error: `${what} ID is required`,
			invalid_type_error: `${what} ID must be text`,
		})
		.trim()
		.regex(
			HUMANLY.idPattern,
			`must be a Humanly ${what} ID: letters, digits, '-' or '_', no spaces or slashes`,
		);

export const optionalId = (what: string) => optional(humanlyId(what));

export const optionalPhone = optional(e164Phone);

/** One of a fixed list of values; the message names them all. */
export function oneOf<Values extends readonly [string, ...string[]]>(values: Values) {
	return z.enum(values as unknown as [Values[number], ...Array<Values[number]>], {
		errorMap: () => ({ message: `must be one of ${values.join(', ')}` }),
	});
}

export const optionalOneOf = <Values extends readonly [string, ...string[]]>(values: Values) =>
	optional(oneOf(values));

/** Every Humanly user belongs to at least one team of the key's organization (documented, "CRITICAL"). */
export const teamIdList = z.preprocess(
	asList,
	z
		.array(humanlyId('Team'), { invalid_type_error: 'must be a list of team IDs' })
		.min(1, 'must name at least one team: every Humanly user belongs to a team'),
);

export const optionalIdList = (what: string) =>
	z.preprocess(
		asList,
		z.array(humanlyId(what), { invalid_type_error: `must be a list of ${what.toLowerCase()} IDs` }),
	);

/** A query filter that is true, false or not given (a boolean filter added to a collection). */
export const optionalBoolean = optional(z.boolean({ invalid_type_error: 'must be true or false' }));

/** An IANA time zone name; Intl knows the list, so an unknown one is refused before sending. */
export const optionalTimezone = optional(
	z
		.string()
		.trim()
		.refine((zone) => {
			try {
				new Intl.DateTimeFormat('en-US', { timeZone: zone });
				return true;
			} catch {
				return false;
			}
		}, 'must be an IANA time zone such as America/New_York'),
);

/**
 * `archived` on the candidate and interview lists means "include archived ones too" (documented,
 * default false): on sends `archived=true`, off sends nothing.
 */
export const includeArchived = optional(
	z
		.boolean({ invalid_type_error: 'must be true or false' })
		.transform((include) => (include ? true : undefined)),
);

/** A URL Humanly calls or sends people to: http(s) only. */
export const optionalHttpUrl = optional(
	z
		.string()
		.trim()
		.url('must be a full URL, like https://example.com/path')
		.refine((url) => /^https?:\/\//i.test(url), 'must start with http:// or https://'),
);

/** A list of words (keywords): one value, a comma-separated list or an array of text. */
export const optionalWords = optional(
	z.preprocess(
		asList,
		z.array(z.string({ invalid_type_error: 'must be text' }).trim().min(1).max(100), {
			invalid_type_error: 'must be a list of words, e.g. java, python',
		}),
	),
);
