'use strict';
/**
 * Qflow seed: the sandbox credentials, a deterministic enterprise of seven users, and its check-in
 * account: three events, guests of the first two, three team members, one check-in app profile,
 * one comms template, no sending domain.
 */

const QFLOW_SANDBOX = Object.freeze({
	clientId: 'qflow_sandbox_client',
	clientSecret: 'qflow_sandbox_secret',
	enterprisePin: '123',
	username: '123/owner@example.com',
	password: 'Sandbox-Pass-1',
	subscriptionKey: 'qflow_sandbox_apim_key',
	/** The key of a client-key host (QFLOW.clientKeyGateway): the same API at /api/…, this header instead. */
	clientKey: 'qflow_sandbox_client_key',
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

const seedId = (prefix, n) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;
const SEED_CREATED = '2026-01-05T09:00:00Z';

/** Events 1-3: a conference with guests, a gala with two guests, and an empty workshop. */
const SEED_EVENTS = [
	['Sandbox Conference 2026', '2026-06-01T09:00:00', '2026-06-01T18:00:00', 'Europe/London'],
	['Sandbox Gala Dinner', '2026-06-02T19:00:00', '2026-06-02T23:30:00', 'Europe/London'],
	['Sandbox Workshop', '2026-07-10T10:00:00', '2026-07-10T12:00:00', 'America/New_York'],
];
const EVENT_IDS = SEED_EVENTS.map((_, index) => seedId('10000000', index + 1));

/** `[eventIndex, firstName, lastName, email, tags, extra]`: guest 4 is blocked, guest 6 bounces mail. */
const SEED_GUESTS = [
	[0, 'Grace', 'Guest', 'grace.guest@example.com', 'VIP, {tickettype}Main Entry', {}],
	[0, 'Henry', 'Hall', 'henry.hall@example.com', '{tickettype}Main Entry, {merch}T-Shirt L', {}],
	[0, 'Isla', 'Irwin', 'isla.irwin@example.com', '{tickettype}Day Pass, {extra}Parking', {}],
	[0, 'Jack', 'Jones', 'jack.jones@example.com', '{tickettype}Main Entry', { blocked: true }],
	[0, 'Kara', 'King', 'kara.king@example.com', '::Sessions:Day 1:Keynote', { plusOnes: 2 }],
	[0, 'Liam', 'Lost', 'liam.lost@bounce.example.com', '{tickettype}Main Entry', {}],
	[1, 'Mia', 'Moore', 'mia.moore@example.com', '{rsvp}Yes', {}],
	[1, 'Noah', 'Nash', 'noah.nash@example.com', '{rsvp}Yes', {}],
];
/** Mail to this domain bounces: the invitation ends permanently failed (comms.bounced). */
const BOUNCING_DOMAIN = 'bounce.example.com';

const SEED_TEAM = [
	['door.one', 'door.one@example.com', 'Dana', 'Door', [0, 1]],
	['door.two', 'door.two@example.com', 'Eli', 'Entry', [0]],
	['back.office', 'back.office@example.com', 'Finn', 'Office', []],
];

/** Refills the check-in and comms state in place. */
function seedCheckin(state) {
	for (const name of ['events', 'guests', 'teamMembers', 'templates', 'invitations', 'checkIns'])
		state[name].clear();
	for (const name of ['profiles', 'profileAssignments', 'sendingDomains', 'publishedDomains'])
		state[name].clear();
	state.assignments.clear();
	state.commsWebhook = null;
	state.apiGuestsAdded = 0;
	state.domainSeq = 0;
	SEED_EVENTS.forEach(([title, startTime, endTime, timeZoneId], index) => {
		const id = EVENT_IDS[index];
		state.events.set(id, {
			id,
			title,
			startTime,
			endTime,
			timeZoneId,
			status: 'active',
			created: SEED_CREATED,
		});
	});
	SEED_GUESTS.forEach(([event, firstName, lastName, email, tags, extra], index) => {
		const id = seedId('20000000', index + 1);
		state.guests.set(id, {
			id,
			firstName,
			otherNames: null,
			lastName,
			email,
			plusOnes: extra.plusOnes ?? 0,
			admittedPlusOnes: 0,
			additionalInfo: null,
			barcode: `SBX${String(index + 1).padStart(13, '0')}`,
			tags,
			createdBy: 'Import (sandbox seed)',
			admitted: null,
			blockedDate: extra.blocked ? SEED_CREATED : null,
			blockedReason: extra.blocked ? 'Duplicate ticket' : null,
			eventId: EVENT_IDS[event],
			validFrom: null,
			validTo: null,
			isGroup: false,
			discharged: null,
			image: null,
			customId: null,
			commsTemplateId: null,
			correlationId: null,
		});
	});
	SEED_TEAM.forEach(([userName, email, firstName, lastName, events], index) => {
		const id = seedId('30000000', index + 1);
		state.teamMembers.set(id, { id, userName, email, firstName, lastName });
		for (const event of events) state.assignments.add(`${id}|${EVENT_IDS[event]}`);
	});
	const profileId = seedId('50000000', 1);
	state.profiles.set(profileId, {
		id: profileId,
		name: 'Door Scanner',
		restrictions: ['restrict_settings', 'restrict_stats'],
		settings: { ContinuousScan: { value: true, locked: true } },
		created: SEED_CREATED,
	});
	const templateId = seedId('40000000', 1);
	state.templates.set(templateId, {
		id: templateId,
		eventId: EVENT_IDS[0],
		name: 'Ticket confirmation',
		subject: 'Your ticket for {{event}}, {{firstname}}',
		html: '<html><body><p>Hi {{firstname}}, your ticket: {{barcode}}</p></body></html>',
		fromAddress: 'tickets@example.com',
		fromName: 'Sandbox Tickets',
		replyTo: null,
		attachPdf: false,
		created: SEED_CREATED,
	});
}

/** Refills the state in place, so a test holding `mock.state.users` never looks at a stale copy. */
function seedState(state) {
	seedCheckin(state);
	state.users.clear();
	state.passwords.clear();
	state.trusted.clear();
	state.commsEnabled.clear();
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
		// Comms is an allow-list per user: only the owner is on it.
		if (index === 0) state.commsEnabled.add(id);
	});
}

/** The seeded ids a test or a user of the sandbox refers to. */
const SEED_IDS = Object.freeze({
	events: EVENT_IDS,
	guests: SEED_GUESTS.map((_, index) => seedId('20000000', index + 1)),
	blockedGuest: seedId('20000000', 4),
	bouncingGuest: seedId('20000000', 6),
	teamMembers: SEED_TEAM.map((_, index) => seedId('30000000', index + 1)),
	template: seedId('40000000', 1),
	profile: seedId('50000000', 1),
});

module.exports = {
	QFLOW_SANDBOX,
	SSO_EXAMPLE_KEY,
	TRANSLATIONS,
	SEED_IDS,
	BOUNCING_DOMAIN,
	seedState,
};
