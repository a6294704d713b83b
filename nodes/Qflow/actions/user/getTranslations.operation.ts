import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { eachItem, type Operation } from '../../../shared/operation';
import { expectShape } from '../../../shared/answer';
import { QFLOW } from '../../api';
import { qflowRequest } from '../../transport';

/** [assumed] a flat `{ key: text }` object (api.ts). */
const translations = z.record(z.unknown());

export const getTranslations: Operation = {
	menuEntry: {
		name: 'Get Translations',
		action: 'Get translations',
		description: 'Get the locale strings of the Qflow user interface, as one item',
		toolDescription:
			'Get the translations of the Qflow user interface. Returns one item of locale key: text pairs.',
	},
	properties: [],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const body = await qflowRequest.call(
			this,
			{ method: 'GET', path: QFLOW.paths.translations },
			itemIndex,
		);
		return expectShape(
			this,
			translations,
			body,
			`GET ${QFLOW.paths.translations}`,
			itemIndex,
		) as IDataObject;
	}),
};
