import type { IDataObject } from 'n8n-workflow';

import { bulkUpdateInterviews } from '../../../nodes/Humanly/actions/interview/bulkUpdate.operation';
import { createInterview } from '../../../nodes/Humanly/actions/interview/create.operation';
import { getInterview } from '../../../nodes/Humanly/actions/interview/get.operation';
import { getManyInterviews } from '../../../nodes/Humanly/actions/interview/getAll.operation';
import type { Operation } from '../../../nodes/shared/operation';
import { fakeClock, fakeContext, type FakeAnswer } from '../helpers/context';
import { BASE, credentials, credentialType, ok, okPaged, TEAM } from './fixtures';

beforeEach(() => fakeClock());

function run(operation: Operation, parameters: IDataObject, answers: FakeAnswer[]) {
	const fake = fakeContext({ parameters, credentials, credentialType, answers });
	return { fake, result: operation.execute.call(fake.context, fake.items) };
}

describe('Interview Get', () => {
	const byId = { interviewId: { mode: 'id', value: 'i-1' } };

	test('newer answer: the record is unwrapped from data.interview, its number status named', async () => {
		const { fake, result } = run(getInterview, { ...byId, options: { teamId: TEAM } }, [
			ok({ interview: { id: 'i-1', title: 'Nurse', status: 1 } }),
		]);
		expect(await result).toEqual([
			{
				json: { id: 'i-1', title: 'Nurse', status: 1, statusName: 'Paused' },
				pairedItem: { item: 0 },
			},
		]);
		expect(fake.requests[0]).toMatchObject({
			method: 'GET',
			url: `${BASE}/qsi/gather/interviews/i-1`,
			qs: { teamId: TEAM },
		});
	});

	test('older answer: data is the record, its text status named; no Team sends no teamId', async () => {
		const { fake, result } = run(getInterview, byId, [
			ok({ id: 'i-1', title: 'Nurse', status: 'active' }),
		]);
		expect((await result)[0].json).toEqual({
			id: 'i-1',
			title: 'Nurse',
			status: 'active',
			statusName: 'Active',
		});
		expect(fake.requests[0].qs).toBeUndefined();
	});

	test('a status neither page shows is kept, with statusName null', async () => {
		const { result } = run(getInterview, byId, [ok({ interview: { id: 'i-1', status: 9 } })]);
		expect((await result)[0].json).toEqual({ id: 'i-1', status: 9, statusName: null });
	});
});

describe('Interview Get Many', () => {
	test('sends the documented filters (status as its number, archived only when included) and names each status', async () => {
		const { fake, result } = run(
			getManyInterviews,
			{
				returnAll: false,
				limit: 2,
				filters: { interviewType: 'questionnaire', status: 2, archived: true },
			},
			[
				ok({
					interviews: [
						{ id: 'i-1', status: 2 },
						{ id: 'i-2', status: 'closed' },
					],
					pagination: { page: 1, limit: 2, total: 2, totalPages: 1 },
				}),
			],
		);
		const output = await result;
		expect(fake.requests[0]).toMatchObject({
			url: `${BASE}/qsi/gather/interviews`,
			qs: { interviewType: 'questionnaire', status: 2, archived: true, page: 1, limit: 2 },
		});
		expect(output.map((item) => item.json.statusName)).toEqual(['Closed', 'Closed']);
	});

	test('Include Archived off sends no archived; a status given as text by an expression is its number', async () => {
		const { fake, result } = run(
			getManyInterviews,
			{ returnAll: true, filters: { status: '3', archived: false } },
			[okPaged([{ id: 'i-1', status: 3 }], { page: 1, limit: 100, total: 1, totalPages: 1 })],
		);
		expect((await result).map((item) => item.json.id)).toEqual(['i-1']);
		expect(fake.requests[0].qs).toEqual({ status: 3, page: 1, limit: 100 });
	});

	test.each([
		['the older text', 'active'],
		['an unknown number', 4],
	])('refuses a status of %s before sending', async (_, status) => {
		const { fake, result } = run(getManyInterviews, { returnAll: true, filters: { status } }, []);
		await expect(result).rejects.toThrow(
			'Invalid status: must be one of 0 (Active), 1 (Paused), 2 (Closed), 3 (Archived)',
		);
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Interview Create', () => {
	test('creates a standard interview with questions, survey questions and keywords', async () => {
		const { fake, result } = run(
			createInterview,
			{
				title: 'Barista',
				additionalFields: {
					displayName: 'Join us',
					language: 'en',
					questionIds: ['q-1', 'q-2'],
					surveyQuestions: { question: [{ id: 'sq-1', knockout: true }] },
					keywords: 'coffee, service',
				},
			},
			[ok({ interview: { id: 'i-9', title: 'Barista', status: 0 } }, 201)],
		);
		expect(await result).toEqual([
			{
				json: { id: 'i-9', title: 'Barista', status: 0, statusName: 'Active' },
				pairedItem: { item: 0 },
			},
		]);
		expect(fake.requests[0]).toMatchObject({
			method: 'POST',
			url: `${BASE}/qsi/gather/interviews`,
			body: {
				title: 'Barista',
				displayName: 'Join us',
				language: 'en',
				interviewType: 'standard',
				questionIds: ['q-1', 'q-2'],
				surveyQuestions: [{ id: 'sq-1', knockout: true }],
				keywords: ['coffee', 'service'],
			},
		});
	});

	test.each([
		['title', { title: ' ' }],
		['language', { title: 'X', additionalFields: { language: 'English' } }],
		['questionIds', { title: 'X', additionalFields: { questionIds: ['a/b'] } }],
	])('refuses a bad %s before sending', async (field, parameters) => {
		const { fake, result } = run(createInterview, parameters, []);
		await expect(result).rejects.toThrow(`Invalid ${field}`);
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Interview Bulk Update', () => {
	const parameters = {
		interviewIds: ['i-1', 'i-2'],
		mode: 'merge',
		updateFields: {
			keywords: 'go',
			removedKeywords: 'java',
			removedQuestionIds: ['q-1'],
			templateInterviewId: 'i-template',
		},
	};

	test('one PATCH with the documented fields; one item per interview, errors as items', async () => {
		const { fake, result } = run(bulkUpdateInterviews, parameters, [
			ok({
				success: false,
				updatedCount: 1,
				errors: [{ interviewId: 'i-2', message: 'Interview not found' }],
				templateInterviewId: 'i-template',
			}),
		]);
		expect((await result).map((item) => item.json)).toEqual([
			{ interviewId: 'i-1', updated: true, templateInterviewId: 'i-template' },
			{
				interviewId: 'i-2',
				updated: false,
				error: 'Interview not found',
				templateInterviewId: 'i-template',
			},
		]);
		expect(fake.requests).toHaveLength(1);
		expect(fake.requests[0]).toMatchObject({
			method: 'PATCH',
			url: `${BASE}/qsi/gather/interviews/bulk-update`,
			body: {
				interviewIds: ['i-1', 'i-2'],
				mode: 'merge',
				keywords: ['go'],
				removedKeywords: ['java'],
				removedQuestionIds: ['q-1'],
				templateInterviewId: 'i-template',
			},
		});
	});

	test('an error naming no interview of the request is still an item', async () => {
		const { result } = run(bulkUpdateInterviews, parameters, [
			ok({ success: false, updatedCount: 2, errors: ['template has no questions'] }),
		]);
		expect((await result).map((item) => item.json)).toEqual([
			{ interviewId: 'i-1', updated: true, templateInterviewId: null },
			{ interviewId: 'i-2', updated: true, templateInterviewId: null },
			{
				interviewId: null,
				updated: false,
				error: 'template has no questions',
				templateInterviewId: null,
			},
		]);
	});

	test.each([
		['interviewIds', { ...parameters, interviewIds: [] }],
		['mode', { ...parameters, mode: 'replace' }],
	])('refuses a bad %s before sending', async (field, bad) => {
		const { fake, result } = run(bulkUpdateInterviews, bad, []);
		await expect(result).rejects.toThrow(`Invalid ${field}`);
		expect(fake.requests).toHaveLength(0);
	});
});
