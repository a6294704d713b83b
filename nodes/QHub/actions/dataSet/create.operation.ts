import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/operation';
import { optionalText, requiredText } from '../../../shared/input';
import { QHUB } from '../../api';
import { qhubRequest } from '../../transport';
import { rowsProperties, runDataSetRequests } from '../../helpers/dataSetRows';

const fields = z.object({ name: requiredText('Name', 200), description: optionalText(1000) });

export const createDataSet: Operation = {
	menuEntry: {
		name: 'Create',
		action: 'Create a data set',
		description: 'Push a named table of rows into Q-Hub from another system',
		toolDescription:
			'Create a Q-Hub data set from rows: each input item is a row, or one JSON array holds them all. Returns the new data set with its ID. Fails before sending when a row is not flat (a cell must be text, a number, true/false or null) or there are too many rows.',
	},
	properties: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			description: 'Name of the data set as shown in Q-Hub',
		},
		{
			displayName: 'Description',
			name: 'dataSetDescription',
			type: 'string',
			default: '',
		},
		...rowsProperties,
	],
	async execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
		return await runDataSetRequests(
			this,
			items,
			(itemIndex) => ({
				name: this.getNodeParameter('name', itemIndex),
				description: this.getNodeParameter('dataSetDescription', itemIndex, ''),
			}),
			async (body, itemIndex) =>
				await qhubRequest.call(
					this,
					{ method: 'POST', path: QHUB.paths.dataSets, body },
					itemIndex,
				),
			fields,
		);
	},
};
