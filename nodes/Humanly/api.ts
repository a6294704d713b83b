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

	/** [assumed] Most users or teams one bulk POST accepts; the node's Batch Size option defaults to it. */
	maxBatchSize: 100,
	/**
	 * [assumed] A bulk POST is all or nothing: one bad entry refuses the whole batch with
	 * 400 VALIDATION_ERROR and `details.field` like `users[3].email`, naming the entry.
	 */
	batchErrorField: /^(?:users|teams)\[(\d+)\]/,

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
	/** [assumed] Name/email search parameter of the candidate list. */
	candidateSearchParam: 'search',
	/** [assumed] Interview statuses accepted by the interview list filter. */
	interviewStatuses: ['draft', 'active', 'inactive'],

	/** Documented candidate interview statuses. */
	candidateInterviewStatuses: [
		'invite_sent',
		'new_response',
		'has_reviewed',
		'partially_completed',
		'hired',
		'archived',
	],
} as const;
