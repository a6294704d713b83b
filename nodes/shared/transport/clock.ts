import { sleep } from 'n8n-workflow';

/** The clock of every wait, replaceable in tests so that no test really waits. */
export const clock = {
	now: (): number => Date.now(),
	sleep: async (ms: number): Promise<void> => await sleep(ms),
	random: (): number => Math.random(),
};
