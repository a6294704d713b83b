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
import { HUMANLY_CONCURRENT_READS, HUMANLY_DEFAULT_MAX_WAIT_SECONDS } from './transport';

export class Humanly implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Humanly',
		name: 'humanly',
		icon: { light: 'file:humanly.svg', dark: 'file:humanly.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create users and teams in bulk, and manage candidates, interviews, questions, message groups and interview invites in Humanly (Qualifi)',
		defaults: { name: 'Humanly' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'humanlyApi', required: true }],
		properties: [
			...nodeProperties(resources),
			requestOptionsProperty(
				HUMANLY_DEFAULT_MAX_WAIT_SECONDS,
				'Humanly allows 100 requests a minute and 1000 an hour per API key and says in its headers when the window resets.',
				HUMANLY_CONCURRENT_READS,
			),
		],
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this, resources);
	}
}
