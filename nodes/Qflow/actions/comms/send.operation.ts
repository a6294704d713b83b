import { randomUUID } from 'node:crypto';

import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { eachItem, type Operation } from '../../../shared/operation';
import { optionalText, validateInput } from '../../../shared/input';
import { expectShape } from '../../../shared/answer';
import { QFLOW } from '../../api';
import {
	commsPath,
	eventLocator,
	guestLocator,
	readEventId,
	readId,
	templateLocator,
} from '../../helpers/checkin';
import { qflowRequest } from '../../transport';

const sendAnswer = z.object({ attendeeInvitationId: z.string().min(1) }).passthrough();

export const sendEmail: Operation = {
	menuEntry: {
		name: 'Send Email',
		action: 'Send an email to a guest',
		description: `Send a stored template to a guest of its event; Qflow allows ${QFLOW.sendRateLimit.requests} sends a minute`,
		toolDescription:
			'Send a stored Qflow email template to a guest of its event, with an optional correlation ID (the same ID makes the same send). Returns the send as Qflow accepted it, with its correlation ID. Fails when the guest or template is not in the event, or the sends-per-minute limit is reached.',
	},
	properties: [
		eventLocator('The event of the guest and the template; it feeds both lists'),
		guestLocator('The guest to email'),
		templateLocator('The template to send; it must belong to the same event'),
		{
			displayName: 'Correlation ID',
			name: 'correlationId',
			type: 'string',
			default: '',
			description:
				'Your reference for this send, echoed in the comms webhooks, e.g. an order number. The same one again is the same send, so a resend never emails twice; left empty, the node makes one per item.',
		},
	],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		readEventId(this, itemIndex);
		const attendeeId = readId(this, itemIndex, 'guestId', 'guestId');
		const templateId = readId(this, itemIndex, 'templateId', 'templateId');
		const { correlationId } = validateInput(
			this,
			z.object({ correlationId: optionalText(200) }),
			{ correlationId: this.getNodeParameter('correlationId', itemIndex, '') },
			itemIndex,
		);
		const body = { attendeeId, templateId, correlationId: correlationId ?? randomUUID() };
		const path = commsPath(QFLOW.commsPaths.send);
		const answer = await qflowRequest.call(
			this,
			// [assumed] the same correlationId makes the same send: only then may it be resent.
			{
				method: 'POST',
				path,
				body,
				idempotent: QFLOW.sendIdempotentWithCorrelationId,
				// Sends have their own documented limit per source IP, on top of the edge limit.
				endpointLimit: { name: 'comms send', limit: QFLOW.sendRateLimit },
			},
			itemIndex,
		);
		return {
			...expectShape(this, sendAnswer, answer, `POST ${path}`, itemIndex),
			attendeeId,
			templateId,
			correlationId: body.correlationId,
		};
	}),
};
