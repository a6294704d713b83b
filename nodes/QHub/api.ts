/**
 * Every Q-Hub fact that is not published (docs/qhub.md) lives in this one table, so a user holding
 * the Postman reference can correct a path, the paging or the error body in one line; the README
 * lists the same entries. A body field or filter is written once, as the key of its operation's zod
 * schema. Published facts (headers, limits) are not here: the transport reads them from the live
 * responses.
 */
export const QHUB = {
	/** API host and version prefix; the credential lets the user override it. */
	defaultBaseUrl: 'https://api.q-hub.co.uk/v1',

	paths: {
		/** Also the credential test and the location list of the editor. */
		locations: '/locations',
		location: (id: string) => `/locations/${id}`,
		locationArchive: (id: string) => `/locations/${id}/archive`,
		dataSets: '/data-sets',
		dataSet: (id: string) => `/data-sets/${id}`,
		formEntries: '/form-entries',
		processEntries: '/process-entries',
		users: '/users',
		userSuspend: (id: string) => `/users/${id}/suspend`,
		/** The forms and processes whose entries the trigger may be narrowed to. */
		forms: '/forms',
		processes: '/processes',
	},

	/**
	 * Entry lists come oldest first (by this time field, then id), and `from`/`to` are inclusive: the
	 * trigger's cursor relies on both.
	 */
	entryTimeField: { formEntries: 'submittedAt', processEntries: 'createdAt' },

	/** Method that updates a location or a data set (partial body). */
	updateMethod: 'PATCH',

	/** Most rows one data set request may carry. */
	maxDataSetRows: 10000,

	/** List paging: `?page=1&perPage=100` → `{ data: [...], meta: { page, perPage, total, totalPages } }`. */
	paging: { pageParam: 'page', sizeParam: 'perPage', maxPageSize: 100, itemsField: 'data' },

	/** Error body `{ error: code, message, details?: [{ field, message }] }` and its request id header. */
	error: { codeField: 'error', messageField: 'message', detailsField: 'details' },
	requestIdHeader: 'x-request-id',

	/**
	 * What an id looks like. Deliberately loose: it only refuses what would break the URL (empty,
	 * spaces, slashes, query characters), not a format we cannot know.
	 */
	idPattern: /^[A-Za-z0-9_-]{1,64}$/,
} as const;
