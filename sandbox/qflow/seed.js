'use strict';
/** Qflow seed: the sandbox credentials and a deterministic enterprise of seven users. */

const QFLOW_SANDBOX = Object.freeze({
	clientId: 'qflow_sandbox_client',
	clientSecret: 'qflow_sandbox_secret',
	enterprisePin: '123',
	username: '123/owner@example.com',
	password: 'Sandbox-Pass-1',
	subscriptionKey: 'qflow_sandbox_apim_key',
	untrustedUsername: '123/untrusted@example.com',
	untrustedPassword: 'Sandbox-Pass-1',
});

/** The documented example enterprise key of the iFrame SSO page (it yields the documented test vector). */
const SSO_EXAMPLE_KEY = 'hfdg8AZgkKCQcNCgwOBAYIBa';

/** [assumed] flat `{ key: text }` locale strings (nodes/Qflow/api.ts). */
const TRANSLATIONS = Object.freeze({
	'dashboard.title': 'Dashboard',
	'events.title': 'Events',
	'events.create': 'Create event',
	'guests.title': 'Guests',
	'guests.checkIn': 'Check in',
	'stats.title': 'Statistics',
	'users.title': 'Users',
	'users.invite': 'Invite user',
	'settings.title': 'Settings',
	'auth.signOut': 'Sign out',
});

/** Ids 1 (owner, trusted) and 2 (untrusted: KYC incomplete), then five colleagues. */
const SEED_USERS = [
	['Olivia', 'Owner', 'owner@example.com'],
	['Uma', 'Untrusted', 'untrusted@example.com'],
	['Alice', 'Anderson', 'alice.anderson@example.com'],
	['Bob', 'Brown', 'bob.brown@example.com'],
	['Carla', 'Chen', 'carla.chen@example.com'],
	['David', 'Diaz', 'david.diaz@example.com'],
	['Emma', 'Evans', 'emma.evans@example.com'],
];
const UNTRUSTED_EMAIL = 'untrusted@example.com';

/** Refills the state in place, so a test holding `mock.state.users` never looks at a stale copy. */
function seedState(state) {
	state.users.clear();
	state.passwords.clear();
	state.trusted.clear();
	SEED_USERS.forEach(([firstName, lastName, email], index) => {
		const id = `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`;
		const userName = `${QFLOW_SANDBOX.enterprisePin}/${email}`;
		const fields = {
			firstName,
			lastName,
			email,
			timeZoneId: 'Europe/London',
			companyName: 'Sandbox Enterprise Ltd',
			customData: '',
		};
		state.users.set(id, { id, ...fields, userName });
		state.passwords.set(id, QFLOW_SANDBOX.password);
		if (email !== UNTRUSTED_EMAIL) state.trusted.add(id);
	});
}

module.exports = { QFLOW_SANDBOX, SSO_EXAMPLE_KEY, TRANSLATIONS, seedState };
