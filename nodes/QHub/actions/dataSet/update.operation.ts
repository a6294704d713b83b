import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/operation';
import { optionalText } from '../../../shared/input';
import { QHUB } from '../../api';
import { qhubId } from '../../input';
import { qhubRequest } from '../../transport';
import { rowsProperties, runDataSetRequests } from '../../helpers/dataSetRows';

const fields = z.object({
	dataSetId: qhubId('Data set'),
	name: optionalText(200),
	description: optionalText(1000),
});

export const updateDataSet: Operation = {
	menuEntry: {
		name: 'Update',
		action: 'Update a data set',
		description: 'Replace a data set’s rows (and optionally its name) to keep it in sync',
		toolDescription:
			'Update a Q-Hub data set by ID, replacing all its rows and, if given, its name. Returns the updated data set. Fails before sending when a row is not flat, and when no data set has the ID.',
	},
	properties: [
		{
			displayName: 'Data Set ID',
			name: 'dataSetId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. ds_1a2b3c4d',
			description: 'ID returned when the data set was created',
		},
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Name', name: 'name', type: 'string', default: '' },
				{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			],
		},
		...rowsProperties,
	],
	async execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
		return await runDataSetRequests(
			this,
			items,
			(itemIndex) => ({
				dataSetId: this.getNodeParameter('dataSetId', itemIndex),
				...(this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject),
			}),
			async ({ dataSetId, ...body }, itemIndex) => {
				// The rows replace the old ones: sending the same body twice leaves the same state.
				return await qhubRequest.call(
					this,
					{
						method: QHUB.updateMethod,
						path: QHUB.paths.dataSet(String(dataSetId)),
						body,
						idempotent: true,
					},
					itemIndex,
				);
			},
			fields,
		);
	},
};
