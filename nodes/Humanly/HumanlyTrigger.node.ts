import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { clock } from '../shared/transport/clock';
import { HUMANLY } from './api';
import { verifySignature } from './helpers/webhookSignature';

const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * Signatures already accepted, per trigger, until they are too old to be accepted anyway. Checked
 * and set with no await in between, so identical requests arriving together start one execution;
 * the static-data copy keeps them across a restart.
 */
const acceptedSignatures = new Map<string, number>();

interface WebhookRequest {
	rawBody?: unknown;
	readRawBody?: () => Promise<void>;
}

interface WebhookResponse {
	status(code: number): { json(body: unknown): void };
}

export class HumanlyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Humanly Trigger',
		name: 'humanlyTrigger',
		icon: { light: 'file:humanly.svg', dark: 'file:humanly.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		// n8n's node panel shows a trigger's description for the whole vendor (Humanly and Humanly Trigger).
		description:
			'Start workflows on Humanly (Qualifi) interview events; manage candidates, interview invites, users and teams',
		defaults: { name: 'Humanly Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'humanlyApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: '',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					'Humanly registers webhooks on request: there is no API for it. Send the Production URL above and the events you chose to your Humanly (Qualifi) contact. They give you the signing secret: put it in the Humanly credential as Webhook Secret. Every delivery is checked against it; forged, altered, unsigned or replayed ones are refused with 401 and start nothing.',
				name: 'registration',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{
						name: 'Candidate Interview Completed',
						value: 'candidate_interview.completed',
						description: 'A candidate finished an interview',
					},
					{
						name: 'Candidate Interview Status Changed',
						value: 'candidate_interview.status_changed',
						description: 'An invite moved to another status, e.g. hired',
					},
					{ name: 'Interview Created', value: 'interview.created' },
					{ name: 'Interview Updated', value: 'interview.updated' },
					{
						name: 'Question Audio Generated',
						value: 'question.audio_generated',
						description: 'The spoken audio of a question is ready',
					},
				],
				default: ['candidate_interview.completed'],
				required: true,
				description: 'The events that start the workflow; others are acknowledged and ignored',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Signature Tolerance (Seconds)',
						name: 'toleranceSeconds',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_TOLERANCE_SECONDS,
						description:
							'How far the signed timestamp may be from now. Older deliveries are refused as replays. Humanly retries a missed delivery after 1 and 5 more minutes: raise this to 420 to take a retry that keeps its first timestamp.',
					},
				],
			},
		],
	};

	/**
	 * Humanly has no API to register webhooks: its team registers the URL on request. There is nothing
	 * to create or delete on activation, so n8n is told the webhook already exists.
	 */
	webhookMethods = {
		default: {
			checkExists: async () => true,
			create: async () => true,
			delete: async () => true,
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject() as WebhookRequest;
		const response = this.getResponseObject() as WebhookResponse;
		const refuse = (message: string): IWebhookResponseData => {
			response.status(401).json({ error: 'unauthorized', message });
			return { noWebhookResponse: true };
		};

		const credentials = await this.getCredentials('humanlyApi');
		const secret = typeof credentials.webhookSecret === 'string' ? credentials.webhookSecret : '';
		if (secret === '')
			return refuse(
				'No Webhook Secret is set in the Humanly credential, so no delivery can be verified',
			);

		if (!Buffer.isBuffer(request.rawBody) && request.readRawBody) await request.readRawBody();
		const options = this.getNodeParameter('options', {}) as { toleranceSeconds?: number };
		const toleranceSeconds = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
		const header = this.getHeaderData()[HUMANLY.webhook.signatureHeader];
		const nowMs = clock.now();
		const payload = this.getBodyData();
		const verdict = verifySignature({
			header: Array.isArray(header) ? header[0] : header,
			secret,
			rawBody: Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined,
			parsedBody: payload,
			nowSeconds: Math.floor(nowMs / 1000),
			toleranceSeconds,
		});
		if (!verdict.valid) return refuse(verdict.message);

		// An identical delivery (same signature) is a replay within the tolerance: one execution only.
		const state = this.getWorkflowStaticData('node') as { accepted?: Record<string, number> };
		const key = `${this.getWorkflow().id ?? ''}:${this.getNode().name}:${verdict.signature}`;
		for (const [seen, until] of acceptedSignatures)
			if (until < nowMs) acceptedSignatures.delete(seen);
		const stored = Object.fromEntries(
			Object.entries(state.accepted ?? {}).filter(([, until]) => until >= nowMs),
		);
		if (acceptedSignatures.has(key) || stored[verdict.signature] !== undefined) {
			return refuse('This delivery was received before (same signature): refused as a replay');
		}
		const until = (verdict.timestamp + toleranceSeconds) * 1000;
		acceptedSignatures.set(key, until);
		state.accepted = { ...stored, [verdict.signature]: until };

		const event = typeof payload.event === 'string' ? payload.event : '';
		const events = this.getNodeParameter('events', []) as string[];
		if (!events.includes(event)) {
			response.status(200).json({
				received: true,
				ignored: `${event || 'an unnamed event'} is not one of the trigger's events`,
			});
			return { noWebhookResponse: true };
		}
		const data =
			payload.data && typeof payload.data === 'object' && !Array.isArray(payload.data)
				? (payload.data as IDataObject)
				: {};
		return { workflowData: [[{ json: { ...data, event, timestamp: payload.timestamp ?? null } }]] };
	}
}
