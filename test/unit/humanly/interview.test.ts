import { getInterview } from '../../../nodes/Humanly/actions/interview/get.operation';
import { getManyInterviews } from '../../../nodes/Humanly/actions/interview/getAll.operation';
import { fakeClock, fakeContext } from '../helpers/context';
import { BASE, credentials, credentialType, ok } from './fixtures';

beforeEach(() => fakeClock());

test('Interview Get reads one interview by ID', async () => {
	const fake = fakeContext({
		parameters: { interviewId: { mode: 'id', value: 'i-1' } },
		credentials,
		credentialType,
		answers: [ok({ id: 'i-1', title: 'Nurse' })],
	});
	const output = await getInterview.execute.call(fake.context, fake.items);
	expect(fake.requests[0]).toMatchObject({
		method: 'GET',
		url: `${BASE}/qsi/gather/interviews/i-1`,
	});
	expect(output).toEqual([{ json: { id: 'i-1', title: 'Nurse' }, pairedItem: { item: 0 } }]);
});

test('Interview Get Many filters by type, status and archived, paging with limit', async () => {
	const fake = fakeContext({
		parameters: {
			returnAll: false,
			limit: 2,
			filters: { interviewType: 'standard', status: 'draft', archived: true },
		},
		credentials,
		credentialType,
		answers: [
			ok({
				interviews: [{ id: 'i-1' }, { id: 'i-2' }],
				pagination: { page: 1, limit: 2, total: 2, totalPages: 1 },
			}),
		],
	});
	const output = await getManyInterviews.execute.call(fake.context, fake.items);
	expect(fake.requests[0]).toMatchObject({
		url: `${BASE}/qsi/gather/interviews`,
		qs: { interviewType: 'standard', status: 'draft', archived: true, page: 1, limit: 2 },
	});
	expect(output.map((item) => item.json.id)).toEqual(['i-1', 'i-2']);
});

test('Interview Get Many refuses an unknown status before sending', async () => {
	const fake = fakeContext({
		parameters: { returnAll: true, filters: { status: 'live' } },
		credentials,
		credentialType,
		answers: [],
	});
	await expect(getManyInterviews.execute.call(fake.context, fake.items)).rejects.toThrow(
		'Invalid status: must be one of draft, active, inactive',
	);
	expect(fake.requests).toHaveLength(0);
});
