import type { IDataObject, INodeListSearchResult } from 'n8n-workflow';

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

/** Whether a page is the list's last: shorter than asked for, or the last the API counts. */
export function isLastPage(page: Page<unknown>, pageNumber: number, pageSize: number): boolean {
	return (
		page.items.length < pageSize || (page.totalPages !== undefined && pageNumber >= page.totalPages)
	);
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
		const fetched = await fetchPage({ page, pageSize });
		collected.push(...fetched.items);
		const done =
			(limit !== undefined && collected.length >= limit) || isLastPage(fetched, page, pageSize);
		if (done) return limit === undefined ? collected : collected.slice(0, limit);
	}
}

export interface NameSearch {
	/** One page of records (1-based page number). */
	fetchPage(request: PageRequest): Promise<Page<IDataObject>>;
	pageSize: number;
	/** A record's name as the list shows it (its value is its `id`). */
	label(record: IDataObject): string;
	/** Text the names must contain (any case); undefined when the API filtered the pages already. */
	filter?: string;
	/** Pages read per call when the filter hides most records; the editor then asks for more. */
	pagesPerSearch: number;
}

const ENOUGH_MATCHES = 20;

/**
 * A searchable list (resource locator "From List") over a paged API list: pages are read and
 * filtered here, a few per call, and the editor is handed the next page number to continue from, so
 * every record can be reached whatever the list's length, and a search costs few requests.
 */
export async function searchPages(
	search: NameSearch,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = search.filter?.trim().toLowerCase() ?? '';
	const firstPage = Number(paginationToken) >= 1 ? Math.floor(Number(paginationToken)) : 1;
	const results: INodeListSearchResult['results'] = [];
	for (let page = firstPage; page < firstPage + search.pagesPerSearch; page++) {
		const fetched = await search.fetchPage({ page, pageSize: search.pageSize });
		results.push(
			...fetched.items
				.map((record) => ({ name: search.label(record), value: String(record.id) }))
				.filter((entry) => entry.name.toLowerCase().includes(needle)),
		);
		if (isLastPage(fetched, page, search.pageSize)) return { results };
		if (results.length >= ENOUGH_MATCHES) return { results, paginationToken: String(page + 1) };
	}
	return { results, paginationToken: String(firstPage + search.pagesPerSearch) };
}
