/**
 * Qflow Enterprise API facts. Paths of the users API are documented (docs/qflow.md); everything
 * marked [assumed] is not, and lives here only, so a user with the API reference can correct it in
 * one line. The README lists the [assumed] entries.
 */
export const QFLOW = {
	defaultIdentityHost: 'https://identity.qflowhub.io',
	defaultApiHost: 'https://api.qflowhub.io',
	/** OAuth token endpoint on the identity host (password grant, form-urlencoded). */
	grantEndpoint: '/core/connect/token',
	scope: 'qflowapi openid offline_access',
	/** Every users endpoint sits under this prefix on the API host. */
	apiPrefix: '/users/v1/api/',

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
	/** [assumed] response header carrying the request id to quote to support. */
	requestIdHeader: 'x-request-id',
	/** Documented code of a 403 for a caller that has not completed KYC. */
	trustRequiredCode: 'trust_required',

	/** Documented: 1000 requests a minute per source IP, no rate-limit headers; a 429 opens a 60 s mitigation window. */
	rateLimit: { requests: 1000, windowMs: 60_000 },
	mitigationWindowSeconds: 60,
	/** OAuth errors of the token endpoint that no retry can mend in this run (a wrong secret or password). */
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
