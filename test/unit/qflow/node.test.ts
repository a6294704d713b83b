/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals --
   test code, never shipped: it reads the source files to check the rules that shipped code must follow */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { ILoadOptionsFunctions, INodeProperties } from 'n8n-workflow';

import { Qflow } from '../../../nodes/Qflow/Qflow.node';
import { resources } from '../../../nodes/Qflow/actions';
import { listSearch } from '../../../nodes/Qflow/methods';
import { fakeClock, fakeContext, type FakeAnswer } from '../helpers/context';
import { API, credentials, user } from './helpers';

const root = path.resolve(__dirname, '../../..');
const node = new Qflow();
const { description } = node;

function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => [
		property,
		...allProperties(
			((property.options ?? []) as INodeProperties[]).filter((option) => 'type' in option),
		),
	]);
}

describe('node description', () => {
	test('name, credential, icons, codex and tool use', () => {
		expect(description).toMatchObject({
			name: 'qflow',
			displayName: 'Qflow',
			usableAsTool: true,
			credentials: [{ name: 'qflowApi', required: true }],
			icon: { light: 'file:qflow.svg', dark: 'file:qflow.dark.svg' },
		});
		for (const file of ['qflow.svg', 'qflow.dark.svg'])
			expect(fs.existsSync(path.join(root, 'nodes/Qflow', file))).toBe(true);
		const codex = JSON.parse(
			fs.readFileSync(path.join(root, 'nodes/Qflow/Qflow.node.json'), 'utf8'),
		);
		expect(codex.node).toBe('n8n-nodes-qhub-qflow-humanly.qflow');
	});

	test('every operation of the issue is offered, each from its own operation file', () => {
		const offered = Object.fromEntries(
			Object.entries(resources).map(([resource, { operations }]) => [
				resource,
				Object.values(operations).map((op) => op.menuEntry.name),
			]),
		);
		expect(offered).toEqual({
			user: [
				'Get',
				'Get Many',
				'Get by Email',
				'Create',
				'Create or Update',
				'Update',
				'Delete',
				'Change Password',
				'Change Username',
				'Count',
				'Get Translations',
			],
			event: ['Create', 'Get', 'Get Many', 'Update', 'Archive', 'Restore', 'Get Statistics'],
			guest: [
				'Get Many',
				'Create or Update',
				'Create or Update Many',
				'Check In',
				'Block',
				'Unblock',
			],
			teamMember: [
				'Create',
				'Update',
				'Delete',
				'Get Many',
				'Assign to Event',
				'Unassign From Event',
				'Get Check-In Stats',
			],
			profile: ['Create', 'Assign to Event'],
			comms: ['Create or Update Template', 'Get Many', 'Send Email'],
			sendingDomain: ['Create', 'Get', 'Verify', 'Activate', 'Deactivate', 'Delete'],
			sso: ['Generate iFrame SSO Link'],
		});
		const files = Object.keys(resources)
			.flatMap((resource) =>
				fs
					.readdirSync(path.join(root, 'nodes/Qflow/actions', resource))
					.map((file) => `${resource}/${file}`),
			)
			.filter((file) => file.endsWith('.operation.ts'));
		expect(files).toHaveLength(43);
	});

	test('booleans say "Whether", display names are Title Case', () => {
		for (const property of allProperties(description.properties)) {
			if (property.type === 'boolean') expect(property.description).toMatch(/^Whether /);
			for (const word of property.displayName.split(/\s+/)) {
				if (['or', 'by', 'of', 'a', 'an', 'the', 'to', 'on', '(Seconds)'].includes(word)) continue;
				expect(word).toMatch(/^[A-Z0-9(]/);
			}
		}
	});

	test('the default Max Wait covers the documented 60 s window', () => {
		const requestOptions = description.properties.find(
			(property) => property.name === 'requestOptions',
		)!;
		const maxWait = (requestOptions.options as INodeProperties[]).find(
			(option) => option.name === 'maxWaitSeconds',
		)!;
		expect(maxWait.default).toBeGreaterThanOrEqual(60);
	});

	test('shipped Qflow code uses no forbidden global and imports only n8n-workflow, zod, node:crypto and our files', () => {
		const files = [path.join(root, 'credentials/QflowApi.credentials.ts')];
		const walk = (dir: string) => {
			for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
				const full = path.join(dir, entry.name);
				if (entry.isDirectory()) walk(full);
				else if (entry.name.endsWith('.ts')) files.push(full);
			}
		};
		walk(path.join(root, 'nodes/Qflow'));
		for (const file of files) {
			const code = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
			expect({
				file,
				forbidden: code.match(/\b(setTimeout|setInterval|process|globalThis|__dirname|console)\b/g),
			}).toEqual({ file, forbidden: null });
			for (const [, source] of code.matchAll(/from '([^']+)'/g)) {
				expect({
					file,
					source,
					allowed: /^(n8n-workflow|zod|node:crypto|\.{1,2}\/.*)$/.test(source),
				}).toEqual({ file, source, allowed: true });
			}
		}
	});
});

describe('user list search (resource locator "From List")', () => {
	beforeEach(() => fakeClock());

	function editor(answers: FakeAnswer[]) {
		const fake = fakeContext({ parameters: {}, credentials, credentialType: 'qflowApi', answers });
		// The editor's context has no input items: the transport then caps waits for a watching user.
		const context = Object.fromEntries(
			Object.entries(fake.context).filter(([name]) => name !== 'getInputData'),
		);
		return { fake, context: context as unknown as ILoadOptionsFunctions };
	}

	const page = (count: number, offset = 0) =>
		Array.from({ length: count }, (_, i) =>
			user(`00000000-0000-4000-8000-${String(offset + i).padStart(12, '0')}`, {
				firstName: i === 3 ? 'Carla' : `User${offset + i}`,
				email: `user${offset + i}@example.com`,
			}),
		);

	test('without a filter: one page, named "First Last (email)", and a token for the next page', async () => {
		const { fake, context } = editor([{ body: page(100) }]);
		const result = await listSearch.searchUsers.call(context);
		expect(result.results).toHaveLength(100);
		expect(result.results[0]).toEqual({
			name: 'User0 Owner (user0@example.com)',
			value: '00000000-0000-4000-8000-000000000000',
		});
		expect(result.paginationToken).toBe('2');
		expect(fake.requests[0]).toMatchObject({
			method: 'GET',
			url: `${API}users`,
			qs: { page: 1, pageSize: 100 },
		});
	});

	test('with a filter: matches across pages until the list ends, continuing from the token', async () => {
		const { fake, context } = editor([{ body: page(100, 100) }, { body: page(10, 200) }]);
		const result = await listSearch.searchUsers.call(context, 'carla', '2');
		expect(result.results.map((entry) => entry.name)).toEqual([
			'Carla Owner (user103@example.com)',
			'Carla Owner (user203@example.com)',
		]);
		expect(result.paginationToken).toBeUndefined();
		expect(fake.requests.map((request) => request.qs?.page)).toEqual([2, 3]);
	});
});
