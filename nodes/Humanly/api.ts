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
		/** [assumed] The teams page says a team can be read on its own; no stored copy shows the path. */
		team: (id: string) => `/qsi/gather/teams/${id}`,
		/**
		 * [assumed] The teams page says a team's branding can be updated; no stored copy shows how.
		 * `PATCH` with the branding fields of the team record (`brandingFields`), answered like `team`.
		 */
		teamBranding: (id: string) => `/qsi/gather/teams/${id}/branding`,
		candidates: '/qsi/gather/candidates',
		candidate: (id: string) => `/qsi/gather/candidates/${id}`,
		/** GET lists; POST creates (standard interviews only, on the newer page). */
		interviews: '/qsi/gather/interviews',
		interview: (id: string) => `/qsi/gather/interviews/${id}`,
		interviewsBulkUpdate: '/qsi/gather/interviews/bulk-update',
		candidateInterviews: '/qsi/gather/candidate-interviews',
		candidateInterview: (id: string) => `/qsi/gather/candidate-interviews/${id}`,
		candidateInterviewStatus: (id: string) => `/qsi/gather/candidate-interviews/${id}/status`,
		candidateInterviewResults: (id: string) => `/qsi/gather/candidate-interviews/${id}/results`,
		candidateInterviewResend: (id: string) =>
			`/qsi/gather/candidate-interviews/${id}/resend-invite`,
		/** GET lists; POST creates an audio question. */
		questions: '/qsi/gather/questions',
		question: (id: string) => `/qsi/gather/questions/${id}`,
		/**
		 * [assumed] The newer questions page names survey and AI-text questions but shows no path.
		 * Built on the API's convention (a plural kebab-case collection; POST creates, answered as
		 * `data.<record>`), and on their own id lists in interviews (`surveyQuestions`,
		 * `removedSurveyQuestionIds`, `removedAITextQuestionIds`).
		 */
		surveyQuestions: '/qsi/gather/survey-questions',
		/** [assumed] As `surveyQuestions`. */
		aiTextQuestions: '/qsi/gather/ai-text-questions',
		narrators: '/qsi/gather/narrators',
		narrator: (id: string) => `/qsi/gather/narrators/${id}`,
		/** GET lists; POST creates [assumed: the page says groups can be created, not how]. */
		messageGroups: '/qsi/gather/message-groups',
		messageGroup: (id: string) => `/qsi/gather/message-groups/${id}`,
	},

	/**
	 * Where a get-one answer keeps its record: `data.<key>` when wrapped, else `data` itself.
	 * Documented: candidates, candidate interviews and narrators are bare; questions and message groups
	 * wrapped; an interview is wrapped on the newer page and bare on the older one (read both).
	 * [assumed] team, surveyQuestion, aiTextQuestion (wrapped, like question).
	 */
	records: {
		interview: 'interview',
		question: 'question',
		surveyQuestion: 'surveyQuestion',
		aiTextQuestion: 'aiTextQuestion',
		messageGroup: 'messageGroup',
		team: 'team',
	},

	/**
	 * Where each list keeps its records: `data.<key>`, or `data` itself as a bare array. Documented
	 * bare: candidate interviews and narrators; documented keyed: users, teams, candidates, message
	 * groups. [assumed] interviews and questions (keyed). The node reads both forms for every list.
	 */
	lists: {
		users: 'users',
		teams: 'teams',
		candidates: 'candidates',
		interviews: 'interviews',
		candidateInterviews: 'candidateInterviews',
		questions: 'questions',
		narrators: 'narrators',
		messageGroups: 'messageGroups',
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
	 * The paged lists (`page` + a size parameter, at most 100 a page). Documented: candidates `pageSize`
	 * (default 10), interviews and candidate interviews `limit` (default 50). Where the paging block
	 * sits: `meta.pagination` {page, limit, total, totalPages} on the candidate-interviews page; the
	 * node also reads `data.pagination`, and [assumed] the same two places for candidates and
	 * interviews (their copies end before it). The candidate search parameter `search` is [assumed]
	 * (`fields.candidateSearch`); the other filters are documented. The user, team, question, narrator
	 * and message-group lists take no paging parameters (none documented): the node applies Limit.
	 */
	paging: {
		candidates: { pageParam: 'page', sizeParam: 'pageSize', defaultPageSize: 10, maxPageSize: 100 },
		interviews: { pageParam: 'page', sizeParam: 'limit', defaultPageSize: 50, maxPageSize: 100 },
		candidateInterviews: {
			pageParam: 'page',
			sizeParam: 'limit',
			defaultPageSize: 50,
			maxPageSize: 100,
		},
	},

	/**
	 * Request fields whose names no page shows, named once here. [assumed] all of them:
	 * `inviteWebhookUrl`, the per-invite webhook of the sending-invites guide (its JSON is cut off);
	 * `templateInterviewId`, the interview a bulk update copies from (the example's field is cut off);
	 * `candidateSearch`, the candidate list's name-or-email filter; `status`, the body of
	 * `PATCH /candidate-interviews/{id}/status`.
	 */
	fields: {
		inviteWebhookUrl: 'webhookUrl',
		templateInterviewId: 'templateInterviewId',
		candidateSearch: 'search',
		status: 'status',
	},

	/** Documented interview types; the newer page lets the API create `standard` ones only. */
	interviewTypes: ['standard', 'questionnaire'],
	creatableInterviewTypes: ['standard'],
	/**
	 * Interview status: a number on the newer page (index here: 0 Active, 1 Paused, 2 Closed,
	 * 3 Archived), a string on the older one, which shows only "active". [assumed] The older strings
	 * are these names in lower case.
	 */
	interviewStatusNames: ['Active', 'Paused', 'Closed', 'Archived'],
	/** Documented `mode` of `PATCH /interviews/bulk-update`: replace list values, or append to them. */
	bulkUpdateModes: ['overwrite', 'merge'],
	/**
	 * [assumed] One entry of a bulk update's `errors` (the example shows an empty array): the
	 * interview it is about and why it was not updated.
	 */
	bulkUpdateError: { interviewId: 'interviewId', message: 'message' },
	/** [assumed] Longest invite lifetime, in days, that an invite's Expiry Days may ask for. */
	maxExpiryDays: 90,
	/** Documented invite delivery channels; SMS needs the candidate's `smsOptIn`. */
	deliveryTypes: ['email', 'sms'],
	/** Documented: `summary` is null unless complete; `scoreCard` null until evaluated. */
	summaryStatuses: ['pre-summary-feature', 'processing', 'complete', 'error'],
	evaluationTypes: ['ai_generated', 'manual', 'hybrid'],
	/**
	 * Question create: `userId` (the creator) is required on the older page and optional on the newer
	 * one (resolved from the key). `generateAudio` makes the audio from `questionScript` with
	 * `narratorId` (default: the organization's narrator); `question.audio_generated` announces it.
	 * [assumed] Survey question kinds, as the newer questions page lists them (multiple choice, yes/no,
	 * thumbs up/down, free text) in the API's snake_case; `options` holds a multiple-choice question's
	 * answers. An AI-text question is `{ title, description?, questionText }`.
	 */
	surveyQuestionTypes: ['multiple_choice', 'yes_no', 'thumbs_up_down', 'free_text'],
	/** Message groups (documented) are per interview type; "PUBLISHED" and "INVITE" are seen. */
	messageGroupTypes: ['standard', 'questionnaire'],
	/**
	 * [assumed] Message Group Create: `{ title, type, default?, messages?: [{ type, smsBody,
	 * smsEnabled, emailSubject, emailBody, emailEnabled }] }`, answered as `data.messageGroup`. The
	 * message types beyond "INVITE" are assumed.
	 */
	messageTypes: ['INVITE', 'REMINDER'],
	/**
	 * Team branding: the fields of the team record (documented); colours are six hex digits without
	 * `#`. [assumed] they are also the body of the branding update.
	 */
	brandingFields: ['logoUrl', 'accentColor', 'buttonColor', 'backgroundImage'],
	colourPattern: /^[0-9A-Fa-f]{6}$/,

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
	 * `t=<timestamp>,v1=<hex>` over `<t>.` + the JSON of the payload; the URL is registered by Humanly
	 * on request. The unit of `t` is not documented: seconds and milliseconds are both read.
	 */
	webhook: {
		signatureHeader: 'x-qualifi-signature',
		events: [
			'candidate_interview.completed',
			'candidate_interview.status_changed',
			'interview.created',
			'interview.updated',
			'question.audio_generated',
		],
	},

	/**
	 * What an id looks like (the docs show UUIDs). Deliberately loose: it only refuses what would
	 * break the URL (empty, spaces, slashes, query characters), not a format we cannot know.
	 */
	idPattern: /^[A-Za-z0-9_-]{1,100}$/,
} as const;
