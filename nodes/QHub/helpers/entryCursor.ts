import type { IDataObject } from 'n8n-workflow';

/**
 * Where the Q-Hub Trigger stands in an entry list: the newest entry time it emitted (or the moment it
 * started) and every entry id it has seen within the late-entries window before that time. Entries
 * sharing a timestamp, or arriving a little out of order (dated up to the window before the newest),
 * are told apart by id, so none is emitted twice and none is skipped. Pure: no I/O, no clock.
 */
export interface EntryCursor {
	/** Epoch ms of the newest entry emitted, or of the start. */
	newestAt: number;
	/** Entry id → epoch ms, for the entries dated within the window before newestAt. */
	seen: Record<string, number>;
}

/** The query bound of the next poll: the window before the newest time, so late entries are found. */
export function pollFrom(cursor: EntryCursor, windowMs: number): string {
	return new Date(cursor.newestAt - windowMs).toISOString();
}

function timeOf(entry: IDataObject, timeField: string): number {
	return Date.parse(String(entry[timeField]));
}

/**
 * The entries of a page that were not seen before, oldest first, and the cursor once they are
 * emitted. Entries without a readable time or id are left out (they cannot be placed).
 */
export function advance(
	cursor: EntryCursor,
	entries: IDataObject[],
	timeField: string,
	windowMs: number,
): { fresh: IDataObject[]; next: EntryCursor } {
	const seen = { ...cursor.seen };
	let newestAt = cursor.newestAt;
	const fresh: IDataObject[] = [];
	const placed = entries
		.map((entry) => ({ entry, at: timeOf(entry, timeField), id: entry.id }))
		.filter(({ at, id }) => !Number.isNaN(at) && (typeof id === 'string' || typeof id === 'number'))
		.sort((a, b) => a.at - b.at || String(a.id).localeCompare(String(b.id)));
	for (const { entry, at, id } of placed) {
		const key = String(id);
		if (key in seen || at < cursor.newestAt - windowMs) continue;
		seen[key] = at;
		newestAt = Math.max(newestAt, at);
		fresh.push(entry);
	}
	for (const [key, at] of Object.entries(seen)) if (at < newestAt - windowMs) delete seen[key];
	return { fresh, next: { newestAt, seen } };
}

/** The cursor at the first activation: from `nowMs`, with every entry already in the window counted as seen. */
export function startCursor(
	nowMs: number,
	existing: IDataObject[],
	timeField: string,
	windowMs: number,
): EntryCursor {
	const seen: Record<string, number> = {};
	for (const entry of existing) {
		const at = timeOf(entry, timeField);
		if (!Number.isNaN(at) && entry.id !== undefined) seen[String(entry.id)] = at;
	}
	return advance({ newestAt: nowMs, seen }, [], timeField, windowMs).next;
}
