/**
 * Humanly (Qualifi Gather) API facts. Routes, envelopes, error codes and rate-limit headers are
 * documented (docs.humanly.io, vendor-apis.md §3). What is marked [assumed] is not, and lives here
 * only, so a user with the reference can correct it in one line. The README lists those entries.
 */
export const HUMANLY = {
	environments: {
		production: 'https://api.prod.qualifi.hr',
		staging: 'https://api.dev.qualifi.hr',
	},

	paths: {
		users: '/qsi/gather/users',
		/** Also the credential test and the team list of the editor. */
		teams: '/qsi/gather/teams',
		candidates: '/qsi/gather/candidates',
		candidate: (id: string) => `/qsi/gather/candidates/${id}`,
		interviews: '/qsi/gather/interviews',
		interview: (id: string) => `/qsi/gather/interviews/${id}`,
		candidateInterviews: '/qsi/gather/candidate-interviews',
		candidateInterview: (id: string) => `/qsi/gather/candidate-interviews/${id}`,
		candidateInterviewStatus: (id: string) => `/qsi/gather/candidate-interviews/${id}/status`,
		candidateInterviewResults: (id: string) => `/qsi/gather/candidate-interviews/${id}/results`,
		candidateInterviewResend: (id: string) => `/qsi/gather/candidate-interviews/${id}/resend-invite`,
	},

	/** Request body field names: the node's name → Humanly's name (documented). */
	fields: {
		user: {
			firstName: 'firstName',
			lastName: 'lastName',
			email: 'email',
			phone: 'phone',
			teamIds: 'teamIds',
			/** The node's "Dashboard Access": true makes a regular user with a dashboard login. */
			dashboardAccess: 'createAuth0Account',
		},
		team: { name: 'name', displayName: 'displayName', description: 'description', userIds: 'userIds' },
		candidate: {
			firstName: 'firstName',
			lastName: 'lastName',
			email: 'email',
			phone: 'phone',
			externalId: 'externalId',
			timezone: 'timezone',
			smsOptIn: 'smsOptIn',
		},
		candidateInterview: {
			candidateId: 'candidateId',
			interviewId: 'interviewId',
			sendInvite: 'sendInvite',
			deliveryTypes: 'deliveryTypes',
			expiryDays: 'expiryDays',
			externalRedirectUri: 'externalRedirectUri',
		},
	},

	/**
	 * Bulk creates (documented): `POST <path>` with `{ <listKey>: [...] }`, answered with `data.<listKey>`.
	 * [assumed] The answer lists the created records in the order of the request's entries: the node
	 * pairs the n-th created record with the n-th entry's input item (and fails the batch if the
	 * counts differ).
	 */
	bulk: {
		users: { path: '/qsi/gather/users', listKey: 'users' },
		teams: { path: '/qsi/gather/teams', listKey: 'teams' },
	},
	/** [assumed] Most users or teams one bulk POST accepts; the node's Batch Size option defaults to it. */
	maxBatchSize: 100,
	/**
	 * [assumed] A bulk POST is all or nothing: one bad entry refuses the whole batch with
	 * 400 VALIDATION_ERROR and `details.field` like `users[3].email`, naming the entry.
	 */
	batchErrorField: /^(?:users|teams)\[(\d+)\]/,
	/**
	 * [assumed] Team Create: only `name` is required. The docs list `displayName` and `description`
	 * without marking them optional, so the node sends `displayName` = `name` when none is given.
	 */
	teamDisplayNameDefaultsToName: true,

	/** Paging. Candidates: `page` + `pageSize` (documented); interviews and invites: `page` + `limit` (documented for interviews, [assumed] for invites). Max 100. */
	paging: {
		candidates: { pageParam: 'page', sizeParam: 'pageSize', maxPageSize: 100 },
		interviews: { pageParam: 'page', sizeParam: 'limit', maxPageSize: 100 },
		candidateInterviews: { pageParam: 'page', sizeParam: 'limit', maxPageSize: 100 },
	},
	/** [assumed] List bodies: `data.<resource>` array plus `data.pagination { page, total, totalPages }`. */
	listFields: {
		users: 'users',
		teams: 'teams',
		candidates: 'candidates',
		interviews: 'interviews',
		candidateInterviews: 'candidateInterviews',
	},
	/** [assumed] Where a list body says how many pages there are: `data.pagination.totalPages`. */
	paginationField: 'pagination',
	/** User and team lists take no paging parameters (none documented): the node applies Limit itself. */
	userFilters: { teamId: 'teamId', includeTeams: 'includeTeams' },
	teamFilters: { userId: 'userId' },
	/** Candidate list filters; the name/email search parameter's name is [assumed]. */
	candidateFilters: { search: 'search', externalId: 'externalId', archived: 'archived' },
	interviewFilters: { interviewType: 'interviewType', status: 'status', archived: 'archived' },
	/** [assumed] Invite list filters (the docs say "filters" without naming them). */
	candidateInterviewFilters: { candidateId: 'candidateId', interviewId: 'interviewId', status: 'status' },
	/** [assumed] Body of `PATCH /candidate-interviews/{id}/status`: `{ "status": "<status>" }`. */
	statusField: 'status',
	/** Documented interview types. */
	interviewTypes: ['standard'],
	/** [assumed] Interview statuses accepted by the interview list filter. */
	interviewStatuses: ['draft', 'active', 'inactive'],
	/** Documented invite delivery channels; SMS needs the candidate's `smsOptIn`. */
	deliveryTypes: ['email', 'sms'],

	/** Documented candidate interview statuses. */
	candidateInterviewStatuses: [
		'invite_sent',
		'new_response',
		'has_reviewed',
		'partially_completed',
		'hired',
		'archived',
	],

	/**
	 * What an id looks like (the docs show UUIDs). Deliberately loose: it only refuses what would
	 * break the URL (empty, spaces, slashes, query characters), not a format we cannot know.
	 */
	idPattern: /^[A-Za-z0-9_-]{1,100}$/,
} as const;
