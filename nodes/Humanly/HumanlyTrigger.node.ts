import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { deliveryWebhook } from '../shared/nodeProperties';
import { clock } from '../shared/transport/clock';
import { HUMANLY } from './api';
import { verifySignature } from './helpers/webhookSignature';

const DEFAULT_TOLERANCE_SECONDS = 300;

type HumanlyEvent = (typeof HUMANLY.webhook.events)[number];

/** How the editor shows each documented event; typed by api.ts's list, so none can be left out. */
const EVENT_LABELS: Record<HumanlyEvent, { name: string; description?: string }> = {
	'candidate_interview.completed': {
		name: 'Candidate Interview Completed',
		description: 'A candidate finished an interview',
	},
	'candidate_interview.status_changed': {
		name: 'Candidate Interview Status Changed',
		description: 'An invite moved to another status, e.g. hired',
	},
	'interview.created': { name: 'Interview Created' },
	'interview.updated': { name: 'Interview Updated', description: 'E.g. by a bulk update' },
	'question.audio_generated': {
		name: 'Question Audio Generated',
		description: 'The spoken audio of a question is ready',
	},
};

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
		webhooks: deliveryWebhook,
		properties: [
			{
				displayName:
					'Humanly registers webhooks on request: there is no API for it. Send the Production URL above and the events you chose to your Humanly (Qualifi) contact. They give you the signing secret: put it in the Humanly credential as Webhook Secret. Every delivery is checked against it: forged, altered, unsigned or stale ones are refused with 401 and start nothing; a delivery received before is acknowledged and starts nothing again.',
				name: 'registration',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: HUMANLY.webhook.events.map((value) => ({ value, ...EVENT_LABELS[value] })),
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
							'How far the signed timestamp (Unix seconds or milliseconds) may be from now. Older deliveries are refused as stale. Humanly retries a missed delivery after 1 and 5 more minutes: raise this to 420 to take a retry that keeps its first timestamp.',
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
		const answer = (status: number, body: IDataObject): IWebhookResponseData => {
			response.status(status).json(body);
			return { noWebhookResponse: true };
		};
		const refuse = (message: string) => answer(401, { error: 'unauthorized', message });

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

		// Signed but not a delivery: nothing to start, and Humanly should hear it was not taken.
		const raw = Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined;
		const isObject = typeof payload === 'object' && payload !== null && !Array.isArray(payload);
		if ((raw !== undefined && raw.toString('utf8').trim() === '') || !isObject)
			return answer(400, {
				error: 'bad_request',
				message: 'The delivery has no JSON object body ({ event, timestamp, data })',
			});

		// Humanly retries a delivery it thinks failed, and the page warns of duplicates: one already
		// taken (same signature) is acknowledged, so the sender counts it delivered, and starts nothing.
		const state = this.getWorkflowStaticData('node') as { accepted?: Record<string, number> };
		const key = `${this.getWorkflow().id ?? ''}:${this.getNode().name}:${verdict.signature}`;
		for (const [seen, until] of acceptedSignatures)
			if (until < nowMs) acceptedSignatures.delete(seen);
		const stored = Object.fromEntries(
			Object.entries(state.accepted ?? {}).filter(([, until]) => until >= nowMs),
		);
		if (acceptedSignatures.has(key) || stored[verdict.signature] !== undefined)
			return answer(200, { received: true, duplicate: true });
		const until = (verdict.timestamp + toleranceSeconds) * 1000;
		acceptedSignatures.set(key, until);
		state.accepted = { ...stored, [verdict.signature]: until };

		const event = typeof payload.event === 'string' ? payload.event : '';
		const events = this.getNodeParameter('events', []) as string[];
		if (!events.includes(event))
			return answer(200, {
				received: true,
				ignored: `${event || 'an unnamed event'} is not one of the trigger's events`,
			});
		const data =
			payload.data && typeof payload.data === 'object' && !Array.isArray(payload.data)
				? (payload.data as IDataObject)
				: {};
		return { workflowData: [[{ json: { ...data, event, timestamp: payload.timestamp ?? null } }]] };
	}
}
