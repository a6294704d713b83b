import { advance, pollFrom, startCursor } from '../../../nodes/QHub/helpers/entryCursor';

const T0 = Date.parse('2026-11-30T09:00:00Z');
const WINDOW = 5 * 60_000;
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const entry = (id: string, seconds: number) => ({ id, submittedAt: at(seconds) });

test('the first activation counts what already exists as seen and starts from now', () => {
	const cursor = startCursor(T0, [entry('fe_1', -60), entry('fe_2', -1)], 'submittedAt', WINDOW);
	expect(cursor).toEqual({ newestAt: T0, seen: { fe_1: T0 - 60_000, fe_2: T0 - 1000 } });
	expect(pollFrom(cursor, WINDOW)).toBe(at(-300));
	expect(
		advance(cursor, [entry('fe_1', -60), entry('fe_2', -1)], 'submittedAt', WINDOW).fresh,
	).toEqual([]);
});

test('entries sharing a timestamp are told apart by id: each comes out once, across polls', () => {
	let cursor = startCursor(T0, [], 'submittedAt', WINDOW);
	const first = advance(cursor, [entry('fe_2', 10), entry('fe_1', 10)], 'submittedAt', WINDOW);
	expect(first.fresh.map((e) => e.id)).toEqual(['fe_1', 'fe_2']);
	cursor = first.next;
	// The next poll reads the same instant again, plus one more entry at that very time.
	const second = advance(
		cursor,
		[entry('fe_1', 10), entry('fe_2', 10), entry('fe_3', 10)],
		'submittedAt',
		WINDOW,
	);
	expect(second.fresh.map((e) => e.id)).toEqual(['fe_3']);
	expect(second.next.newestAt).toBe(T0 + 10_000);
});

test('an entry that shows up late, dated before the newest one, is still emitted once within the window', () => {
	const cursor = advance(
		startCursor(T0, [], 'submittedAt', WINDOW),
		[entry('fe_5', 120)],
		'submittedAt',
		WINDOW,
	).next;
	const late = advance(cursor, [entry('fe_4', 100), entry('fe_5', 120)], 'submittedAt', WINDOW);
	expect(late.fresh.map((e) => e.id)).toEqual(['fe_4']);
	expect(late.next.newestAt).toBe(T0 + 120_000);
	expect(
		advance(late.next, [entry('fe_4', 100), entry('fe_5', 120)], 'submittedAt', WINDOW).fresh,
	).toEqual([]);
});

test('ids older than the window are forgotten, so the cursor stays small', () => {
	const cursor = advance(
		startCursor(T0, [], 'submittedAt', WINDOW),
		[entry('fe_1', 1), entry('fe_2', 1000)],
		'submittedAt',
		WINDOW,
	).next;
	expect(Object.keys(cursor.seen)).toEqual(['fe_2']);
});

test('entries without a readable time or id are left out', () => {
	const result = advance(
		startCursor(T0, [], 'submittedAt', WINDOW),
		[{ id: 'x', submittedAt: 'soon' }, { submittedAt: at(5) }],
		'submittedAt',
		WINDOW,
	);
	expect(result.fresh).toEqual([]);
});
