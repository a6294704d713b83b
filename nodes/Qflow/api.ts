/**
 * Qflow Enterprise API facts. Paths of the users API are documented (docs.qflowhub.io, vendor-apis.md
 * §2); everything marked [assumed] is not, and lives here only, so a user with the API reference can
 * correct it in one line. The README lists the [assumed] entries.
 */
export const QFLOW = {
	defaultIdentityHost: 'https://identity.qflowhub.io',
	defaultApiHost: 'https://api.qflowhub.io',
	/** OAuth token endpoint on the identity host. */
	grantEndpoint: '/core/connect/token',
	scope: 'qflowapi openid offline_access',
	/** Every users endpoint sits under this prefix on the API host. */
	apiPrefix: '/users/v1/api/',

	paths: {
		user: (id: string) => `user/${id}`,
		users: 'users',
		userByEmail: 'users/email',
		/** POST creates, PUT updates (body carries `id`) [assumed body], DELETE removes. */
		userWrite: 'user',
		credentialChange: 'user/changepassword',
		changeUsername: 'user/changeusername',
		translations: 'user/translations',
		count: 'users/total',
	},

	/** [assumed] query parameter of Get User by Email. */
	emailParam: 'email',
	/** [assumed] Delete User takes the id as query parameter `id`. */
	deleteIdParam: 'id',
	/** [assumed] Get Many paging: `?page=1&pageSize=100` (1-based), the body is a plain JSON array. */
	paging: { pageParam: 'page', sizeParam: 'pageSize', maxPageSize: 100 },
	/** [assumed] Count answers a bare JSON number; Translations a flat `{ key: text }` object. */

	/** [assumed] Password rules: 8–128 characters with an upper-case letter, a lower-case letter and a digit. */
	password: { minLength: 8, maxLength: 128 },

	/** [assumed] Error body `{ code, message }` (the comms pages show codes such as `trust_required`). */
	error: { codeField: 'code', messageField: 'message' },

	/** No rate-limit headers are documented: a 429 opens a 60 s mitigation window. */
	mitigationWindowSeconds: 60,

	/** iFrame SSO: documented fixed IV; the link host is `https://<enterprise>.qflowhub.io/sso`. */
	sso: { iv: 'qflow_sec_vector', linkHost: (enterprise: string) => `https://${enterprise}.qflowhub.io/sso` },
} as const;
