import type { IDataObject } from 'n8n-workflow';

export interface PageRequest {
	page: number;
	pageSize: number;
}

export interface Page<T> {
	items: T[];
	/** Total pages when the API says so; otherwise a short page ends the list. */
	totalPages?: number;
}

export interface PagingRule {
	/** First page number (1 for every vendor here). */
	firstPage?: number;
	maxPageSize: number;
}

/**
 * Reads pages until the limit is met or the list ends. A limit below the page maximum becomes the
 * page size, so "Limit 5" costs one small request (it matters under a 25-requests-per-window key).
 */
export async function collectPages<T = IDataObject>(
	fetchPage: (request: PageRequest) => Promise<Page<T>>,
	rule: PagingRule,
	limit: number | undefined,
): Promise<T[]> {
	// One size for every page: page numbers count in units of it.
	const pageSize =
		limit === undefined ? rule.maxPageSize : Math.max(1, Math.min(rule.maxPageSize, limit));
	const collected: T[] = [];
	for (let page = rule.firstPage ?? 1; ; page++) {
		const { items, totalPages } = await fetchPage({ page, pageSize });
		collected.push(...items);
		const done =
			(limit !== undefined && collected.length >= limit) ||
			items.length < pageSize ||
			(totalPages !== undefined && page >= totalPages);
		if (done) return limit === undefined ? collected : collected.slice(0, limit);
	}
}
