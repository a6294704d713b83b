import { timingSafeEqual } from 'node:crypto';

import {
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type ILoadOptionsFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { z } from 'zod';

import { expectShape } from '../shared/answer';
import { deliveryWebhook } from '../shared/nodeProperties';
import { clock } from '../shared/transport/clock';
import { QFLOW } from './api';
import { commsPath } from './helpers/checkin';
import { verifyCommsSignature } from './helpers/commsSignature';
import { isNotFound, qflowRequest } from './transport';

/** A URL secret shorter than this is too easy to guess for a channel whose only lock it is. */
const MIN_SECRET_LENGTH = 32;
const QUERY_SECRET = 'secret';

/**
 * Comms signatures already accepted, per trigger, until they are too old to be accepted anyway:
 * checked and set with no await in between, so identical deliveries arriving together start one
 * execution; the static-data copy keeps them across a restart.
 */
const acceptedSignatures = new Map<string, number>();

interface WebhookRequest {
	rawBody?: unknown;
	readRawBody?: () => Promise<void>;
	query?: Record<string, unknown>;
}

interface WebhookResponse {
	status(code: number): { json(body: unknown): void };
}

interface CommsState {
	/** The signing secret Qflow answered when the trigger registered its URL (shown only once). */
	secret?: string;
	url?: string;
	accepted?: Record<string, number>;
}

const registration = z.object({ url: z.string(), secret: z.string().min(1) }).passthrough();

const sameSecret = (given: string, expected: string) =>
	given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));

/** The webhook methods run in a hook context, which the transport serves as it serves the editor's lists. */
const asTransportContext = (context: IHookFunctions) => context as unknown as ILoadOptionsFunctions;

export class QflowTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Qflow Trigger',
		name: 'qflowTrigger',
		icon: { light: 'file:qflow.svg', dark: 'file:qflow.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] === "checkIn" ? "Guest checked in" : "Comms events"}}',
		description: 'Starts the workflow when a guest is checked in or a Qflow email changes state',
		defaults: { name: 'Qflow Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'qflowApi', required: true }],
		webhooks: deliveryWebhook,
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{
						name: 'Guest Checked In',
						value: 'checkIn',
						description:
							'A guest was admitted: scanner app, dashboard or API (Qflow’s check-in webhook)',
					},
					{
						name: 'Comms Events',
						value: 'comms',
						description:
							'An email was sent, delivered, opened, bounced or failed (signed Comms webhooks)',
					},
				],
				default: 'checkIn',
			},
			{
				displayName:
					'Qflow does NOT sign the check-in webhook: anyone who knows the URL could send a fake check-in. The only lock is a secret in the URL or in a header. Put the Production URL above in the Qflow dashboard (account settings → API), with ?secret= and your URL Secret at its end, or set the header there if your dashboard allows it. Deliveries without the secret are refused with 401 and start nothing.',
				name: 'unsignedNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { event: ['checkIn'] } },
			},
			{
				displayName: 'Secret In',
				name: 'secretIn',
				type: 'options',
				options: [
					{
						name: 'Query Parameter',
						value: 'query',
						description: 'The URL given to Qflow ends in ?secret= followed by the URL Secret',
					},
					{
						name: 'Header',
						value: 'header',
						description: 'Qflow sends the URL Secret in a header you name',
					},
				],
				default: 'query',
				displayOptions: { show: { event: ['checkIn'] } },
			},
			{
				displayName: 'Header Name',
				name: 'headerName',
				type: 'string',
				default: 'X-Qflow-Webhook-Secret',
				displayOptions: { show: { event: ['checkIn'], secretIn: ['header'] } },
			},
			{
				displayName: 'URL Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				required: true,
				description: `A long random value only you and Qflow know, at least ${MIN_SECRET_LENGTH} characters (e.g. from a password generator)`,
				displayOptions: { show: { event: ['checkIn'] } },
			},
			{
				displayName:
					'On activation the trigger registers its URL with Qflow (POST comms/webhook) and keeps the signing secret Qflow answers; on deactivation it removes the registration. Qflow keeps ONE comms webhook URL per account: this replaces any other, and Listen for Test Event points it at the test URL until the workflow is activated again. Deliveries are checked against the secret and refused with 401 when forged, altered, unsigned or older than 5 minutes.',
				name: 'commsNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { event: ['comms'] } },
			},
			{
				displayName: 'Comms Events',
				name: 'commsEvents',
				type: 'multiOptions',
				options: QFLOW.commsWebhook.events.map((event) => ({
					// comms.sent → "Email Sent"; comms.test → "Test Event" (what POST comms/webhook/test fires).
					name:
						event === 'comms.test'
							? 'Test Event'
							: `Email ${event.charAt(6).toUpperCase()}${event.slice(7)}`,
					value: event,
				})),
				default: ['comms.sent', 'comms.failed', 'comms.delivered', 'comms.opened', 'comms.bounced'],
				description: 'The events that start the workflow; others are acknowledged and ignored',
				displayOptions: { show: { event: ['comms'] } },
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (this.getNodeParameter('event') !== 'comms') return true;
				const state = this.getWorkflowStaticData('node') as CommsState;
				if (!state.secret) return false;
				let failure: unknown;
				try {
					const answer = await qflowRequest.call(asTransportContext(this), {
						method: 'GET',
						path: commsPath(QFLOW.commsPaths.webhook),
					});
					return (answer as IDataObject)?.url === this.getNodeWebhookUrl('default');
				} catch (error) {
					failure = error;
				}
				// The transport's errors are NodeApiErrors already.
				if (isNotFound(failure)) return false;
				throw failure;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (this.getNodeParameter('event') !== 'comms') return true;
				const url = this.getNodeWebhookUrl('default') as string;
				const path = commsPath(QFLOW.commsPaths.webhook);
				const answer = await qflowRequest.call(asTransportContext(this), {
					method: 'POST',
					path,
					body: { url },
					// Registering the same URL again only issues a new secret: safe to resend.
					idempotent: true,
				});
				const { secret } = expectShape(
					asTransportContext(this),
					registration,
					answer,
					`POST ${path}`,
				);
				const state = this.getWorkflowStaticData('node') as CommsState;
				Object.assign(state, { secret, url, accepted: {} });
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				if (this.getNodeParameter('event') !== 'comms') return true;
				const state = this.getWorkflowStaticData('node') as CommsState;
				const context = asTransportContext(this);
				let failure: unknown;
				try {
					// Only our own registration is removed: another URL set since then stays.
					const current = (await qflowRequest.call(context, {
						method: 'GET',
						path: commsPath(QFLOW.commsPaths.webhook),
					})) as IDataObject;
					if (current?.url === (state.url ?? this.getNodeWebhookUrl('default')))
						await qflowRequest.call(context, {
							method: 'POST',
							path: commsPath(QFLOW.commsPaths.webhookDelete),
							idempotent: true,
						});
				} catch (error) {
					failure = error;
				}
				// Already gone at Qflow is what deactivation wants; the transport's errors are NodeApiErrors.
				if (failure !== undefined && !isNotFound(failure)) throw failure;
				delete state.secret;
				delete state.url;
				delete state.accepted;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const response = this.getResponseObject() as WebhookResponse;
		const refuse = (message: string): IWebhookResponseData => {
			response.status(401).json({ error: 'unauthorized', message });
			return { noWebhookResponse: true };
		};
		const event = this.getNodeParameter('event', 'checkIn') as string;
		return event === 'comms' ? await comms(this, refuse) : checkIn(this, refuse);
	}
}

type Refuse = (message: string) => IWebhookResponseData;

/** The unsigned check-in webhook: only the secret in the URL or header lets a delivery in. */
function checkIn(context: IWebhookFunctions, refuse: Refuse): IWebhookResponseData {
	const secret = context.getNodeParameter('secret', '') as string;
	if (secret.length < MIN_SECRET_LENGTH)
		return refuse(
			`The trigger's URL Secret is shorter than ${MIN_SECRET_LENGTH} characters, so no delivery is accepted: set a longer one`,
		);
	const secretIn = context.getNodeParameter('secretIn', 'query') as string;
	let given: unknown;
	if (secretIn === 'header') {
		const name = (context.getNodeParameter('headerName', '') as string).toLowerCase();
		given = context.getHeaderData()[name];
	} else {
		given = (context.getRequestObject() as WebhookRequest).query?.[QUERY_SECRET];
	}
	if (typeof given !== 'string' || !sameSecret(given, secret))
		return refuse('The delivery does not carry the trigger’s secret');
	const payload = context.getBodyData();
	return { workflowData: [[{ json: payload }]] };
}

/** A signed comms delivery: raw body, secret from the registration, 5-minute age, no replays. */
async function comms(context: IWebhookFunctions, refuse: Refuse): Promise<IWebhookResponseData> {
	const state = context.getWorkflowStaticData('node') as CommsState;
	if (!state.secret)
		return refuse(
			'The trigger holds no signing secret: deactivate and activate the workflow to register with Qflow again',
		);
	const request = context.getRequestObject() as WebhookRequest;
	if (!Buffer.isBuffer(request.rawBody) && request.readRawBody) await request.readRawBody();
	const header = context.getHeaderData()[QFLOW.commsWebhook.signatureHeader];
	const nowMs = clock.now();
	const verdict = verifyCommsSignature({
		header: Array.isArray(header) ? header[0] : header,
		secret: state.secret,
		rawBody: Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined,
		nowSeconds: Math.floor(nowMs / 1000),
	});
	if (!verdict.valid) return refuse(verdict.message);

	const key = `${context.getWorkflow().id ?? ''}:${context.getNode().name}:${verdict.signature}`;
	for (const [seen, until] of acceptedSignatures)
		if (until < nowMs) acceptedSignatures.delete(seen);
	const stored = Object.fromEntries(
		Object.entries(state.accepted ?? {}).filter(([, until]) => until >= nowMs),
	);
	if (acceptedSignatures.has(key) || stored[verdict.signature] !== undefined)
		return refuse('This delivery was received before (same signature): refused as a replay');
	const until = (verdict.timestamp + QFLOW.commsWebhook.maxAgeSeconds) * 1000;
	acceptedSignatures.set(key, until);
	state.accepted = { ...stored, [verdict.signature]: until };

	const payload = context.getBodyData();
	const eventHeader = context.getHeaderData()[QFLOW.commsWebhook.eventHeader];
	const event =
		typeof payload.event === 'string'
			? payload.event
			: typeof eventHeader === 'string'
				? eventHeader
				: '';
	const wanted = context.getNodeParameter('commsEvents', []) as string[];
	if (!wanted.includes(event)) {
		(context.getResponseObject() as WebhookResponse).status(200).json({
			received: true,
			ignored: `${event || 'an unnamed event'} is not one of the trigger's events`,
		});
		return { noWebhookResponse: true };
	}
	return { workflowData: [[{ json: { ...payload, event } }]] };
}
