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
import { listSearch } from './methods';
import { QFLOW_CONCURRENT_READS, QFLOW_DEFAULT_MAX_WAIT_SECONDS } from './transport';

export class Qflow implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Qflow',
		name: 'qflow',
		icon: { light: 'file:qflow.svg', dark: 'file:qflow.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage Qflow events, guests and check-ins, door staff and their app profiles, templated emails and their sending domain, enterprise users and iFrame SSO links',
		defaults: { name: 'Qflow' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'qflowApi', required: true }],
		properties: [
			...nodeProperties(resources),
			requestOptionsProperty(
				QFLOW_DEFAULT_MAX_WAIT_SECONDS,
				'Qflow allows about 1000 requests a minute per IP, then refuses for 60 s without saying so in headers.',
				QFLOW_CONCURRENT_READS,
			),
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this, resources);
	}
}
