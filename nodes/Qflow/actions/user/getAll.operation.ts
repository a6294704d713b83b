import type { IExecuteFunctions } from 'n8n-workflow';

import { requestedLimit, returnAllOrLimit } from '../../../shared/descriptions';
import { eachItem, type Operation } from '../../../shared/router';
import { qflowUsers } from '../../transport';

export const getManyUsers: Operation = {
	option: { name: 'Get Many', action: 'Get many users', description: 'List the users of the enterprise' },
	description: returnAllOrLimit({ show: {} }),
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		return await qflowUsers.call(this, requestedLimit(this, itemIndex), itemIndex);
	}),
};
