import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { eachItem, type Operation } from '../../../shared/operation';
import { expectShape } from '../../../shared/answer';
import { QFLOW } from '../../api';
import { qflowRequest } from '../../transport';

/** [assumed] a bare JSON number (api.ts); a numeric string is read the same way. */
const total = z.union([
	z.number().int().nonnegative(),
	z.string().regex(/^\d+$/).transform(Number),
]);

export const countUsers: Operation = {
	menuEntry: {
		name: 'Count',
		action: 'Count users',
		description: 'Get the number of users in the enterprise',
		toolDescription: 'Count the users of the Qflow enterprise. Returns one item with the total.',
	},
	properties: [],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const body = await qflowRequest.call(
			this,
			{ method: 'GET', path: QFLOW.paths.count },
			itemIndex,
		);
		return { total: expectShape(this, total, body, `GET ${QFLOW.paths.count}`, itemIndex) };
	}),
};
