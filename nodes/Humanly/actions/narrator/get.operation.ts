import type { IExecuteFunctions } from 'n8n-workflow';

import { concurrentReads, eachItem, type Operation } from '../../../shared/operation';
import { HUMANLY } from '../../api';
import { narratorLocator } from '../../fields';
import { readId } from '../../helpers/readId';
import { HUMANLY_CONCURRENT_READS, humanlyRecord } from '../../transport';

export const getNarrator: Operation = {
	menuEntry: {
		name: 'Get',
		action: 'Get a narrator',
		description: 'Get one text-to-speech narrator and its voices',
		toolDescription:
			'Get a Humanly text-to-speech narrator by ID. Returns its name, language and voices (name, gender, description). Fails when no narrator has the ID.',
	},
	properties: [narratorLocator('The narrator to get')],
	execute: eachItem(async function (this: IExecuteFunctions, itemIndex) {
		const narratorId = readId(this, 'narratorId', 'Narrator', itemIndex);
		return await humanlyRecord.call(
			this,
			{ method: 'GET', path: HUMANLY.paths.narrator(narratorId) },
			itemIndex,
		);
	}, concurrentReads(HUMANLY_CONCURRENT_READS)),
};
