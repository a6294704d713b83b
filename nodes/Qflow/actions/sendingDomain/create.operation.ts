import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { eachItem, type Operation } from '../../../shared/operation';
import { domainName, validateInput } from '../../../shared/input';
import { QFLOW } from '../../api';
import { commsPath } from '../../helpers/checkin';
import { qflowDomain } from '../../helpers/sendingDomain';

export const createSendingDomain: Operation = {
	menuEntry: {
		name: 'Create',
		action: 'Create a sending domain',
		description:
			'Start sending the account’s emails from your own domain: returns the three CNAME records to publish',
		toolDescription:
			'Set up a custom sending domain for the Qflow account’s emails (one per account, through SendGrid). Returns the domain with its ID, verified and enabled flags (both false at first) and the three CNAME records to publish at the DNS registrar before Verify. Fails when the account already has a sending domain, or SendGrid refuses the name.',
	},
	properties: [
		{
			displayName: 'Domain',
			name: 'domain',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. mail.example.com',
			description:
				'A domain or subdomain you control; once verified, every email the account sends comes from it',
		},
	],
	// Not resent after a lost answer: the first may have set the domain up, and a second is refused.
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const body = validateInput(
			this,
			z.object({ domain: domainName('Domain') }),
			{ domain: this.getNodeParameter('domain', itemIndex) },
			itemIndex,
		);
		return await qflowDomain.call(
			this,
			{ method: 'POST', path: commsPath(QFLOW.commsPaths.domain), body },
			itemIndex,
		);
	}),
};
