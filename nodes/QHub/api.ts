/**
 * Every Q-Hub fact that is not published (docs/qhub.md) lives in this one table, so a user holding
 * the Postman reference can correct a path, the paging or the error body in one line. Each is
 * [assumed]: the help text and the auth page (docs/qhub.md says which) do not show it. The README and
 * docs/qhub.md list the same entries, and test/unit/vendorFacts.test.ts holds them to this table;
 * the sandbox (sandbox/qhub) reads it. A body field or filter is written once, as the key of its
 * operation's zod schema. Published facts (headers, limits) are not here: the transport reads them
 * from the live responses.
 */
export const QHUB = {
	/** [assumed] API host and version prefix; the credential lets the user override it. */
	defaultBaseUrl: 'https://api.q-hub.co.uk/v1',

	/** [assumed] Plural REST nouns named after the help text's resources. */
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
	 * [assumed] Entry lists come oldest first (by this time field, then id), and `from`/`to` are inclusive: the
	 * trigger's cursor relies on both.
	 */
	entryTimeField: { formEntries: 'submittedAt', processEntries: 'createdAt' },

	/** [assumed] Method that updates a location or a data set (partial body). */
	updateMethod: 'PATCH',

	/** [assumed] Most rows one data set request may carry; each row is flat (a cell is a string, number, boolean or null). */
	maxDataSetRows: 10000,

	/** [assumed] List paging: `?page=1&perPage=100` → `{ data: [...], meta: { page, perPage, total, totalPages } }`. */
	paging: { pageParam: 'page', sizeParam: 'perPage', maxPageSize: 100, itemsField: 'data' },

	/** [assumed] Error body `{ error: code, message, details?: [{ field, message }] }`. */
	error: { codeField: 'error', messageField: 'message', detailsField: 'details' },
	/** [assumed] The header that carries the request id to quote to support. */
	requestIdHeader: 'x-request-id',

	/**
	 * [assumed] What an id looks like. Deliberately loose: it only refuses what would break the URL (empty,
	 * spaces, slashes, query characters), not a format we cannot know.
	 */
	idPattern: /^[A-Za-z0-9_-]{1,64}$/,
} as const;
