import type { INodeProperties, IWebhookDescription } from 'n8n-workflow';

import type { Resources } from './operation';

function showFor(property: INodeProperties, resource: string, operation: string): INodeProperties {
	const show = { ...property.displayOptions?.show, resource: [resource], operation: [operation] };
	return { ...property, displayOptions: { ...property.displayOptions, show } };
}

/**
 * The Tool Description field of one operation, shown only when the node is an AI tool (`@tool`). n8n
 * adds its own Tool Description fields only to a node without one, and hands the agent this field's
 * value (n8n-workflow's getToolDescriptionForNode), so the agent reads what the operation does and
 * returns while the canvas keeps the short action.
 */
function toolDescriptionProperty(
	resource: string,
	operation: string,
	text: string,
): INodeProperties {
	return {
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 3 },
		default: text,
		description:
			'What the AI agent reads about this tool: what it does, what it returns and when it fails',
		displayOptions: { show: { '@tool': [true], resource: [resource], operation: [operation] } },
	};
}

/**
 * The Resource and Operation dropdowns, the tool's description of each operation, and every
 * operation's fields, shown only for that operation.
 */
export function nodeProperties(resources: Resources): INodeProperties[] {
	const resourceKeys = Object.keys(resources);
	const firstResource = resourceKeys[0];
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resourceKeys.map((value) => ({ name: resources[value].name, value })),
			default: firstResource,
		},
	];
	for (const [resource, { operations }] of Object.entries(resources)) {
		const operationKeys = Object.keys(operations);
		const firstOperation = operationKeys[0];
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: operationKeys.map((value) => {
				const { name, action, description } = operations[value].menuEntry;
				return { name, action, description, value };
			}),
			default: firstOperation,
		});
	}
	for (const [resource, { operations }] of Object.entries(resources)) {
		for (const [operation, { menuEntry }] of Object.entries(operations)) {
			properties.push(toolDescriptionProperty(resource, operation, menuEntry.toolDescription));
		}
	}
	for (const [resource, { operations }] of Object.entries(resources)) {
		for (const [operation, { properties: fields }] of Object.entries(operations)) {
			properties.push(...fields.map((property) => showFor(property, resource, operation)));
		}
	}
	return properties;
}

/**
 * The one webhook of a trigger that checks each delivery itself: n8n answers as soon as it arrives
 * and the node's webhook() decides what it starts.
 */
export const deliveryWebhook: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		responseData: '',
		path: 'webhook',
	},
];
