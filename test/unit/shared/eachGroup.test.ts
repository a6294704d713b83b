import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { eachGroup } from '../../../nodes/shared/operation';

/** Items 0..n-1 whose `value` is the entry; a negative value is invalid input. */
function run(values: number[], continueOnFail: boolean, refuse?: (value: number) => boolean) {
	const sent: number[][] = [];
	const context = {
		continueOnFail: () => continueOnFail,
		getNode: () => ({ name: 'Node Under Test' }),
	} as unknown as IExecuteFunctions;
	const items: INodeExecutionData[] = values.map((value) => ({ json: { value } }));
	const execute = eachGroup<number>({
		batchSize: () => 2,
		entryOf(itemIndex) {
			const value = items[itemIndex].json.value as number;
			if (value < 0) throw new Error(`item ${itemIndex} is invalid`);
			return value;
		},
		async send(batch, report) {
			sent.push(batch.map(({ entry }) => entry));
			if (batch.some(({ entry }) => refuse?.(entry))) throw new Error('the batch was refused');
			for (const { itemIndex, entry } of batch)
				report.succeeded(itemIndex, { doubled: entry * 2 } as IDataObject);
		},
	});
	return { sent, result: execute.call(context, items) };
}

test('items go in batches of the batch size; each result is paired with its item, in input order', async () => {
	const { sent, result } = run([1, 2, 3], false);
	expect(await result).toEqual([
		{ json: { doubled: 2 }, pairedItem: { item: 0 } },
		{ json: { doubled: 4 }, pairedItem: { item: 1 } },
		{ json: { doubled: 6 }, pairedItem: { item: 2 } },
	]);
	expect(sent).toEqual([[1, 2], [3]]);
});

test('continue on fail: an invalid item joins no batch, a refused batch fails each of its items', async () => {
	const { sent, result } = run([1, -1, 2, 3, 4], true, (value) => value === 4);
	expect(await result).toEqual([
		{ json: { doubled: 2 }, pairedItem: { item: 0 } },
		{ json: { error: 'item 1 is invalid' }, pairedItem: { item: 1 } },
		{ json: { doubled: 4 }, pairedItem: { item: 2 } },
		{ json: { error: 'the batch was refused' }, pairedItem: { item: 3 } },
		{ json: { error: 'the batch was refused' }, pairedItem: { item: 4 } },
	]);
	expect(sent).toEqual([
		[1, 2],
		[3, 4],
	]);
});

test('without continue on fail an invalid item stops the node before anything is sent', async () => {
	const { sent, result } = run([1, 2, -1], false);
	await expect(result).rejects.toThrow('item 2 is invalid');
	expect(sent).toEqual([]);
});

test('without continue on fail a refused batch stops the node; the batches before it stay sent', async () => {
	const { sent, result } = run([1, 2, 3], false, (value) => value === 3);
	await expect(result).rejects.toMatchObject({
		message: 'the batch was refused',
		context: { itemIndex: 2 },
	});
	expect(sent).toEqual([[1, 2], [3]]);
});
