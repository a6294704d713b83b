import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getManyOperation } from '../../../shared/getMany';
import { QFLOW } from '../../api';
import { checkinPath, eventLocator, qflowRecords, readEventId } from '../../helpers/checkin';

export const getManyTeamMembers = getManyOperation({
	noun: 'team members',
	narrowing: 'of the enterprise or of one event',
	properties: [
		{
			displayName: 'Of One Event Only',
			name: 'ofEvent',
			type: 'boolean',
			default: false,
			description: 'Whether to get only the team members assigned to one event',
		},
		{
			...eventLocator('The event whose team members to get'),
			displayOptions: { show: { ofEvent: [true] } },
		},
	],
	async list(this: IExecuteFunctions, _query: IDataObject, _limit, itemIndex) {
		const ofEvent = this.getNodeParameter('ofEvent', itemIndex, false) as boolean;
		const path = ofEvent
			? QFLOW.checkinPaths.eventTeamMembers(readEventId(this, itemIndex))
			: QFLOW.checkinPaths.teamMembers;
		return await qflowRecords.call(this, { method: 'GET', path: checkinPath(path) }, itemIndex);
	},
});
