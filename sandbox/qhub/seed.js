'use strict';
/**
 * Q-Hub seed data. Fixed timestamps and no randomness, so reports and tests see the same entries
 * every run; reset() refills the state from here.
 */
const QHUB_SANDBOX = Object.freeze({
	apiKey: 'qhub_sandbox_key',
	apiSecret: 'qhub_sandbox_secret',
});

const DAY_MS = 24 * 60 * 60 * 1000;
const SEED_CREATED_AT = '2025-06-01T08:00:00.000Z';
const ENTRIES_START = Date.parse('2026-01-01T09:00:00Z');
const FORM_ENTRY_COUNT = 120;
const PROCESS_ENTRY_COUNT = 45;
const seedTimestamps = { createdAt: SEED_CREATED_AT, updatedAt: SEED_CREATED_AT };

const SEED_ADMIN = {
	id: 'usr_admin001',
	firstName: 'Ada',
	lastName: 'Admin',
	email: 'admin@example.com',
	accessLevel: 'admin',
	isAccountAdmin: true,
	locationIds: [],
	status: 'active',
	...seedTimestamps,
};

/** Two sites for the entries to point at; they are ordinary locations (editable, deletable). */
const SEED_LOCATIONS = [
	{
		id: 'loc_seed0001',
		name: 'Head Office',
		code: 'HO',
		address: '1 Market Street, Leeds LS1 1AA',
	},
	{
		id: 'loc_seed0002',
		name: 'North Warehouse',
		code: 'NW',
		address: 'Unit 4, Dock Road, Hull HU1 2BB',
	},
];

/** Who submitted the seeded entries (historic staff: they are not in the user list). */
const SUBMITTERS = [
	{ id: 'usr_admin001', name: 'Ada Admin' },
	{ id: 'usr_seed0002', name: 'Sam Site' },
	{ id: 'usr_seed0003', name: 'Priya Patel' },
	{ id: 'usr_seed0004', name: 'Tom Okafor' },
];

const pick = (list, n) => list[n % list.length];

/** Each form's `answers(n)` makes the answers of its n-th entry. */
const FORMS = [
	{
		id: 'frm_incident',
		name: 'Incident Report',
		answers: (n) => ({
			severity: pick(['low', 'medium', 'high'], n),
			description: `Incident ${n}: ${pick(['slip in corridor', 'near miss with forklift', 'minor cut'], n)}`,
			injuryReported: n % 4 === 0,
		}),
	},
	{
		id: 'frm_audit',
		name: 'Site Audit',
		answers: (n) => {
			const score = 60 + ((n * 7) % 41);
			return { score, passed: score >= 75, actionsRaised: (n * 3) % 5 };
		},
	},
	{
		id: 'frm_training',
		name: 'Training Sign-off',
		answers: (n) => ({
			course: pick(['Fire Safety', 'Manual Handling', 'First Aid'], n),
			trainee: pick(SUBMITTERS, n + 1).name,
			signedOff: n % 5 !== 0,
		}),
	},
];

/** Each process's `fields(n)` makes the fields of its n-th entry. */
const PROCESSES = [
	{
		id: 'prc_onboarding',
		name: 'Onboarding',
		fields: (n) => ({
			employeeName: pick(['Lena Fischer', 'Omar Haddad', 'Grace Lee', 'Ravi Kumar'], n),
			role: pick(['Operative', 'Supervisor', 'Administrator'], n),
		}),
	},
	{
		id: 'prc_capa',
		name: 'Corrective Action',
		fields: (n) => ({
			issue: pick(['Fire door wedged open', 'Expired first-aid kit', 'Missing training record'], n),
			rootCause: pick(['process', 'people', 'equipment'], n),
			owner: pick(SUBMITTERS, n).name,
		}),
	},
];

const PROCESS_STATUSES = ['closed', 'in_progress', 'open'];

/** `fe_00000001`, `pe_00000045`: entry ids are numbered, and added entries continue the numbering. */
const entryId = (prefix, number) => `${prefix}_${String(number).padStart(8, '0')}`;
const dayOffset = (index, extraDays = 0) =>
	new Date(ENTRIES_START + (index + extraDays) * DAY_MS).toISOString();
/** Every third entry has no location, the rest alternate between the seeded sites. */
const seedLocationFor = (index) => (index % 3 === 0 ? null : pick(SEED_LOCATIONS, index).id);

/** The entry records, for the seed and for entries added while the mock runs. */
const formEntry = (number, form, fields) => ({
	id: entryId('fe', number),
	formId: form.id,
	formName: form.name,
	...fields,
});
const processEntry = (number, process, fields) => ({
	id: entryId('pe', number),
	processId: process.id,
	processName: process.name,
	...fields,
});

const seedFormEntries = () =>
	Array.from({ length: FORM_ENTRY_COUNT }, (_, index) => {
		const form = pick(FORMS, index);
		const answers = form.answers(Math.floor(index / FORMS.length) + 1);
		return formEntry(index + 1, form, {
			submittedAt: dayOffset(index),
			submittedBy: { ...pick(SUBMITTERS, index) },
			locationId: seedLocationFor(index),
			answers,
		});
	});

const seedProcessEntries = () =>
	Array.from({ length: PROCESS_ENTRY_COUNT }, (_, index) => {
		const process = pick(PROCESSES, index);
		const status = pick(PROCESS_STATUSES, index);
		return processEntry(index + 1, process, {
			status,
			createdAt: dayOffset(index),
			completedAt: status === 'closed' ? dayOffset(index, 3) : null,
			locationId: seedLocationFor(index),
			fields: process.fields(Math.floor(index / PROCESSES.length) + 1),
		});
	});

/** Refills `state` in place, so a test holding `mock.state` keeps seeing the live data after reset(). */
function seedState(state) {
	state.users.clear();
	state.users.set(SEED_ADMIN.id, structuredClone(SEED_ADMIN));
	state.locations.clear();
	for (const location of SEED_LOCATIONS) {
		state.locations.set(location.id, {
			...location,
			parentId: null,
			status: 'active',
			archivedAt: null,
			...seedTimestamps,
		});
	}
	state.dataSets.clear();
	state.formEntries.splice(0, Infinity, ...seedFormEntries());
	state.processEntries.splice(0, Infinity, ...seedProcessEntries());
}

module.exports = {
	QHUB_SANDBOX,
	FORMS,
	PROCESSES,
	PROCESS_STATUSES,
	SUBMITTERS,
	DAY_MS,
	formEntry,
	processEntry,
	seedState,
};
