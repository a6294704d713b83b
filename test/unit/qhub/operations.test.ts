import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { QHubApi } from '../../../credentials/QHubApi.credentials';
import { resources } from '../../../nodes/QHub/actions';
import { QHub } from '../../../nodes/QHub/QHub.node';
import { fakeClock, fakeContext, type FakeAnswer } from '../helpers/context';

const credentials = {
	apiKey: 'key-123456',
	apiSecret: 'secret-123456',
	baseUrl: 'http://qhub.test/v1/',
};

function run(
	resource: string,
	operation: string,
	parameters: IDataObject,
	options: {
		answers?: FakeAnswer[];
		perItem?: IDataObject[];
		items?: INodeExecutionData[];
		continueOnFail?: boolean;
	} = {},
) {
	const fake = fakeContext({ parameters, credentials, credentialType: 'qHubApi', ...options });
	const result = resources[resource].operations[operation].execute.call(fake.context, fake.items);
	return { fake, result };
}

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

beforeEach(() => fakeClock());

describe('Location', () => {
	test('Create sends the name and the additional fields under Q-Hub’s names', async () => {
		const { fake, result } = run(
			'location',
			'create',
			{ name: ' Leeds ', additionalFields: { code: 'LDS', address: '' } },
			{
				answers: [{ status: 201, body: { id: 'loc_1', name: 'Leeds' } }],
			},
		);
		expect((await result)[0].json).toEqual({ id: 'loc_1', name: 'Leeds' });
		expect(fake.requests[0]).toMatchObject({
			method: 'POST',
			url: 'http://qhub.test/v1/locations',
			body: { name: 'Leeds', code: 'LDS' },
		});
	});

	test('Update with no field fails before sending', async () => {
		const { fake, result } = run('location', 'update', {
			locationId: byId('loc_1'),
			updateFields: {},
		});
		await expect(result).rejects.toThrow(
			'Nothing to update: add at least one field under Update Fields',
		);
		expect(fake.requests).toHaveLength(0);
	});

	test('Update sends a PATCH of the changed fields only', async () => {
		const { fake, result } = run('location', 'update', {
			locationId: byId('loc_1'),
			updateFields: { name: 'North' },
		});
		await result;
		expect(fake.requests[0]).toMatchObject({
			method: 'PATCH',
			url: 'http://qhub.test/v1/locations/loc_1',
			body: { name: 'North' },
		});
	});

	test('a malformed location id fails before it reaches a URL', async () => {
		const { fake, result } = run('location', 'archive', { locationId: byId('../users') });
		await expect(result).rejects.toThrow(
			"Invalid locationId: must be a Q-Hub Location ID: letters, digits, '-' or '_', no spaces or slashes",
		);
		expect(fake.requests).toHaveLength(0);
	});

	test('Archive posts to the archive path; Delete returns {id, deleted: true}', async () => {
		const archive = run(
			'location',
			'archive',
			{ locationId: byId('loc_1') },
			{ answers: [{ body: { id: 'loc_1', status: 'archived' } }] },
		);
		expect((await archive.result)[0].json).toEqual({ id: 'loc_1', status: 'archived' });
		expect(archive.fake.requests[0]).toMatchObject({
			method: 'POST',
			url: 'http://qhub.test/v1/locations/loc_1/archive',
		});
		const remove = run(
			'location',
			'delete',
			{ locationId: byId('loc_2') },
			{ answers: [{ status: 204 }] },
		);
		expect(await remove.result).toEqual([
			{ json: { id: 'loc_2', deleted: true }, pairedItem: { item: 0 } },
		]);
		expect(remove.fake.requests[0]).toMatchObject({
			method: 'DELETE',
			url: 'http://qhub.test/v1/locations/loc_2',
		});
	});
});

describe('Data Set', () => {
	const items = [{ json: { a: 1 } }, { json: { a: 2 } }, { json: { a: 3 } }];

	test('rows from all items: one request, one output paired with every item', async () => {
		const { fake, result } = run(
			'dataSet',
			'create',
			{ name: 'Rows', dataSetDescription: '', rowsFrom: 'items' },
			{
				items,
				answers: [{ status: 201, body: { id: 'ds_1', rowCount: 3 } }],
			},
		);
		expect(await result).toEqual([
			{ json: { id: 'ds_1', rowCount: 3 }, pairedItem: [{ item: 0 }, { item: 1 }, { item: 2 }] },
		]);
		expect(fake.requests).toHaveLength(1);
		expect(fake.requests[0].body).toEqual({ name: 'Rows', rows: [{ a: 1 }, { a: 2 }, { a: 3 }] });
	});

	test('rows from a JSON field: one request per item; invalid JSON fails that item only', async () => {
		const { fake, result } = run(
			'dataSet',
			'update',
			{ dataSetId: 'ds_1', updateFields: {}, rowsFrom: 'json' },
			{
				perItem: [{ rows: '[{"b":1}]' }, { rows: '{oops' }],
				continueOnFail: true,
			},
		);
		const output = await result;
		expect(output[1]).toEqual({
			json: {
				error: 'Invalid rows: must be a JSON array of objects',
				description: 'Nothing was sent.',
			},
			pairedItem: [{ item: 1 }],
		});
		expect(fake.requests).toHaveLength(1);
		expect(fake.requests[0]).toMatchObject({
			method: 'PATCH',
			url: 'http://qhub.test/v1/data-sets/ds_1',
			body: { rows: [{ b: 1 }] },
		});
	});
});

describe('Form Entry and Process Entry', () => {
	const page = (count: number, totalPages: number) => ({
		body: {
			data: Array.from({ length: count }, (_, index) => ({ id: `fe_${index}` })),
			meta: { totalPages },
		},
	});

	test('Limit 5 asks for one page of 5, with the filters in Q-Hub’s names', async () => {
		const { fake, result } = run(
			'formEntry',
			'getAll',
			{
				returnAll: false,
				limit: 5,
				filters: { formId: 'frm_audit', from: '2026-01-01T00:00:00', to: '2026-02-01' },
			},
			{ answers: [page(5, 30)] },
		);
		expect(await result).toHaveLength(5);
		expect(fake.requests).toHaveLength(1);
		expect(fake.requests[0].qs).toEqual({
			formId: 'frm_audit',
			from: '2026-01-01T00:00:00.000Z',
			to: '2026-02-01',
			page: 1,
			perPage: 5,
		});
	});

	test('Return All pages at the maximum size until the last page', async () => {
		const { fake, result } = run(
			'processEntry',
			'getAll',
			{ returnAll: true, filters: { processId: 'prc_capa' } },
			{
				answers: [page(100, 2), page(20, 2)],
			},
		);
		expect(await result).toHaveLength(120);
		expect(fake.requests.map((request) => request.qs)).toEqual([
			{ processId: 'prc_capa', page: 1, perPage: 100 },
			{ processId: 'prc_capa', page: 2, perPage: 100 },
		]);
	});

	test('From after To fails before sending', async () => {
		const { fake, result } = run('formEntry', 'getAll', {
			returnAll: true,
			filters: { from: '2026-03-01', to: '2026-02-01' },
		});
		await expect(result).rejects.toThrow('Invalid date range: From is after To');
		expect(fake.requests).toHaveLength(0);
	});

	test('an unexpected list shape names the assumption to check', async () => {
		const { result } = run(
			'formEntry',
			'getAll',
			{ returnAll: true, filters: {} },
			{ answers: [{ body: { entries: [] } }] },
		);
		await expect(result).rejects.toThrow(
			'Unexpected response shape for GET /form-entries: data required',
		);
	});
});

describe('node and credential', () => {
	test('the node is usable as a tool and lists every operation of the contract', () => {
		const { description } = new QHub();
		expect(description.usableAsTool).toBe(true);
		const operations = Object.fromEntries(
			Object.entries(resources).map(([resource, { operations: ops }]) => [
				resource,
				Object.keys(ops),
			]),
		);
		expect(operations).toEqual({
			user: ['create', 'suspend'],
			location: ['archive', 'create', 'delete', 'update'],
			dataSet: ['create', 'update'],
			formEntry: ['getAll'],
			processEntry: ['getAll'],
		});
	});

	test('the credential sends both headers and tests against the configured host', () => {
		const credential = new QHubApi();
		expect(credential.authenticate.properties.headers).toEqual({
			'x-api-key': '={{$credentials.apiKey}}',
			'x-api-secret': '={{$credentials.apiSecret}}',
		});
		expect(
			credential.properties
				.filter((property) => property.typeOptions?.password)
				.map((property) => property.name),
		).toEqual(['apiKey', 'apiSecret']);
		expect(credential.test.request).toMatchObject({ url: '/locations', qs: { perPage: 1 } });
	});
});
