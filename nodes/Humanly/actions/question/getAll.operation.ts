import type { IExecuteFunctions } from 'n8n-workflow';

import { getManyOperation } from '../../../shared/getMany';
import { humanlyList } from '../../transport';

export const getManyQuestions = getManyOperation({
	noun: 'questions',
	// The list has no documented paging: one request, Limit applied by the builder.
	async list(this: IExecuteFunctions, query, _limit, itemIndex) {
		return await humanlyList.call(this, 'questions', query, itemIndex);
	},
});
