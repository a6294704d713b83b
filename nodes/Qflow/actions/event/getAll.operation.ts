import type { IExecuteFunctions } from 'n8n-workflow';

import { getManyOperation } from '../../../shared/getMany';
import { QFLOW } from '../../api';
import { checkinPath, qflowRecords } from '../../helpers/checkin';

export const getManyEvents = getManyOperation({
	noun: 'events',
	narrowing: 'all of the account or up to a limit',
	async list(this: IExecuteFunctions, _query, _limit, itemIndex) {
		// [assumed] one bare array without paging: Limit is applied to it.
		return await qflowRecords.call(
			this,
			{ method: 'GET', path: checkinPath(QFLOW.checkinPaths.events) },
			itemIndex,
		);
	},
});
