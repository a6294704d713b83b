import type { IDataObject } from 'n8n-workflow';

import { createQuestion } from '../../../nodes/Humanly/actions/question/create.operation';
import { createAiTextQuestion } from '../../../nodes/Humanly/actions/question/createAiText.operation';
import { createSurveyQuestion } from '../../../nodes/Humanly/actions/question/createSurvey.operation';
import { getQuestion } from '../../../nodes/Humanly/actions/question/get.operation';
import { getManyQuestions } from '../../../nodes/Humanly/actions/question/getAll.operation';
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

describe('Question Create (audio)', () => {
	const audio = {
		title: 'Tell me about yourself',
		questionScript: 'Tell me about yourself and your background.',
	};

	test('generates audio with the narrator picked; the question comes out of data.question', async () => {
		const { fake, result } = run(
			createQuestion,
			{ ...audio, additionalFields: { generateAudio: true, narratorId: 'n-1', userId: '' } },
			[ok({ question: { id: 'q-1', title: audio.title } }, 201)],
		);
		expect(await result).toEqual([
			{ json: { id: 'q-1', title: audio.title }, pairedItem: { item: 0 } },
		]);
		expect(fake.requests[0]).toMatchObject({
			method: 'POST',
			url: `${BASE}/qsi/gather/questions`,
			body: { ...audio, generateAudio: true, narratorId: 'n-1' },
		});
		expect(fake.requests[0].body).not.toHaveProperty('userId');
	});

	test('Created By is sent as userId; an API that requires it and gets none explains what to set', async () => {
		const withUser = run(createQuestion, { ...audio, additionalFields: { userId: 'u-1' } }, [
			ok({ question: { id: 'q-1' } }, 201),
		]);
		await withUser.result;
		expect(withUser.fake.requests[0].body).toMatchObject({ userId: 'u-1' });

		const older = run(
			createQuestion,
			{ ...audio, additionalFields: {} },
			[
				refused(400, 'VALIDATION_ERROR', 'userId is required', {
					field: 'userId',
					reason: 'is required',
				}),
			],
			true,
		);
		const [item] = await older.result;
		expect(item.json).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'userId' } });
		expect(String(item.json.description)).toContain('Created By');
	});

	test.each([
		[
			'questionScript',
			{ title: 'Q', questionScript: '', additionalFields: { generateAudio: true } },
		],
		['questionScript', { title: 'Q', questionScript: '', additionalFields: {} }],
		['audioURL', { ...audio, additionalFields: { audioURL: 'intro.mp3' } }],
		['narratorId', { ...audio, additionalFields: { narratorId: 'a/b' } }],
		['title', { ...audio, title: '', additionalFields: {} }],
	])('refuses a bad %s before sending', async (field, parameters) => {
		const { fake, result } = run(createQuestion, parameters, []);
		await expect(result).rejects.toThrow(`Invalid ${field}`);
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Question Create Survey and AI Text', () => {
	test('a multiple-choice survey question sends its answers as options', async () => {
		const { fake, result } = run(
			createSurveyQuestion,
			{ title: 'Shift?', questionType: 'multiple_choice', answerOptions: 'Day, Night' },
			[ok({ surveyQuestion: { id: 'sq-1', questionType: 'multiple_choice' } }, 201)],
		);
		expect((await result)[0].json).toEqual({ id: 'sq-1', questionType: 'multiple_choice' });
		expect(fake.requests[0]).toMatchObject({
			url: `${BASE}/qsi/gather/survey-questions`,
			body: { title: 'Shift?', questionType: 'multiple_choice', options: ['Day', 'Night'] },
		});
	});

	test('a yes/no question sends no options', async () => {
		const { fake, result } = run(
			createSurveyQuestion,
			{ title: 'Weekends?', questionType: 'yes_no', answerOptions: 'ignored' },
			[ok({ surveyQuestion: { id: 'sq-2' } }, 201)],
		);
		await result;
		expect(fake.requests[0].body).toEqual({ title: 'Weekends?', questionType: 'yes_no' });
	});

	test.each([
		['options', { title: 'Shift?', questionType: 'multiple_choice', answerOptions: 'Day' }],
		['questionType', { title: 'Shift?', questionType: 'stars' }],
	])('refuses a bad %s before sending', async (field, parameters) => {
		const { fake, result } = run(createSurveyQuestion, parameters, []);
		await expect(result).rejects.toThrow(`Invalid ${field}`);
		expect(fake.requests).toHaveLength(0);
	});

	test('an AI text question posts its text and comes out of data.aiTextQuestion', async () => {
		const { fake, result } = run(
			createAiTextQuestion,
			{ title: 'Conflict', questionText: 'Describe a conflict.' },
			[ok({ aiTextQuestion: { id: 'ai-1' } }, 201)],
		);
		expect((await result)[0].json).toEqual({ id: 'ai-1' });
		expect(fake.requests[0]).toMatchObject({
			url: `${BASE}/qsi/gather/ai-text-questions`,
			body: { title: 'Conflict', questionText: 'Describe a conflict.' },
		});
	});
});

describe('Question Get and Get Many', () => {
	test('Get unwraps data.question', async () => {
		const { fake, result } = run(getQuestion, { questionId: { mode: 'id', value: 'q-1' } }, [
			ok({ question: { id: 'q-1', title: 'Why us?' } }),
		]);
		expect((await result)[0].json).toEqual({ id: 'q-1', title: 'Why us?' });
		expect(fake.requests[0].url).toBe(`${BASE}/qsi/gather/questions/q-1`);
	});

	test('Get Many reads data.questions or a bare list, and applies Limit itself', async () => {
		const keyed = run(getManyQuestions, { returnAll: false, limit: 1 }, [
			ok({ questions: [{ id: 'q-1' }, { id: 'q-2' }] }),
		]);
		expect((await keyed.result).map((item) => item.json.id)).toEqual(['q-1']);
		const bare = run(getManyQuestions, { returnAll: true }, [ok([{ id: 'q-1' }, { id: 'q-2' }])]);
		expect((await bare.result).map((item) => item.json.id)).toEqual(['q-1', 'q-2']);
	});
});
