/**
 * Every Q-Hub fact that is not published (vendor-apis.md §1 marks them [assumed]) lives in this one
 * table, so a user holding the Postman reference can correct a path or a field name in one line.
 * The README lists the same entries. Published facts (headers, limits) are not here: the transport
 * reads them from the live responses.
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
	},

	/** Method that updates a location or a data set (partial body). */
	updateMethod: 'PATCH',

	/** Request body field names: the node's name → Q-Hub's name. */
	fields: {
		user: {
			firstName: 'firstName',
			lastName: 'lastName',
			email: 'email',
			accessLevel: 'accessLevel',
			locationIds: 'locationIds',
		},
		location: { name: 'name', code: 'code', address: 'address', parentId: 'parentId' },
		dataSet: { name: 'name', description: 'description', rows: 'rows' },
	},

	/** Most rows one data set request may carry. */
	maxDataSetRows: 10000,

	/** List paging: `?page=1&perPage=100` → `{ data: [...], meta: { page, perPage, total, totalPages } }`. */
	paging: { pageParam: 'page', sizeParam: 'perPage', maxPageSize: 100, itemsField: 'data' },

	/** Filters of the entry lists (dates are ISO 8601, inclusive). */
	entryFilters: { from: 'from', to: 'to', formId: 'formId', processId: 'processId' },

	/** Error body `{ error: code, message, details?: [{ field, message }] }` and its request id header. */
	error: { codeField: 'error', messageField: 'message', detailsField: 'details' },
	requestIdHeader: 'x-request-id',

	/**
	 * What an id looks like. Deliberately loose: it only refuses what would break the URL (empty,
	 * spaces, slashes, query characters), not a format we cannot know.
	 */
	idPattern: /^[A-Za-z0-9_-]{1,64}$/,
} as const;
