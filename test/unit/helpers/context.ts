import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';

import { clock, forgetTransportMemory } from '../../../nodes/shared/transport';

/** `a.b` paths as n8n's getNodeParameter reads them (e.g. 'requestOptions.maxWaitSeconds'). */
function get(values: IDataObject, path: string, fallback: unknown): unknown {
	let current: unknown = values;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object' || !(key in (current as IDataObject)))
			return fallback;
		current = (current as IDataObject)[key];
	}
	return current;
}

/** What a fake server answers: a body (200), a full response (any status), or a network failure. */
export type FakeAnswer =
	| { status?: number; body?: unknown; headers?: Record<string, string> }
	| { networkError: string };

export interface FakeContextOptions {
	/** Node parameters, shared by every item unless `perItem` overrides them. */
	parameters: IDataObject;
	perItem?: IDataObject[];
	items?: INodeExecutionData[];
	credentials: ICredentialDataDecryptedObject;
	credentialType: string;
	continueOnFail?: boolean;
	/** Answers in order, one per request; the last one repeats. */
	answers?: FakeAnswer[];
}

/**
 * A mocked IExecuteFunctions around a fake HTTP answerer: tests see every request the node sent
 * (method, url, qs, body) and get back what the node returned.
 */
export function fakeContext(options: FakeContextOptions) {
	const requests: IHttpRequestOptions[] = [];
	const answers = [...(options.answers ?? [{ body: {} }])];
	const items = options.items ?? (options.perItem ?? [{}]).map(() => ({ json: {} }));
	const node: INode = {
		id: 'node-1',
		name: 'Node Under Test',
		type: 'test',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [options.credentialType]: { id: 'cred-1', name: 'Test credential' } },
	};

	// Behaves like n8n's helper: status errors are answers when ignoreHttpStatusErrors is set, else a
	// thrown NodeApiError-like object (httpCode + context.data, no headers); network failures throw
	// with the code in httpCode.
	const httpRequestWithAuthentication = jest.fn(
		async (_type: string, request: IHttpRequestOptions) => {
			requests.push(JSON.parse(JSON.stringify(request)) as IHttpRequestOptions);
			const answer = answers.length > 1 ? answers.shift()! : answers[0];
			if ('networkError' in answer)
				throw Object.assign(new Error(answer.networkError), { httpCode: answer.networkError });
			const status = answer.status ?? 200;
			if (status >= 400 && !request.ignoreHttpStatusErrors) {
				throw Object.assign(new Error(`Request failed with status code ${status}`), {
					httpCode: String(status),
					context: { data: answer.body },
				});
			}
			return { body: answer.body, headers: answer.headers ?? {}, statusCode: status };
		},
	);

	const context = {
		getInputData: () => items,
		getNode: () => node,
		getCredentials: async () => options.credentials,
		continueOnFail: () => options.continueOnFail ?? false,
		getNodeParameter: (
			name: string,
			itemIndex: number,
			fallback?: unknown,
			extra?: { extractValue?: boolean },
		) => {
			const values = { ...options.parameters, ...(options.perItem?.[itemIndex] ?? {}) };
			let value = get(values, name, fallback);
			if (
				extra?.extractValue &&
				value &&
				typeof value === 'object' &&
				'value' in (value as IDataObject)
			) {
				value = (value as IDataObject).value;
			}
			return value;
		},
		helpers: { httpRequestWithAuthentication },
	} as unknown as IExecuteFunctions;

	return { context, requests, httpRequestWithAuthentication, items };
}

/** Replaces the transport's clock: sleeps advance fake time instantly and are recorded. */
export function fakeClock(startMs = Date.parse('2026-11-23T10:00:00Z')) {
	let now = startMs;
	const sleeps: number[] = [];
	jest.spyOn(clock, 'now').mockImplementation(() => now);
	jest.spyOn(clock, 'random').mockImplementation(() => 0.5);
	jest.spyOn(clock, 'sleep').mockImplementation(async (ms: number) => {
		sleeps.push(ms);
		now += ms;
	});
	forgetTransportMemory();
	return {
		sleeps,
		now: () => now,
		advance: (ms: number) => {
			now += ms;
		},
	};
}
