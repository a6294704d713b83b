import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { requestOptionsProperty } from '../shared/transport';
import { nodeProperties } from '../shared/nodeProperties';
import { route } from '../shared/operation';
import { resources } from './actions';
import { listSearch, loadOptions } from './methods';
import { QHUB_DEFAULT_MAX_WAIT_SECONDS } from './transport';

export class QHub implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Q-Hub',
		name: 'qHub',
		icon: { light: 'file:qhub.svg', dark: 'file:qhub.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Provision users, manage locations and data sets, and read form and process entries in Q-Hub',
		defaults: { name: 'Q-Hub' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'qHubApi', required: true }],
		properties: [
			...nodeProperties(resources),
			requestOptionsProperty(
				QHUB_DEFAULT_MAX_WAIT_SECONDS,
				'Q-Hub allows about 25 requests per key per window and says in its headers when the window resets.',
			),
		],
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this, resources);
	}
}
