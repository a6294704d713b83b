import type { IExecuteFunctions } from 'n8n-workflow';

import { getManyOperation } from '../../../shared/getMany';
import { qflowUsers } from '../../transport';

export const getManyUsers = getManyOperation({
	noun: 'users',
	narrowing: 'all of the enterprise or up to a limit',
	async list(this: IExecuteFunctions, _query, limit, itemIndex) {
		return await qflowUsers.call(this, limit, itemIndex);
	},
});
