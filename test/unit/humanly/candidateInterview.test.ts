import type { IDataObject } from 'n8n-workflow';

import { HUMANLY } from '../../../nodes/Humanly/api';
import { getCandidateInterview } from '../../../nodes/Humanly/actions/candidateInterview/get.operation';
import { getManyCandidateInterviews } from '../../../nodes/Humanly/actions/candidateInterview/getAll.operation';
import { getCandidateInterviewResults } from '../../../nodes/Humanly/actions/candidateInterview/getResults.operation';
import { inviteCandidate } from '../../../nodes/Humanly/actions/candidateInterview/invite.operation';
import { resendCandidateInterviewInvite } from '../../../nodes/Humanly/actions/candidateInterview/resendInvite.operation';
import { statusOptions } from '../../../nodes/Humanly/helpers/statusOptions';
import { updateCandidateInterviewStatus } from '../../../nodes/Humanly/actions/candidateInterview/updateStatus.operation';
import type { Operation } from '../../../nodes/shared/operation';
import { fakeClock, fakeContext, type FakeAnswer } from '../helpers/context';
import { BASE, credentials, credentialType, ok, okPaged, refused } from './fixtures';

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

const invite = {
	candidateId: { mode: 'list', value: 'c-1' },
	interviewId: { mode: 'id', value: 'i-1' },
	deliveryTypes: ['email'],
	additionalFields: {},
};

describe('Candidate Interview Invite', () => {
	test('creates the candidate interview with delivery, expiry and redirect', async () => {
		const { fake, result } = run(
			inviteCandidate,
			{
				...invite,
				deliveryTypes: ['email', 'sms', 'email'],
				additionalFields: {
					expiryDays: 14,
					externalRedirectUri: 'https://careers.example.com/thanks',
					sendInvite: true,
					webhookUrl: 'https://hooks.example.com/humanly',
				},
			},
			[ok({ id: 'ci-1', status: 'invite_sent' }, 201)],
		);
		expect(await result).toEqual([
			{ json: { id: 'ci-1', status: 'invite_sent' }, pairedItem: { item: 0 } },
		]);
		expect(fake.requests[0]).toMatchObject({
			method: 'POST',
			url: `${BASE}/qsi/gather/candidate-interviews`,
			body: {
				candidateId: 'c-1',
				interviewId: 'i-1',
				deliveryTypes: ['email', 'sms'],
				expiryDays: 14,
				externalRedirectUri: 'https://careers.example.com/thanks',
				sendInvite: true,
				webhookUrl: 'https://hooks.example.com/humanly',
			},
		});
	});

	test('the API’s refusal of SMS for a candidate without opt-in is surfaced with advice', async () => {
		const { fake, result } = run(
			inviteCandidate,
			{ ...invite, deliveryTypes: ['sms'] },
			[
				refused(
					400,
					'VALIDATION_ERROR',
					'deliveryTypes sms is not allowed: the candidate has not opted in to SMS (smsOptIn is false)',
					{
						field: 'deliveryTypes',
						reason: 'sms is not allowed',
					},
					'req-sms',
				),
			],
			true,
		);
		const [item] = await result;
		expect(fake.requests).toHaveLength(1);
		expect(item.json).toMatchObject({
			error:
				'Humanly: deliveryTypes sms is not allowed: the candidate has not opted in to SMS (smsOptIn is false)',
			httpCode: '400',
			code: 'VALIDATION_ERROR',
			requestId: 'req-sms',
			details: { field: 'deliveryTypes' },
		});
		expect(String(item.json.description)).toContain('opted in to SMS');
	});

	test.each([
		[{ deliveryTypes: [] }, 'Invalid deliveryTypes: must name at least one channel: email, sms'],
		[{ deliveryTypes: ['fax'] }, 'Invalid deliveryTypes.0: must be one of email, sms'],
		[{ additionalFields: { expiryDays: 0 } }, 'Invalid expiryDays: must be at least 1 day'],
		[
			{ additionalFields: { externalRedirectUri: 'careers page' } },
			'Invalid externalRedirectUri: must be a full URL',
		],
		[{ interviewId: { mode: 'id', value: '' } }, 'Invalid interviewId'],
	])('refuses %j before sending', async (change, message) => {
		const { fake, result } = run(inviteCandidate, { ...invite, ...change }, []);
		await expect(result).rejects.toThrow(message);
		expect(fake.requests).toHaveLength(0);
	});

	test('an invite is never resent after a connection reset (it could message the candidate twice)', async () => {
		const { fake, result } = run(inviteCandidate, invite, [{ networkError: 'ECONNRESET' }]);
		await expect(result).rejects.toThrow(
			'Humanly may have processed POST /qsi/gather/candidate-interviews: the connection was reset after the request was sent, so the outcome is unknown',
		);
		expect(fake.requests).toHaveLength(1);
	});
});

describe('Candidate Interview Get, Get Many, Results, Resend', () => {
	test('Get reads one candidate interview', async () => {
		const { fake, result } = run(getCandidateInterview, { candidateInterviewId: 'ci-1' }, [
			ok({ id: 'ci-1' }),
		]);
		expect(await result).toEqual([{ json: { id: 'ci-1' }, pairedItem: { item: 0 } }]);
		expect(fake.requests[0]).toMatchObject({
			method: 'GET',
			url: `${BASE}/qsi/gather/candidate-interviews/ci-1`,
		});
	});

	test('Get Many reads the page’s shape: data a bare array, paging in meta.pagination', async () => {
		const ids = Array.from({ length: 101 }, (_, i) => `ci-${i}`);
		const { fake, result } = run(
			getManyCandidateInterviews,
			{
				returnAll: true,
				filters: { candidateId: 'c-1', interviewId: 'i-1', status: 'new_response' },
			},
			[
				okPaged(
					ids.slice(0, 100).map((id) => ({ id })),
					{ page: 1, limit: 100, total: 101, totalPages: 2 },
				),
				okPaged([{ id: ids[100] }], { page: 2, limit: 100, total: 101, totalPages: 2 }),
			],
		);
		expect((await result).map((item) => item.json.id)).toEqual(ids);
		expect(fake.requests[0]).toMatchObject({
			url: `${BASE}/qsi/gather/candidate-interviews`,
			qs: { candidateId: 'c-1', interviewId: 'i-1', status: 'new_response', page: 1, limit: 100 },
		});
		expect(fake.requests[1].qs).toMatchObject({ page: 2 });
	});

	test('Get Many also reads data.candidateInterviews with data.pagination', async () => {
		const { fake, result } = run(getManyCandidateInterviews, { returnAll: true, filters: {} }, [
			ok({
				candidateInterviews: [{ id: 'ci-1' }],
				pagination: { page: 1, limit: 100, total: 1, totalPages: 1 },
			}),
		]);
		expect((await result).map((item) => item.json.id)).toEqual(['ci-1']);
		expect(fake.requests).toHaveLength(1);
	});

	test('Get Many: an answer of neither shape fails the item naming the request and what came back', async () => {
		const { result } = run(getManyCandidateInterviews, { returnAll: true, filters: {} }, [
			ok({ candidateInterviews: 'none' }),
		]);
		await expect(result).rejects.toThrow(
			'Unexpected response shape for GET /qsi/gather/candidate-interviews: expected the candidateInterviews as data or data.candidateInterviews (a list of records), but data.candidateInterviews is a string',
		);
	});

	test('Get Results returns summary and score card as answered, null while processing', async () => {
		const answer = {
			candidateInterviewId: 'ci-1',
			transcriptions: [],
			summary: null,
			summaryStatus: 'processing',
			scoreCard: null,
		};
		const { fake, result } = run(getCandidateInterviewResults, { candidateInterviewId: 'ci-1' }, [
			ok(answer),
		]);
		expect((await result)[0].json).toEqual(answer);
		expect(fake.requests[0]).toMatchObject({
			method: 'GET',
			url: `${BASE}/qsi/gather/candidate-interviews/ci-1/results`,
		});
	});

	test('Get Results with If Summary Is Processing → Fail fails the item while processing, not once complete', async () => {
		const parameters = { candidateInterviewId: 'ci-1', options: { summaryProcessing: 'fail' } };
		const processing = run(getCandidateInterviewResults, parameters, [
			ok({ summaryStatus: 'processing', summary: null }),
		]);
		await expect(processing.result).rejects.toThrow(
			'The summary of candidate interview ci-1 is still being generated (summaryStatus processing)',
		);
		const complete = run(getCandidateInterviewResults, parameters, [
			ok({ summaryStatus: 'complete', summary: 'Strong answers' }),
		]);
		expect((await complete.result)[0].json.summary).toBe('Strong answers');
	});

	test('Resend Invite posts { deliveryTypes } to resend-invite', async () => {
		const { fake, result } = run(
			resendCandidateInterviewInvite,
			{ candidateInterviewId: 'ci-1', deliveryTypes: ['sms', 'email', 'sms'] },
			[ok({ id: 'ci-1', status: 'invite_sent' })],
		);
		expect((await result)[0].json).toEqual({ id: 'ci-1', status: 'invite_sent' });
		expect(fake.requests[0]).toMatchObject({
			method: 'POST',
			url: `${BASE}/qsi/gather/candidate-interviews/ci-1/resend-invite`,
			body: { deliveryTypes: ['sms', 'email'] },
		});
	});

	test('an ID with a space is refused before sending', async () => {
		const { fake, result } = run(
			resendCandidateInterviewInvite,
			{ candidateInterviewId: 'ci 1' },
			[],
		);
		await expect(result).rejects.toThrow('Invalid candidateInterviewId');
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Candidate Interview Update Status', () => {
	test('offers exactly the documented statuses', () => {
		expect(statusOptions.map((option) => option.value)).toEqual([
			...HUMANLY.candidateInterviewStatuses,
		]);
	});

	test('PATCHes the status', async () => {
		const { fake, result } = run(
			updateCandidateInterviewStatus,
			{ candidateInterviewId: 'ci-1', status: 'hired' },
			[ok({ id: 'ci-1', status: 'hired' })],
		);
		expect((await result)[0].json.status).toBe('hired');
		expect(fake.requests[0]).toMatchObject({
			method: 'PATCH',
			url: `${BASE}/qsi/gather/candidate-interviews/ci-1/status`,
			body: { status: 'hired' },
		});
	});

	test('setting a status is resent after a connection reset (it is idempotent)', async () => {
		const { fake, result } = run(
			updateCandidateInterviewStatus,
			{ candidateInterviewId: 'ci-1', status: 'hired' },
			[{ networkError: 'ECONNRESET' }, ok({ id: 'ci-1', status: 'hired' })],
		);
		expect((await result)[0].json.status).toBe('hired');
		expect(fake.requests).toHaveLength(2);
	});

	test('an undocumented status is refused before sending', async () => {
		const { fake, result } = run(
			updateCandidateInterviewStatus,
			{ candidateInterviewId: 'ci-1', status: 'rejected' },
			[],
		);
		await expect(result).rejects.toThrow(
			'Invalid status: must be one of invite_sent, new_response, has_reviewed, partially_completed, hired, archived',
		);
		expect(fake.requests).toHaveLength(0);
	});
});
