import type { IExecuteFunctions } from 'n8n-workflow';

import { getManyOperation } from '../../../shared/getMany';
import { QFLOW } from '../../api';
import { commsPath, eventLocator, qflowRecords, readEventId } from '../../helpers/checkin';

export const getManyTemplates = getManyOperation({
	noun: 'email templates',
	narrowing: 'of one event',
	properties: [eventLocator('The event whose templates to get')],
	async list(this: IExecuteFunctions, _query, _limit, itemIndex) {
		const eventId = readEventId(this, itemIndex);
		return await qflowRecords.call(
			this,
			{
				method: 'GET',
				path: commsPath(QFLOW.commsPaths.templates),
				qs: { [QFLOW.templatesEventParam]: eventId },
			},
			itemIndex,
		);
	},
});
