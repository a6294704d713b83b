import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { HUMANLY } from '../api';

/**
 * An interview as Humanly answered it, plus `statusName`: the newer pages give `status` as a number
 * (0 Active, 1 Paused, 2 Closed, 3 Archived), the older as text ("active"). The raw value is kept.
 */
export function withStatusName(interview: IDataObject): IDataObject {
	const { status } = interview;
	const names: readonly string[] = HUMANLY.interviewStatusNames;
	const name =
		typeof status === 'number'
			? names[status]
			: typeof status === 'string'
				? names.find((candidate) => candidate.toLowerCase() === status.trim().toLowerCase())
				: undefined;
	return { ...interview, statusName: name ?? null };
}

/** The status filter's values: the newer page's numbers, named. */
export const interviewStatusOptions: INodePropertyOptions[] = HUMANLY.interviewStatusNames.map(
	(name, code) => ({ name, value: code }),
);
