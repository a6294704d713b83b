import type { IExecuteFunctions } from 'n8n-workflow';

import { eachItem, type Operation } from '../../../shared/operation';
import { QFLOW } from '../../api';
import { commsPath } from '../../helpers/checkin';
import { qflowRequest } from '../../transport';

export const deleteSendingDomain: Operation = {
	menuEntry: {
		name: 'Delete',
		action: 'Delete the sending domain',
		description: 'Remove the account’s sending domain from Qflow and SendGrid for good',
		toolDescription:
			'Delete the Qflow account’s custom sending domain, at Qflow and at SendGrid; emails go out from the default sender. Returns deleted: true. Fails with 404 when the account has no sending domain.',
	},
	properties: [],
	// Not resent after a lost answer: had the first one arrived, a second would fail with 404.
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		await qflowRequest.call(
			this,
			{ method: 'POST', path: commsPath(QFLOW.commsPaths.domainDelete) },
			itemIndex,
		);
		return { deleted: true };
	}),
};
