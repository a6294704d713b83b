/**
 * Qflow API facts: the users, check-in, profiles and comms surfaces (docs/qflow.md lists each with its page).
 * Everything marked [assumed] is not shown on any page we could read, and lives here only, so a user
 * with the API reference can correct it in one line. The README lists the [assumed] entries.
 */
export const QFLOW = {
	/** Documented identity host (authentication). */
	defaultIdentityHost: 'https://identity.qflowhub.io',
	/** Documented API host of every surface (enterprise/overview, v1/events/, comms/overview). */
	defaultApiHost: 'https://api.qflowhub.io',
	/** Documented OAuth token endpoint on the identity host (password grant, form-urlencoded; authentication). */
	grantEndpoint: '/core/connect/token',
	/** Documented scope of the password grant (authentication). */
	scope: 'qflowapi openid offline_access',
	/** Documented: every users endpoint sits under this prefix on the API host (enterprise/overview). */
	apiPrefix: '/users/v1/api/',
	/** Documented: the APIM subscription key travels in this header, next to the token (authentication). */
	subscriptionKeyHeader: 'Ocp-Apim-Subscription-Key',
	/**
	 * Documented in one customer's integration guide (qflow-integrator-docs.pages.dev): a regional host that takes
	 * `keyHeader` instead of the subscription key, and serves every surface at `/api/…` without its
	 * `/<surface>/v1` segment (`POST /api/guest`, `/api/comms/template`, `/api/comms/webhook`). That the
	 * users API follows the same rule (`/api/user`) is [assumed]: the guide shows no users path.
	 */
	clientKeyGateway: {
		keyHeader: 'X-Qflow-Client-Key',
		surfaceSegment: /^\/(?:users|checkin|comms)\/v1(?=\/api\/)/,
	},
	/** Documented users endpoints (enterprise/overview, api-reference/users). */

	paths: {
		user: (id: string) => `user/${encodeURIComponent(id)}`,
		users: 'users',
		userByEmail: 'users/email',
		/** POST creates, PUT updates (body carries `id`), DELETE removes. */
		userWrite: 'user',
		credentialChange: 'user/changepassword',
		changeUsername: 'user/changeusername',
		translations: 'user/translations',
		/** Also the credential test: it needs both the token and the subscription key. */
		count: 'users/total',
	},

	/**
	 * Documented: the check-in API (events, guests, team members) on the same host, token and
	 * subscription key (pages v1/events/, v1/team/, api-reference/guests).
	 */
	checkinPrefix: '/checkin/v1/api/',
	/** Check-in paths: each names the page that documents it, or says [assumed] where none we could read shows it. */
	checkinPaths: {
		/** POST creates an event (v1/events/: title, startTime, endTime, timeZoneId). */
		eventCreate: 'event',
		/** [assumed] GET reads one event; PUT replaces it (body as on create). */
		event: (eventId: string) => `event/${encodeURIComponent(eventId)}`,
		/** [assumed] GET lists the account's events as a bare array, without paging. */
		events: 'events',
		/** [assumed] POST moves the event through its lifecycle; `action` is one of `eventLifecycleActions`. */
		eventLifecycle: (eventId: string, action: string) =>
			`event/${encodeURIComponent(eventId)}/${encodeURIComponent(action)}`,
		/** [assumed] GET the event's attendee statistics (v1/events/ names the operation only). */
		eventStatistics: (eventId: string) => `event/${encodeURIComponent(eventId)}/statistics`,
		/**
		 * GET: the guests of an event as a bare array, no query or paging parameters
		 * (api-reference/guests/gets-a-page-of-guests-for-an-event). POST: bulk create or upsert of
		 * at most `bulkMaxRecords` guests (comms/rate-limits-errors; the body, a bare array of guest
		 * records, and the answer, the stored records in order, are [assumed]).
		 */
		guests: (eventId: string) => `guests/${encodeURIComponent(eventId)}`,
		/** POST creates a guest whose `id` is a client-chosen GUID; the same id again returns the row as it is (comms/sending). */
		guest: 'guest',
		/** POST checks a guest in and fires the check-in webhook (checkin/check-in-webhook); the body is [assumed]. */
		guestCheckIn: 'guest/checkin',
		/** [assumed] POST blocks / unblocks up to `bulkMaxRecords` guests of an event by id or barcode (the cap is on comms/rate-limits-errors). */
		guestsBlock: (eventId: string) => `guests/${encodeURIComponent(eventId)}/block`,
		guestsUnblock: (eventId: string) => `guests/${encodeURIComponent(eventId)}/unblock`,
		/** POST creates a team member (v1/team/); PUT updates it, the body carrying `id` ([assumed] as for users). */
		teamMember: 'teammember',
		/** [assumed] DELETE removes a team member (v1/team/ documents the method, not the path). */
		teamMemberDelete: (teamMemberId: string) => `teammember/${encodeURIComponent(teamMemberId)}`,
		/** POST gives a team member access to an event (v1/team/). */
		teamMemberAssign: (teamMemberId: string, eventId: string) =>
			`teammember/${encodeURIComponent(teamMemberId)}/assign/${encodeURIComponent(eventId)}`,
		/** [assumed] POST takes the access away again (v1/team/ names unassign under /teammember/*). */
		teamMemberUnassign: (teamMemberId: string, eventId: string) =>
			`teammember/${encodeURIComponent(teamMemberId)}/unassign/${encodeURIComponent(eventId)}`,
		/** [assumed] GET lists the enterprise's team members as a bare array (v1/team/ names /teammembers/* for listing). */
		teamMembers: 'teammembers',
		/** [assumed] GET the roster of one event, a bare array. */
		eventTeamMembers: (eventId: string) => `teammembers/event/${encodeURIComponent(eventId)}`,
		/** GET per-team-member check-in counts and 5-minute arrival buckets of an event (v1/team/; the answer shape is [assumed]). */
		teamEventStats: (eventId: string) => `team/event/${encodeURIComponent(eventId)}`,
	},
	/**
	 * Event times are local wall time without an offset, beside an IANA `timeZoneId` (v1/events/
	 * example); that a time with an offset is refused is [assumed].
	 */
	eventLocalTime: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/,
	/** [assumed] fields a guest create must carry besides the documented client GUID `id`. */
	guestRequiredFields: ['eventId', 'firstName', 'lastName'] as string[],
	/** Documented characters a tag may not hold (checkin/tags); tags are one comma-separated string, each trimmed. */
	tagForbiddenCharacters: /[#%'"\r\n]/,
	/** Documented tag prefixes that do not count toward headline totals (checkin/tags). */
	uncountedTagPrefixes: ['{extra}', '{merch}'] as string[],
	/** Documented suffix of a non-countable tree-tag leaf (checkin/tags). */
	uncountedTreeLeafSuffix: '*-',
	/** [assumed] lifecycle actions of an event and the status each one leaves it in. */
	eventLifecycleActions: { archive: 'archived', restore: 'active' } as Record<string, string>,
	/** Documented: bulk guest calls take at most 200 records; more is a 400 (comms/rate-limits-errors). */
	bulkMaxRecords: 200,
	/** [assumed] a bulk block / unblock body: `{ ids?: string[], barcodes?: string[], reason? }`. */
	bulkBlockFields: { ids: 'ids', barcodes: 'barcodes', reason: 'reason' },
	/** [assumed] the check-in body: `{ id }`, the guest's GUID. */
	checkInIdField: 'id',
	/**
	 * Guests added via the API per monthly period, over all events of the account; past it a 403
	 * (comms/rate-limits-errors; support article 11723512). The 403's code is [assumed].
	 */
	guestPlanCaps: { free: 75, starter: 1500, pro: 35000 } as Record<string, number>,
	/** [assumed] the code of that 403 (no page shows its body). */
	guestPlanCapCode: 'guest_limit_reached',
	/** [assumed] error codes of a check-in the guest cannot have: already in, or blocked. */
	checkInRefusals: { alreadyAdmitted: 'already_admitted', blocked: 'guest_blocked' },

	/**
	 * Documented: the Profiles API (v1/profiles/), `/profiles/v1/<endpoint>` on the same host, token and
	 * key, with no `/api/` segment. A POST to the prefix itself creates a profile
	 * `{ name, restrictions[], settings }` (quick start).
	 */
	profilesPrefix: '/profiles/v1',
	/**
	 * Documented Profiles paths (v1/profiles/ quick start). Read, update, delete, duplicate, per-event
	 * tag overrides and the resolved config are named on the page, but no copy we could read shows their paths.
	 */
	profilesPaths: {
		/** POST `{ profileId, eventId, teamMemberIds[] }` gives those team members the profile on that event. */
		assign: 'assign',
	},
	/**
	 * Documented restriction codes (v1/profiles/ quick start): `restrict_settings`, `restrict_stats`,
	 * and `restrict_signout`, whose sign-out PIN follows in the same string after a space
	 * ("restrict_signout 4821"). The page's full catalogue, with the guest-cap code, is in no copy we
	 * could read. That a PIN is 4 to 8 digits is [assumed] from the example.
	 */
	profileRestrictions: {
		codes: ['restrict_settings', 'restrict_stats'] as string[],
		signOutCode: 'restrict_signout',
		signOutPin: { pattern: /^\d{4,8}$/, what: '4 to 8 digits' },
	},
	/**
	 * [assumed] the Profiles answers, which no page shows: create answers the profile with its id in
	 * `idField` (the quick start says to save "the returned id"); assign answers an object or nothing,
	 * and assigning the same profile again leaves the same assignment, so an assign may be resent.
	 */
	profileAnswers: { idField: 'id', assignResendable: true },

	/**
	 * Documented: the Comms API (comms/overview), `/comms/v1/api/comms/<endpoint>` on the same host,
	 * token and key, for accounts on the Comms allow-list (else 403 `comms_api_not_enabled`).
	 */
	commsPrefix: '/comms/v1/api/comms/',
	/** Documented Comms paths, each with its page. */
	commsPaths: {
		/** POST creates or upserts a stored template (api-reference/comms/create-or-upsert-a-stored-template). */
		template: 'template',
		/** GET `?eventId=` lists an event's templates (comms-service guide; a bare array is [assumed]). */
		templates: 'templates',
		/** POST sends a template to an existing attendee (api-reference/comms/send-a-templated-email-to-an-existing-attendee). */
		send: 'send',
		/** POST registers `{ url }` and answers `{ url, secret }` once; GET reads the url (comms/webhooks). */
		webhook: 'webhook',
		webhookRotate: 'webhook/rotate',
		webhookTest: 'webhook/test',
		/** A POST, not a DELETE (comms/webhooks). */
		webhookDelete: 'webhook/delete',
		/**
		 * The account's custom sending domain (comms/custom-domain, api-reference/comms/*domain*): POST
		 * `{ domain }` creates it (SendGrid issues 3 CNAMEs), GET reads it; each answers `{ id, domain,
		 * verified, enabled, dnsRecords: [{ type, host, data, valid }] }`, and so do activate and
		 * deactivate. That verify answers the same shape (200 with `verified: false` while the DNS
		 * check fails) is [assumed]: its answer is not shown, nor is delete's.
		 */
		domain: 'domain',
		/** POST checks the DNS records at SendGrid and turns the domain on when they pass. */
		domainVerify: 'domain/verify',
		/** POST turns the domain on again without a DNS check; 409 before a first successful verify. */
		domainActivate: 'domain/activate',
		/** POST turns it off, keeping the setup: sends fall back to the default sender. */
		domainDeactivate: 'domain/deactivate',
		/** A POST, not a DELETE; afterwards GET answers 404. */
		domainDelete: 'domain/delete',
	},
	/** Documented query parameter of the template list (comms-service guide). */
	templatesEventParam: 'eventId',
	/** Documented 403 code of an account off the Comms allow-list (comms/rate-limits-errors). */
	commsNotEnabledCode: 'comms_api_not_enabled',
	/** Documented 422 code of a send whose last try failed for good (comms/rate-limits-errors, comms/sending). */
	previousSendFailedCode: 'previous_send_permanently_failed',
	/**
	 * Documented error codes of the sending domain (comms/rate-limits-errors, comms/custom-domain): 409
	 * a create when one is configured, 409 an activate before any successful verify, 422 SendGrid
	 * refusing the create (its reason in `message`).
	 */
	domainCodes: {
		alreadyConfigured: 'domain_already_configured',
		notVerified: 'domain_not_verified',
		sendgridCreateFailed: 'sendgrid_create_failed',
	},
	/** Documented: `POST …/comms/send` has its own 300 a minute per source IP on top of the edge limit (comms/rate-limits-errors). */
	sendRateLimit: { requests: 300, windowMs: 60_000 },
	/**
	 * [assumed] a repeated send with the same attendeeId, templateId and correlationId answers the
	 * first send's invitation without a second email ("same request twice = one email, one webhook"
	 * on the comms-service guide), so a send with a correlationId may be retried.
	 */
	sendIdempotentWithCorrelationId: true,
	/**
	 * [assumed] a repeated template id updates the stored template (comms/templates) rather than
	 * returning it unchanged (the API reference says the latter).
	 */
	templateUpsertUpdates: true,

	/** Documented Comms webhooks (comms/webhooks): signed deliveries; the payload fields are [assumed]. */
	commsWebhook: {
		signatureHeader: 'x-qflow-signature',
		eventHeader: 'x-qflow-event',
		webhookIdHeader: 'x-qflow-webhook-id',
		/** HMAC-SHA256 over `t + "." + raw body`, hex; `v1` the only version shipped. */
		signatureVersion: 'v1',
		maxAgeSeconds: 300,
		/** Seen on the pages (the list ends in "…"); the payload fields are [assumed]. */
		events: [
			'comms.sent',
			'comms.failed',
			'comms.delivered',
			'comms.opened',
			'comms.bounced',
			'comms.test',
		] as string[],
	},
	/**
	 * Documented: the check-in webhook (checkin/check-in-webhook), set in the dashboard, one URL per
	 * account, unsigned, with this PascalCase payload.
	 */
	checkInWebhookFields: [
		'Id',
		'FirstName',
		'LastName',
		'Email',
		'Barcode',
		'Tags',
		'AdditionalInfo',
		'Admitted',
		'CreatedBy',
		'User',
		'EventId',
	] as string[],

	/** [assumed] query parameter of Get User by Email. */
	emailParam: 'email',
	/** [assumed] Delete User takes the id as query parameter `id`. */
	deleteIdParam: 'id',
	/** [assumed] Get Many paging: `?page=1&pageSize=100` (1-based), the body is a plain JSON array. */
	paging: { pageParam: 'page', sizeParam: 'pageSize', maxPageSize: 100 },
	// [assumed] Count answers a bare JSON number; Translations a flat `{ key: text }` object (the
	// response checks in transport.ts say so when the API answers otherwise).

	/**
	 * Body fields are written once, as the keys of each operation's zod schema: the user fields are
	 * documented for Get User; that Create and Update take the same names is [assumed], and so is
	 * `password` on Create (nodes/Qflow/schemas.ts). Change Password and Change Username bodies are
	 * documented.
	 */

	/**
	 * [assumed] PUT user replaces the whole record, so Update and Create or Update read the user first
	 * and send every field, the changes laid over the current values. Set to false if the API merges.
	 */
	updateSendsWholeUser: true,

	/** [assumed] Password rules: 8–128 characters with an upper-case letter, a lower-case letter and a digit. */
	password: {
		minLength: 8,
		maxLength: 128,
		mustContain: [
			{ pattern: /[A-Z]/, what: 'an upper-case letter' },
			{ pattern: /[a-z]/, what: 'a lower-case letter' },
			{ pattern: /[0-9]/, what: 'a digit' },
		],
	},

	/** [assumed] Error body `{ code, message }` (the comms pages show codes such as `trust_required`). */
	error: { codeField: 'code', messageField: 'message' },
	/** Documented: 401 and 404 come without a body on the check-in and Comms surfaces (comms/rate-limits-errors). */
	bareErrorStatuses: [401, 404] as number[],
	/** [assumed] response header carrying the request id to quote to support. */
	requestIdHeader: 'x-request-id',
	/** Documented code of a 403 for a caller that has not completed KYC. */
	trustRequiredCode: 'trust_required',

	/** Documented: 1000 requests a minute per source IP, no rate-limit headers; a 429 opens a 60 s mitigation window. */
	rateLimit: { requests: 1000, windowMs: 60_000 },
	/** Documented 60 s mitigation window after a 429 (comms/rate-limits-errors). */
	mitigationWindowSeconds: 60,
	/** [assumed] OAuth errors of the token endpoint that no retry can mend in this run (a wrong secret or password). */
	finalSignInCodes: [
		'invalid_client',
		'invalid_grant',
		'invalid_username_format',
		'incomplete_credential',
	] as string[],

	/**
	 * iFrame SSO (documented): AES-256-CBC with the fixed IV, link `https://<enterprise>.qflowhub.io/sso`
	 * with `successUrl` (a dashboard path) and `token`.
	 */
	sso: {
		iv: 'qflow_sec_vector',
		keyBytes: 32,
		linkHost: (enterprise: string) => `https://${enterprise}.qflowhub.io/sso`,
		targets: {
			events: '/events',
			editEvent: (eventId: string) => `/events/edit/${eventId}`,
			eventGuests: (eventId: string) => `/events/edit/${eventId}?act=guests`,
			eventStats: (eventId: string) => `/events/edit/${eventId}?act=stats`,
		},
	},
} as const;
