import type { IDataObject } from 'n8n-workflow';

import { createCandidate } from '../../../nodes/Humanly/actions/candidate/create.operation';
import { getCandidate } from '../../../nodes/Humanly/actions/candidate/get.operation';
import { getManyCandidates } from '../../../nodes/Humanly/actions/candidate/getAll.operation';
import type { Operation } from '../../../nodes/shared/operation';
import { fakeClock, fakeContext, type FakeAnswer } from '../helpers/context';
import { BASE, credentials, credentialType, ok, refused } from './fixtures';

beforeEach(() => fakeClock());

function run(
	operation: Operation,
	parameters: IDataObject,
	answers: FakeAnswer[],
	continueOnFail = false,
) {
	const fake = fakeContext({ parameters, credentials, credentialType, answers, continueOnFail });
	return { fake, result: operation.execute.call(fake.context, fake.items) };
}

const page = (ids: string[], pageNumber: number, totalPages: number) =>
	ok({
		candidates: ids.map((id) => ({ id })),
		pagination: { page: pageNumber, pageSize: 100, total: 250, totalPages },
	});

describe('Candidate Create', () => {
	const base = { firstName: 'Alex', lastName: 'Garcia', email: 'alex@example.com' };

	test('sends POST /candidates with the given fields and returns the candidate', async () => {
		const { fake, result } = run(
			createCandidate,
			{
				...base,
				additionalFields: {
					phone: '+14155550100',
					externalId: 'ATS-1',
					timezone: 'Europe/London',
					smsOptIn: true,
				},
			},
			[ok({ id: 'c-1', ...base }, 201)],
		);
		expect(await result).toEqual([{ json: { id: 'c-1', ...base }, pairedItem: { item: 0 } }]);
		expect(fake.requests[0]).toMatchObject({
			method: 'POST',
			url: `${BASE}/qsi/gather/candidates`,
			body: {
				...base,
				phone: '+14155550100',
				externalId: 'ATS-1',
				timezone: 'Europe/London',
				smsOptIn: true,
			},
		});
	});

	test('an unknown time zone and a non-E.164 phone are refused before sending', async () => {
		const zone = run(
			createCandidate,
			{ ...base, additionalFields: { timezone: 'Mars/Olympus' } },
			[],
		);
		await expect(zone.result).rejects.toThrow(
			'Invalid timezone: must be an IANA time zone such as America/New_York',
		);
		const phone = run(
			createCandidate,
			{ ...base, additionalFields: { phone: '415-555-0100' } },
			[],
		);
		await expect(phone.result).rejects.toThrow('Invalid phone: must be in E.164 form');
		expect(zone.fake.requests).toHaveLength(0);
		expect(phone.fake.requests).toHaveLength(0);
	});

	test('the API’s validation error reaches the error item with its field', async () => {
		const { result } = run(
			createCandidate,
			{ ...base, additionalFields: {} },
			[
				refused(
					400,
					'VALIDATION_ERROR',
					'email must be a valid email address',
					{ field: 'email', reason: 'invalid' },
					'req-7',
				),
			],
			true,
		);
		const [item] = await result;
		expect(item.json).toMatchObject({
			error: 'Humanly: email must be a valid email address',
			code: 'VALIDATION_ERROR',
			requestId: 'req-7',
			details: { field: 'email', reason: 'invalid' },
		});
	});
});

describe('Candidate Get', () => {
	test('reads the ID from the resource locator', async () => {
		const { fake, result } = run(getCandidate, { candidateId: { mode: 'list', value: 'c-42' } }, [
			ok({ id: 'c-42' }),
		]);
		expect(await result).toEqual([{ json: { id: 'c-42' }, pairedItem: { item: 0 } }]);
		expect(fake.requests[0]).toMatchObject({
			method: 'GET',
			url: `${BASE}/qsi/gather/candidates/c-42`,
		});
	});

	test('an ID with a slash never reaches the URL', async () => {
		const { fake, result } = run(
			getCandidate,
			{ candidateId: { mode: 'id', value: '../users' } },
			[],
		);
		await expect(result).rejects.toThrow('Invalid candidateId');
		expect(fake.requests).toHaveLength(0);
	});

	test('a 404 carries the details of what was not found', async () => {
		const { result } = run(
			getCandidate,
			{ candidateId: { mode: 'id', value: 'c-404' } },
			[
				refused(
					404,
					'NOT_FOUND',
					'candidate not found',
					{ resource: 'candidate', id: 'c-404' },
					'req-404',
				),
			],
			true,
		);
		const [item] = await result;
		expect(item.json).toMatchObject({
			httpCode: '404',
			code: 'NOT_FOUND',
			requestId: 'req-404',
			details: { resource: 'candidate', id: 'c-404' },
		});
		expect(String(item.json.description)).toContain('Check the ID');
	});
});

describe('Candidate Get Many', () => {
	test('Return All pages with the maximum page size until the last page; Include Archived off sends nothing', async () => {
		const ids = Array.from({ length: 250 }, (_, i) => `c-${i}`);
		const { fake, result } = run(
			getManyCandidates,
			{ returnAll: true, filters: { search: 'garcia', externalId: 'ATS-1', archived: false } },
			[page(ids.slice(0, 100), 1, 3), page(ids.slice(100, 200), 2, 3), page(ids.slice(200), 3, 3)],
		);
		const output = await result;
		expect(fake.requests.map((request) => request.qs)).toEqual(
			[1, 2, 3].map((p) => ({
				search: 'garcia',
				externalId: 'ATS-1',
				page: p,
				pageSize: 100,
			})),
		);
		expect(output.map((item) => item.json.id)).toEqual(ids);
		expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('a Limit below 100 costs one request of that size', async () => {
		const { fake, result } = run(getManyCandidates, { returnAll: false, limit: 5, filters: {} }, [
			page(['a', 'b', 'c', 'd', 'e'], 1, 50),
		]);
		expect(await result).toHaveLength(5);
		expect(fake.requests).toHaveLength(1);
		expect(fake.requests[0].qs).toEqual({ page: 1, pageSize: 5 });
	});

	test('Include Archived on asks Humanly to include archived candidates (archived=true)', async () => {
		const { fake, result } = run(
			getManyCandidates,
			{ returnAll: false, limit: 5, filters: { archived: true } },
			[page(['a'], 1, 1)],
		);
		await result;
		expect(fake.requests[0].qs).toEqual({ archived: true, page: 1, pageSize: 5 });
	});

	test('a list answer in neither documented shape fails naming the request and what came back', async () => {
		const { result } = run(getManyCandidates, { returnAll: true, filters: {} }, [
			ok({ items: [] }),
		]);
		await expect(result).rejects.toThrow(
			'Unexpected response shape for GET /qsi/gather/candidates: expected the candidates as data or data.candidates (a list of records), but data is an object with items',
		);
	});
});
