import type { INodeProperties } from 'n8n-workflow';

import type { Resources } from './operation';

function showFor(property: INodeProperties, resource: string, operation: string): INodeProperties {
	const show = { ...property.displayOptions?.show, resource: [resource], operation: [operation] };
	return { ...property, displayOptions: { ...property.displayOptions, show } };
}

/** The Resource and Operation dropdowns and every operation's fields, shown only for that operation. */
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
			options: operationKeys.map((value) => ({ ...operations[value].menuEntry, value })),
			default: firstOperation,
		});
	}
	for (const [resource, { operations }] of Object.entries(resources)) {
		for (const [operation, { properties: fields }] of Object.entries(operations)) {
			properties.push(...fields.map((property) => showFor(property, resource, operation)));
		}
	}
	return properties;
}
