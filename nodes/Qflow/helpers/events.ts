import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { eachItem, type Operation } from '../../shared/operation';
import { requiredText } from '../../shared/input';
import { QFLOW } from '../api';
import { checkinPath, eventLocator, qflowRecord, readEventId } from './checkin';

const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?(\.\d+)?$/;

function isTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-GB', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

export const timeZoneId = z
	.string({ required_error: 'Time Zone is required', invalid_type_error: 'Time Zone must be text' })
	.trim()
	.refine(isTimeZone, 'must be an IANA time zone such as Europe/London');

/**
 * Qflow takes event times as local wall time with a separate time zone (v1/events/). A time with
 * an offset (an expression's ISO date, say) is turned into the wall time it is in that zone.
 */
const localTime = (field: string) =>
	z
		.string({ required_error: `${field} is required`, invalid_type_error: `${field} must be text` })
		.trim()
		.min(1, `${field} is required`);

function toWallTime(value: string, zone: string): string | undefined {
	const local = LOCAL.exec(value);
	if (local) return `${local[1]}T${local[2]}${local[3] ?? ':00'}`;
	if (!HAS_OFFSET.test(value) || !isTimeZone(zone)) return undefined;
	const instant = new Date(value);
	if (Number.isNaN(instant.getTime())) return undefined;
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		})
			.formatToParts(instant)
			.map(({ type, value: part }) => [type, part]),
	);
	return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The documented event body: title, start, end (local, no offset) and time zone. */
export const eventBody = z
	.object({
		title: requiredText('Title', 200),
		startTime: localTime('Start'),
		endTime: localTime('End'),
		timeZoneId,
	})
	.transform((event, ctx) => {
		const startTime = toWallTime(event.startTime, event.timeZoneId);
		const endTime = toWallTime(event.endTime, event.timeZoneId);
		if (!startTime || !QFLOW.eventLocalTime.test(startTime))
			ctx.addIssue({
				code: 'custom',
				path: ['startTime'],
				message: 'must be a date and time, e.g. 2026-06-01T18:00:00',
			});
		if (!endTime || !QFLOW.eventLocalTime.test(endTime))
			ctx.addIssue({
				code: 'custom',
				path: ['endTime'],
				message: 'must be a date and time, e.g. 2026-06-01T23:00:00',
			});
		if (startTime && endTime && endTime <= startTime)
			ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'must be after Start' });
		return { ...event, startTime: startTime ?? '', endTime: endTime ?? '' };
	});

export type EventBody = z.infer<typeof eventBody>;

/** Start, End and Time Zone as Create shows them and Update offers them. */
export const eventTimeProperties = (required: boolean): INodeProperties[] => [
	{
		displayName: 'Start',
		name: 'startTime',
		type: 'dateTime',
		default: '',
		required,
		description: 'When the event starts, as wall-clock time in the event’s time zone',
	},
	{
		displayName: 'End',
		name: 'endTime',
		type: 'dateTime',
		default: '',
		required,
		description: 'When the event ends, as wall-clock time in the event’s time zone',
	},
	required
		? {
				displayName: 'Time Zone',
				name: 'timeZoneId',
				type: 'string',
				default: 'Europe/London',
				required,
				description: 'IANA time zone of the event; Start and End are read in it',
			}
		: {
				displayName: 'Time Zone',
				name: 'timeZoneId',
				type: 'string',
				default: '',
				placeholder: 'e.g. Europe/London',
				description: 'IANA time zone of the event; Start and End are read in it',
			},
];

/** A lifecycle step of an event: `step` is one of QFLOW.eventLifecycleActions ([assumed]). */
export function lifecycleOperation(step: string, menuEntry: Operation['menuEntry']): Operation {
	return {
		menuEntry,
		properties: [eventLocator(`The event to ${step}`)],
		execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
			const eventId = readEventId(this, itemIndex);
			// Setting a status twice leaves it as it is: safe to resend.
			return await qflowRecord.call(
				this,
				{
					method: 'POST',
					path: checkinPath(QFLOW.checkinPaths.eventLifecycle(eventId, step)),
					idempotent: true,
				},
				itemIndex,
			);
		}),
	};
}
