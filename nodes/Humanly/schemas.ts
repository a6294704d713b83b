import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { e164Phone } from '../shared/schemas';
import { validateInput } from '../shared/validate';
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

/** Optional parameters arrive as '' (or null from an expression) when left empty: treat that as "not given". */
export const blankToUndefined = (value: unknown) =>
	value === '' || value === null || (typeof value === 'string' && value.trim() === '')
		? undefined
		: value;

export const optionalId = (what: string) =>
	z.preprocess(blankToUndefined, humanlyId(what).optional());

export const optionalPhone = z.preprocess(blankToUndefined, e164Phone.optional());

/** One of a fixed list of values; the message names them all. */
export function oneOf<Values extends readonly [string, ...string[]]>(values: Values) {
	return z.enum(values as unknown as [Values[number], ...Array<Values[number]>], {
		errorMap: () => ({ message: `must be one of ${values.join(', ')}` }),
	});
}

export const optionalOneOf = <Values extends readonly [string, ...string[]]>(values: Values) =>
	z.preprocess(blankToUndefined, oneOf(values).optional());

/** Expressions may give one ID, a comma-separated list or an array. */
export function asIdList(value: unknown): unknown {
	if (typeof value === 'string')
		return value
			.split(',')
			.map((id) => id.trim())
			.filter(Boolean);
	if (Array.isArray(value)) return value.map((id) => (typeof id === 'string' ? id.trim() : id));
	return value ?? [];
}

/** Every Humanly user belongs to at least one team of the key's organization (documented, "CRITICAL"). */
export const teamIdList = z.preprocess(
	asIdList,
	z
		.array(humanlyId('Team'), { invalid_type_error: 'must be a list of team IDs' })
		.min(1, 'must name at least one team: every Humanly user belongs to a team'),
);

export const optionalIdList = (what: string) =>
	z.preprocess(
		asIdList,
		z.array(humanlyId(what), { invalid_type_error: `must be a list of ${what.toLowerCase()} IDs` }),
	);

/** A query filter that is true, false or not given (a boolean filter added to a collection). */
export const optionalBoolean = z.preprocess(
	blankToUndefined,
	z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
);

/** An IANA time zone name; Intl knows the list, so an unknown one is refused before sending. */
export const optionalTimezone = z.preprocess(
	blankToUndefined,
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
		}, 'must be an IANA time zone such as America/New_York')
		.optional(),
);

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
