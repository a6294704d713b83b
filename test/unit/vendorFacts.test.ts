/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code reads the docs and api.ts from disk; it is not shipped */
/**
 * Each vendor fact has one home, the vendor's api.ts; README.md and docs/<vendor>.md describe the
 * same facts. This test fails when a table row there disagrees with api.ts, and when a fact in
 * api.ts says neither where it is documented nor that it is assumed.
 *
 * A row is tied to api.ts by its key column (`` `QHUB.` key ``, docs/<vendor>.md) or by keys in
 * parentheses, like (`maxBatchSize`) (README.md); a README row without keys is tied to the docs row of the same name. For
 * each key: a path must appear in the row as written (`{…}` for its parameters), a number as it is
 * (10000 or 10,000), a text as it is, and so must every text and number of an object or list.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';

import { HUMANLY } from '../../nodes/Humanly/api';
import { QFLOW } from '../../nodes/Qflow/api';
import { QHUB } from '../../nodes/QHub/api';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface Vendor {
	folder: string;
	prefix: string;
	facts: object;
	doc: string;
	/** The README heading of the vendor's "Assumptions to check" table. */
	readmeHeading: string;
}

const VENDORS: Vendor[] = [
	{
		folder: 'QHub',
		prefix: 'QHUB',
		facts: QHUB,
		doc: 'docs/qhub.md',
		readmeHeading: '### Q-Hub',
	},
	{
		folder: 'Qflow',
		prefix: 'QFLOW',
		facts: QFLOW,
		doc: 'docs/qflow.md',
		readmeHeading: '### Qflow',
	},
	{
		folder: 'Humanly',
		prefix: 'HUMANLY',
		facts: HUMANLY,
		doc: 'docs/humanly.md',
		readmeHeading: '### Humanly',
	},
];

interface Row {
	text: string;
	name: string;
	keys: string[];
}

const cellsOf = (line: string) =>
	line
		.trim()
		.replace(/^\||\|$/g, '')
		.split('|')
		.map((cell) => cell.trim());

/** Backticked key names in a cell: `paging`, `paths.teamBranding` (file names and code are not keys). */
const keysIn = (text: string) =>
	[...text.matchAll(/`([A-Za-z][\w.]*)`/g)]
		.map((match) => match[1])
		.filter((key) => !/\.(ts|js|md)$/.test(key));

/** The keys of a key cell; "not in `api.ts`: …" names code elsewhere. */
const keysOfCell = (cell: string) => (cell.startsWith('not in') ? [] : keysIn(cell));

/** The rows of every table whose header has the column `` `PREFIX.` key ``. */
function keyedRows(markdown: string, prefix: string): Row[] {
	const rows: Row[] = [];
	let keyColumn = -1;
	for (const line of markdown.split('\n')) {
		if (!line.startsWith('|')) {
			keyColumn = -1;
			continue;
		}
		const cells = cellsOf(line);
		const header = cells.findIndex((cell) => cell === `\`${prefix}.\` key`);
		if (header >= 0) keyColumn = header;
		else if (keyColumn >= 0 && !/^\|[-| ]+\|$/.test(line.trim()))
			rows.push({ text: line, name: cells[0], keys: keysOfCell(cells[keyColumn] ?? '') });
	}
	return rows;
}

/** The README's table of what is assumed for a vendor: its rows, keys from `(`key`)` mentions. */
function readmeRows(readme: string, heading: string): Row[] {
	const start = readme.indexOf(`\n${heading} (\``);
	if (start < 0) return [];
	const rows: Row[] = [];
	for (const line of readme
		.slice(start + 1)
		.split('\n')
		.slice(1)) {
		if (line.startsWith('#')) break;
		if (!line.startsWith('|') || /^\|[-| ]+\|$/.test(line.trim())) continue;
		const cells = cellsOf(line);
		if (cells[0] === 'fact') continue;
		const keys = [...line.matchAll(/\((`[\w.]+`(?:, `[\w.]+`)*)\)/g)].flatMap((match) =>
			keysIn(match[1]),
		);
		rows.push({ text: line, name: cells[0], keys });
	}
	return rows;
}

/** The value at a key, or undefined; `sibling` resolves a bare name next to the key before it. */
function resolve(facts: object, key: string, sibling?: string): { path: string; value: unknown } {
	const at = (path: string) =>
		path
			.split('.')
			.reduce<unknown>(
				(value, part) =>
					value !== null && typeof value === 'object' && part in value
						? (value as Record<string, unknown>)[part]
						: undefined,
				facts,
			);
	if (at(key) !== undefined) return { path: key, value: at(key) };
	if (sibling?.includes('.')) {
		const path = `${sibling.slice(0, sibling.lastIndexOf('.'))}.${key}`;
		return { path, value: at(path) };
	}
	return { path: key, value: undefined };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What a fact must look like in a row: a pattern per text, number and path it holds. */
function patternsOf(value: unknown): RegExp[] {
	if (typeof value === 'number')
		return [new RegExp(`(^|[^\\d,])(${value}|${value.toLocaleString('en-US')})(?!\\d|,\\d)`)];
	if (typeof value === 'string') return [new RegExp(escape(value))];
	if (typeof value === 'function') {
		const parameters = Array.from({ length: value.length }, (_, index) => `PARAM${index}`);
		const path = String((value as (...args: string[]) => unknown)(...parameters));
		return [new RegExp(escape(path).replace(/PARAM\d/g, '(\\{[^}]+\\}|[\\w-]+)'))];
	}
	if (Array.isArray(value)) return value.flatMap(patternsOf);
	// An object's names and sizes; its durations (…Ms) are written in words ("a minute").
	if (value !== null && typeof value === 'object' && !(value instanceof RegExp))
		return Object.entries(value)
			.filter(([name]) => !name.endsWith('Ms'))
			.flatMap(([, inner]) => patternsOf(inner));
	return [];
}

function disagreements(rows: Row[], facts: object, where: string): string[] {
	const found: string[] = [];
	for (const row of rows) {
		let previous: string | undefined;
		for (const key of row.keys) {
			const { path, value } = resolve(facts, key, previous);
			previous = path;
			if (value === undefined) {
				found.push(`${where}, row "${row.name}": api.ts has no \`${key}\``);
				continue;
			}
			for (const pattern of patternsOf(value))
				if (!pattern.test(row.text))
					found.push(`${where}, row "${row.name}": \`${path}\` is ${String(pattern)} in api.ts`);
		}
	}
	return found;
}

describe.each(VENDORS)('$folder', (vendor) => {
	const docRows = keyedRows(read(vendor.doc), vendor.prefix);

	test(`every ${'`'}${vendor.prefix}.${'`'} key row of the docs page agrees with api.ts`, () => {
		expect(docRows.length).toBeGreaterThan(0);
		expect(disagreements(docRows, vendor.facts, vendor.doc)).toEqual([]);
	});

	test('every row of the README table of assumptions agrees with api.ts', () => {
		const rows = readmeRows(read('README.md'), vendor.readmeHeading).map((row) => {
			if (row.keys.length > 0) return row;
			const same = docRows.find((doc) => doc.name.toLowerCase() === row.name.toLowerCase());
			return { ...row, keys: same?.keys ?? [] };
		});
		expect(rows.length).toBeGreaterThan(0);
		expect(disagreements(rows, vendor.facts, 'README.md')).toEqual([]);
	});

	test('every fact in api.ts says where it is documented, or that it is assumed', () => {
		const file = `nodes/${vendor.folder}/api.ts`;
		const text = read(file);
		const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
		const unsourced: string[] = [];
		source.forEachChild(function visit(node) {
			if (
				ts.isVariableDeclaration(node) &&
				node.name.getText() === vendor.prefix &&
				node.initializer
			) {
				let literal = node.initializer;
				while (ts.isAsExpression(literal) || ts.isSatisfiesExpression(literal))
					literal = literal.expression;
				if (!ts.isObjectLiteralExpression(literal)) return;
				for (const property of literal.properties) {
					const comments = (ts.getLeadingCommentRanges(text, property.getFullStart()) ?? [])
						.map((range) => text.slice(range.pos, range.end))
						.join(' ');
					if (!/\[assumed\]|documented|published/i.test(comments))
						unsourced.push(property.name?.getText() ?? property.getText());
				}
				return;
			}
			node.forEachChild(visit);
		});
		expect(unsourced).toEqual([]);
	});
});
