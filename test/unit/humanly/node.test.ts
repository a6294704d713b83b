/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code reads the node's files from disk; it is not shipped */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { Humanly } from '../../../nodes/Humanly/Humanly.node';
import { resources } from '../../../nodes/Humanly/actions';
import { listSearch, loadOptions } from '../../../nodes/Humanly/methods';

const node = new Humanly();
const { description } = node;

/** Every property, including those inside collections. */
function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => [
		property,
		...allProperties(
			((property.options ?? []) as INodeProperties[]).filter((option) => 'type' in option),
		),
	]);
}

test('identity: name, credential, tool use, light and dark icons, codex', () => {
	expect(description.name).toBe('humanly');
	expect(description.credentials).toEqual([{ name: 'humanlyApi', required: true }]);
	expect(description.usableAsTool).toBe(true);
	expect(description.icon).toEqual({ light: 'file:humanly.svg', dark: 'file:humanly.dark.svg' });
	const dir = path.join(__dirname, '../../../nodes/Humanly');
	for (const file of ['humanly.svg', 'humanly.dark.svg'])
		expect(fs.readFileSync(path.join(dir, file), 'utf8')).toMatch(/^<svg /);
	const codex = JSON.parse(fs.readFileSync(path.join(dir, 'Humanly.node.json'), 'utf8'));
	expect(codex.node).toBe('n8n-nodes-qhub-qflow-humanly.humanly');
});

test('the resources and operations of the issue, each named in Title Case', () => {
	const names = Object.fromEntries(
		Object.entries(resources).map(([key, resource]) => [
			key,
			Object.values(resource.operations)
				.map((op) => op.menuEntry.name)
				.sort(),
		]),
	);
	expect(names).toEqual({
		user: ['Create', 'Get Many'],
		team: ['Create', 'Get', 'Get Many', 'Update Branding'],
		candidate: ['Create', 'Get', 'Get Many'],
		interview: ['Bulk Update', 'Create', 'Get', 'Get Many'],
		candidateInterview: [
			'Get',
			'Get Many',
			'Get Results',
			'Invite',
			'Resend Invite',
			'Update Status',
		],
		question: [
			'Create AI Text Question',
			'Create Audio Question',
			'Create Survey Question',
			'Get',
			'Get Many',
		],
		narrator: ['Get', 'Get Many'],
		messageGroup: ['Create', 'Get', 'Get Many'],
	});
});

test('every operation lives in its own file under actions/<resource>/<op>.operation.ts', () => {
	const dir = path.join(__dirname, '../../../nodes/Humanly/actions');
	for (const [resource, { operations }] of Object.entries(resources)) {
		for (const operation of Object.keys(operations)) {
			expect(fs.existsSync(path.join(dir, resource, `${operation}.operation.ts`))).toBe(true);
		}
	}
});

test('booleans are described starting with "Whether", display names are Title Case', () => {
	const properties = allProperties(description.properties);
	for (const property of properties) {
		if (property.type === 'boolean') expect(property.description).toMatch(/^Whether /);
		// A notice's display name is its text, a sentence.
		if (property.type !== 'notice')
			expect(property.displayName).toMatch(
				/^[A-Z0-9][A-Za-z0-9]*( (or|of|by|[A-Z0-9(][A-Za-z0-9()]*))*$/,
			);
	}
});

test('every load-options and list-search method the fields name exists', () => {
	const properties = allProperties(description.properties);
	for (const property of properties) {
		const method = property.typeOptions?.loadOptionsMethod;
		if (method) expect(Object.keys(loadOptions)).toContain(method);
		for (const mode of property.modes ?? []) {
			const search = mode.typeOptions?.searchListMethod;
			if (search) expect(Object.keys(listSearch)).toContain(search);
		}
	}
});

test('the Max Wait default is the 60 s burst window', () => {
	const requestOptions = description.properties.find(
		(property) => property.name === 'requestOptions',
	);
	expect((requestOptions?.options as INodeProperties[])[0]).toMatchObject({
		name: 'maxWaitSeconds',
		default: 60,
	});
});
