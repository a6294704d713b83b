/**
 * Humanly (Qualifi Gather) API facts. Routes, envelopes, error codes and rate-limit headers are
 * documented (docs/humanly.md). What is marked [assumed] is not, and lives here only, so a user with
 * the reference can correct it in one line. The README lists those entries. Body fields are written
 * once, as the keys of each operation's zod schema; the one rename (Dashboard Access →
 * `createAuth0Account`) is a transform in that schema.
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
		candidateInterviewResend: (id: string) =>
			`/qsi/gather/candidate-interviews/${id}/resend-invite`,
	},

	/**
	 * Bulk creates (documented): `POST users` with `{ "users": [...] }` (teams alike), answered with
	 * `data.users`. [assumed] The answer lists the created records in the order of the request's
	 * entries: the node pairs the n-th created record with the n-th entry's input item (and fails the
	 * batch if the counts differ).
	 */
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

	/**
	 * The paged lists: each at `paths.<list>`, its records at `data.<list>` with
	 * `data.pagination.totalPages` [assumed]. Paging: candidates `page` + `pageSize` (documented), interviews `page` + `limit`
	 * (documented), invites `page` + `limit` [assumed]; at most 100 a page. A filter's name is the key
	 * of its Get Many's zod schema; the candidate search parameter `search` and the invite filters
	 * `candidateId`, `interviewId`, `status` are [assumed]. The user and team lists take no paging
	 * parameters (none documented): the node applies Limit itself.
	 */
	paging: {
		candidates: { pageParam: 'page', sizeParam: 'pageSize', maxPageSize: 100 },
		interviews: { pageParam: 'page', sizeParam: 'limit', maxPageSize: 100 },
		candidateInterviews: { pageParam: 'page', sizeParam: 'limit', maxPageSize: 100 },
	},
	paginationField: 'pagination',
	// [assumed] Body of `PATCH /candidate-interviews/{id}/status` is `{ "status": "<status>" }` (the operation's schema).

	/** Documented interview types. */
	interviewTypes: ['standard'],
	/** [assumed] Interview statuses accepted by the interview list filter. */
	interviewStatuses: ['draft', 'active', 'inactive'],
	/** [assumed] Longest invite lifetime, in days, that an invite's Expiry Days may ask for. */
	maxExpiryDays: 90,
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
	 * Webhooks (documented): deliveries `{ event, timestamp, data }` signed in this header as
	 * `t=<unix seconds>,v1=<hex>`; the URL is registered by Humanly on request.
	 */
	webhook: { signatureHeader: 'x-qualifi-signature' },

	/**
	 * What an id looks like (the docs show UUIDs). Deliberately loose: it only refuses what would
	 * break the URL (empty, spaces, slashes, query characters), not a format we cannot know.
	 */
	idPattern: /^[A-Za-z0-9_-]{1,100}$/,
} as const;
