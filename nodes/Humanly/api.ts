/**
 * Humanly (Qualifi Gather) API facts. Routes, envelopes, error codes and rate-limit headers are
 * documented (docs/humanly.md). What is marked [assumed] is not, and lives here only, so a user with
 * the reference can correct it in one line. The README lists those entries. Body fields are written
 * once, as the keys of each operation's zod schema; the one rename (Dashboard Access →
 * `createAuth0Account`) is a transform in that schema.
 */
export const HUMANLY = {
	/** Documented base URLs: docs.humanly.io/getting-started/overview. */
	environments: {
		production: 'https://api.prod.qualifi.hr',
		staging: 'https://api.dev.qualifi.hr',
	},

	/**
	 * Documented on each resource's page, docs.humanly.io/api-reference/<resource> (users, teams,
	 * candidates, interviews, interviews-bulk-update, candidate-interviews, questions, narrators,
	 * message-groups); the resend path on docs.humanly.io/guides/sending-invites. Every route starts
	 * with `/qsi/gather/` (docs.humanly.io/getting-started/overview). The entries marked [assumed]
	 * are not shown on any page.
	 */
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
	 * Documented on docs.humanly.io/api-reference/<resource>: candidates, candidate interviews and
	 * narrators are bare; questions and message groups wrapped; an interview is wrapped on the newer
	 * interviews page and bare on the older one (read both). [assumed] team, surveyQuestion,
	 * aiTextQuestion (wrapped, like question), and the answer of every create (read like its get).
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
	 * Where each list keeps its records: `data.<key>`, or `data` itself as a bare array. Documented on
	 * docs.humanly.io/api-reference/<resource>: bare, candidate-interviews and narrators; keyed, users,
	 * teams, candidates and message-groups. [assumed] interviews and questions (keyed): their list
	 * sections are not in the stored copies. The node reads both forms for every list.
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
	 * Bulk creates, documented on docs.humanly.io/api-reference/users and .../teams: `POST users`
	 * with `{ "users": [...] }` (teams alike). [assumed] The answer, which no copy shows: the created
	 * records at `data.users` (`data.teams`), in the order of the request's entries. The node pairs the
	 * n-th created record with the n-th entry's input item, and fails the batch if the counts differ
	 * (`bulkCreate` in helpers/bulkCreate.ts).
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
	 * The paged lists (`page` + a size parameter, at most 100 a page), documented on
	 * docs.humanly.io/api-reference/candidates (`pageSize`, default 10), .../interviews and
	 * .../candidate-interviews (`limit`, default 50). Where the paging block sits is not a value here
	 * but `readList` in transport.ts: `meta.pagination` {page, limit, total, totalPages} on the
	 * candidate-interviews page; the node also reads `data.pagination`, and [assumed] the same two
	 * places for candidates and interviews (their copies end before it). The candidate search
	 * parameter `search` is [assumed] (`fields.candidateSearch`); the other filters are documented.
	 * The user, team, question, narrator and message-group lists take no paging parameters (none
	 * documented): the node applies Limit.
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

	/** Documented interview types: docs.humanly.io/api-reference/interviews. */
	interviewTypes: ['standard', 'questionnaire'],
	/**
	 * Documented on the newer docs.humanly.io/api-reference/interviews: the API creates `standard`
	 * interviews only (the older page also creates questionnaires).
	 */
	creatableInterviewTypes: ['standard'],
	/**
	 * Interview status, documented on docs.humanly.io/api-reference/interviews: a number on the newer
	 * page (index here: 0 Active, 1 Paused, 2 Closed, 3 Archived), a string on the older one, which
	 * shows only "active". [assumed] The older strings are these names in lower case, and an API of the
	 * older page takes the list's `status` filter as the newer page's number too (the node sends it).
	 */
	interviewStatusNames: ['Active', 'Paused', 'Closed', 'Archived'],
	/**
	 * Documented `mode` of `PATCH /interviews/bulk-update`: replace list values, or append to them
	 * (docs.humanly.io/api-reference/interviews-bulk-update).
	 */
	bulkUpdateModes: ['overwrite', 'merge'],
	/**
	 * [assumed] One entry of a bulk update's `errors` (the example shows an empty array): the
	 * interview it is about and why it was not updated.
	 */
	bulkUpdateError: { interviewId: 'interviewId', message: 'message' },
	/**
	 * [assumed] Longest invite lifetime, in days, that an invite's Expiry Days may ask for (the
	 * candidate-interviews page calls 7 to 14 days typical and gives no maximum).
	 */
	maxExpiryDays: 90,
	/**
	 * Documented invite delivery channels (docs.humanly.io/api-reference/candidate-interviews); SMS
	 * needs the candidate's `smsOptIn`.
	 */
	deliveryTypes: ['email', 'sms'],
	/**
	 * A result's `summaryStatus`, documented on docs.humanly.io/api-reference/candidate-interviews:
	 * `summary` is null unless complete.
	 */
	summaryStatuses: ['pre-summary-feature', 'processing', 'complete', 'error'],
	/**
	 * Question create, documented on docs.humanly.io/api-reference/questions: `userId` (the creator)
	 * is required on the older page and optional on the newer one (resolved from the key); text to
	 * speech on docs.humanly.io/api-reference/narrators: `generateAudio` makes the audio from
	 * `questionScript` with `narratorId` (default: the organization's narrator);
	 * `question.audio_generated` announces it.
	 * [assumed] Survey question kinds, as the newer questions page lists them (multiple choice, yes/no,
	 * thumbs up/down, free text) in the API's snake_case; `options` holds a multiple-choice question's
	 * answers. An AI-text question is `{ title, description?, questionText }`.
	 */
	surveyQuestionTypes: ['multiple_choice', 'yes_no', 'thumbs_up_down', 'free_text'],
	/**
	 * Message groups are per interview type, documented on
	 * docs.humanly.io/api-reference/message-groups, where "PUBLISHED" and "INVITE" are seen.
	 */
	messageGroupTypes: ['standard', 'questionnaire'],
	/**
	 * [assumed] Message Group Create: `{ title, type, default?, messages?: [{ type, smsBody,
	 * smsEnabled, emailSubject, emailBody, emailEnabled }] }`, answered as `data.messageGroup`. The
	 * message types beyond "INVITE" are assumed.
	 */
	messageTypes: ['INVITE', 'REMINDER'],
	/**
	 * Team branding: the fields of the team record, documented on docs.humanly.io/api-reference/teams.
	 * [assumed] they are also the body of the branding update.
	 */
	brandingFields: ['logoUrl', 'accentColor', 'buttonColor', 'backgroundImage'],
	/**
	 * A team colour, documented on docs.humanly.io/api-reference/teams: six hex digits without `#`
	 * (the node refuses a branding update's colour in any other form).
	 */
	colourPattern: /^[0-9A-Fa-f]{6}$/,

	/** Documented candidate interview statuses: docs.humanly.io/api-reference/candidate-interviews. */
	candidateInterviewStatuses: [
		'invite_sent',
		'new_response',
		'has_reviewed',
		'partially_completed',
		'hired',
		'archived',
	],

	/**
	 * Webhooks, documented on docs.humanly.io/api-reference/webhooks and
	 * docs.humanly.io/guides/handling-webhooks: deliveries `{ event, timestamp, data }` signed in this
	 * header as `t=<timestamp>,v1=<hex>` over `<t>.` + the JSON of the payload; the URL is registered
	 * by Humanly on request. The unit of `t` is not documented: seconds and milliseconds are both read.
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
	 * [assumed] What an id looks like: the pages show UUIDs but state no format. Looser than a UUID, so
	 * a format we cannot know is not refused: letters, digits, `-` and `_`, 1 to 100 characters;
	 * anything else (spaces, slashes, dots, query characters) is refused before a request is sent.
	 */
	idPattern: /^[A-Za-z0-9_-]{1,100}$/,
} as const;
