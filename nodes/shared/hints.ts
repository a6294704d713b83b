import type { NodeExecutionHint } from 'n8n-workflow';

/**
 * What a node run did that its output alone does not show (it waited for a rate-limit window,
 * stopped at Limit), gathered while the items run and shown once above the output as n8n's
 * execution hints (route() in operation.ts). Keyed by the run's context: gone with it.
 */
interface RunNotes {
	waits: Map<string, { count: number; totalMs: number }>;
	hints: Map<string, NodeExecutionHint>;
}

const notesByRun = new WeakMap<object, RunNotes>();

function notesOf(run: object): RunNotes {
	let notes = notesByRun.get(run);
	if (!notes) {
		notes = { waits: new Map(), hints: new Map() };
		notesByRun.set(run, notes);
	}
	return notes;
}

/** The transport waited `ms` for a vendor's rate-limit window or recovery before sending again. */
export function noteWait(run: object, vendor: string, ms: number): void {
	const waits = notesOf(run).waits;
	const so = waits.get(vendor) ?? { count: 0, totalMs: 0 };
	waits.set(vendor, { count: so.count + 1, totalMs: so.totalMs + ms });
}

/** A hint of this run; the same key twice (e.g. every item stopped at Limit) shows once. */
export function noteHint(run: object, key: string, hint: NodeExecutionHint): void {
	const hints = notesOf(run).hints;
	if (!hints.has(key)) hints.set(key, hint);
}

function duration(ms: number): string {
	const seconds = Math.round(ms / 1000);
	if (seconds < 60) return `${seconds} s`;
	const minutes = Math.floor(seconds / 60);
	return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
}

/** Every hint of the run, the waits first; the run's notes are forgotten. */
export function takeHints(run: object): NodeExecutionHint[] {
	const notes = notesByRun.get(run);
	if (!notes) return [];
	notesByRun.delete(run);
	const waits = [...notes.waits].map(
		([vendor, { count, totalMs }]): NodeExecutionHint => ({
			message: `Waited ${duration(totalMs)} in all for ${vendor}’s rate limit (${count} ${count === 1 ? 'wait' : 'waits'}) instead of failing items: Max Wait under Request Options bounds each wait.`,
			type: 'info',
			location: 'outputPane',
		}),
	);
	return [...waits, ...notes.hints.values()];
}
