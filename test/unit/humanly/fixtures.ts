import type { IDataObject } from 'n8n-workflow';

import type { FakeAnswer } from '../helpers/context';

export const credentials = {
	apiKey: 'qapi_unit_secret_key',
	environment: 'custom',
	baseUrl: 'http://humanly.test/',
};
export const credentialType = 'humanlyApi';
export const BASE = 'http://humanly.test';

export const TEAM = '11111111-1111-4111-8111-111111111111';
export const TEAM_2 = '22222222-2222-4222-8222-222222222222';

/** The documented success envelope. */
export function ok(data: unknown, status = 200): FakeAnswer {
	return {
		status,
		body: { data, meta: { requestId: `req-${status}`, timestamp: '2026-11-23T10:00:00Z' } },
	};
}

/** The documented error envelope. */
export function refused(
	status: number,
	code: string,
	message: string,
	details?: IDataObject,
	requestId = 'req-err-1',
): FakeAnswer {
	return {
		status,
		body: {
			error: { code, message, ...(details ? { details } : {}) },
			meta: { requestId, timestamp: '2026-11-23T10:00:00Z' },
		},
	};
}

/** Per-item parameters of n users: user<i>@example.com in one team. */
export function userItems(
	n: number,
	extra: (i: number) => IDataObject = () => ({}),
): IDataObject[] {
	return Array.from({ length: n }, (_, i) => ({
		firstName: `First${i}`,
		lastName: `Last${i}`,
		email: `user${i}@example.com`,
		teamIds: [TEAM],
		...extra(i),
	}));
}

/** What the API answers to a bulk user POST carrying these emails, in request order. */
export function createdUsers(emails: string[]): FakeAnswer {
	return ok({ users: emails.map((email) => ({ id: `id-${email}`, email, isApiUser: true })) }, 201);
}

/** A list answer as the candidate-interviews page shows it: paging in `meta.pagination`. */
export function okPaged(data: unknown, pagination: IDataObject): FakeAnswer {
	return {
		status: 200,
		body: {
			data,
			meta: { requestId: 'req-200', timestamp: '2026-11-23T10:00:00Z', pagination },
		},
	};
}
