'use strict';
/**
 * Humanly seed: two organizations (an API key each) with teams, users, candidates and interviews.
 * Ids and timestamps are fixed, so every run (and every reset) serves identical data.
 */
const { createHash } = require('node:crypto');

const DAY_MS = 86_400_000;
const SEED_EPOCH = Date.UTC(2024, 0, 1);

/** A stable UUID-shaped id from a label, so seeded ids are constants tests and users can rely on. */
function seedId(label) {
	const hex = createHash('sha256').update(`humanly-sandbox:${label}`).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A stable small integer from a label (scores and durations of simulated results). */
function seedInt(label, min, max) {
	const n = createHash('sha256').update(label).digest().readUInt32BE(0);
	return min + (n % (max - min + 1));
}

const ORG1 = seedId('org:1');
const ORG2 = seedId('org:2');
const API_KEYS = { qapi_sandbox_org1: ORG1, qapi_sandbox_org2: ORG2 };

/** A seeded record of one organization, created `day` days after the seed epoch. */
function record(label, org, fields, day) {
	const at = new Date(SEED_EPOCH + day * DAY_MS).toISOString();
	return { id: seedId(label), ...fields, organizationId: org, createdAt: at, updatedAt: at };
}

const email = (firstName, lastName) => `${firstName}.${lastName}@example.com`.toLowerCase();

/** How a team looks in the Humanly apps; colours are hex without `#`, as documented. */
const TEAM_LOOK = Object.freeze({
	logoUrl: null,
	accentColor: '1F6FEB',
	buttonColor: '0B5FFF',
	backgroundImage: null,
});

const team = (org, slug, name, displayName, description, day) => ({
	...record(`team:${slug}`, org, { name, displayName, description, ...TEAM_LOOK }, day),
	archivedAt: null,
});

const user = (org, slug, [firstName, lastName], phone, isApiUser, teamIds, day) =>
	record(
		`user:${slug}`,
		org,
		{ firstName, lastName, email: email(firstName, lastName), phone, isApiUser, teamIds },
		day,
	);

const candidate = (org, slug, { firstName, lastName, day, ...fields }) =>
	record(
		`candidate:${slug}`,
		org,
		{ firstName, lastName, email: email(firstName, lastName), ...fields },
		day,
	);

/**
 * Org1 gets 25 candidates, enough for three pages of the default page size. The modulo rules give
 * a known mix: archived ones, SMS opt-ins, and two opt-ins without a phone (i = 9, 24) so the
 * "sms needs a phone" rule can be exercised.
 */
function org1Candidates() {
	const firstNames = ['Alex', 'Bailey', 'Casey', 'Devon', 'Emery'];
	const lastNames = ['Garcia', 'Nguyen', 'Okafor', 'Rossi', 'Schmidt'];
	const timezones = ['America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Europe/London'];
	return Array.from({ length: 25 }, (_, i) =>
		candidate(ORG1, `org1:${i}`, {
			firstName: firstNames[i % 5],
			lastName: lastNames[Math.floor(i / 5)],
			phone: i % 5 === 4 ? null : `+1415555${String(i).padStart(4, '0')}`,
			externalId: `ATS-${1000 + i}`,
			timezone: timezones[i % timezones.length],
			smsOptIn: i % 3 === 0,
			archived: i % 7 === 6,
			day: i,
		}),
	);
}

const org2Candidates = () =>
	[
		['Noah', 'Fischer'],
		['Mia', 'Tanaka'],
		['Liam', 'Murphy'],
	].map(([firstName, lastName], i) =>
		candidate(ORG2, `org2:${i}`, {
			firstName,
			lastName,
			phone: `+1212555${String(i).padStart(4, '0')}`,
			externalId: `OTHER-${i}`,
			timezone: 'America/New_York',
			smsOptIn: true,
			archived: false,
			day: i,
		}),
	);

/** Interviews come with three questions each; the question texts live outside the interview record. */
function interview(org, slug, title, status, archived, day) {
	const questions = [
		`Tell us about your experience relevant to the ${title} role.`,
		`Why do you want to work as ${title}?`,
		'Describe a difficult situation at work and how you handled it.',
	].map((text, n) => ({ id: seedId(`question:${slug}:${n}`), text }));
	const fields = {
		title,
		displayName: title,
		interviewType: 'standard',
		description: `Screening interview for ${title} applicants.`,
		language: 'en',
		status,
		questionIds: questions.map((q) => q.id),
		archived,
	};
	return { record: record(`interview:${slug}`, org, fields, day), questions };
}

function buildSeed() {
	const teams = [
		team(
			ORG1,
			'org1:engineering',
			'Engineering Team',
			'Engineering',
			'Engineering and development team',
			0,
		),
		team(ORG1, 'org1:sales', 'Sales Team', 'Sales', null, 0),
		team(ORG1, 'org1:recruiting', 'Recruiting Team', 'Recruiting', 'Talent acquisition', 1),
		team(ORG2, 'org2:operations', 'Operations Team', 'Operations', 'Other organization', 0),
	];
	const [eng, sales, recruiting, org2Ops] = teams.map((t) => t.id);
	const users = [
		user(ORG1, 'org1:ava', ['Ava', 'Patel'], '+14155550101', true, [eng], 2),
		user(ORG1, 'org1:marcus', ['Marcus', 'Lee'], null, false, [sales], 3),
		user(ORG1, 'org1:priya', ['Priya', 'Shah'], '+442071838750', true, [eng, recruiting], 4),
		user(ORG2, 'org2:olivia', ['Olivia', 'Brown'], null, true, [org2Ops], 2),
	];
	const interviews = [
		interview(ORG1, 'org1:engineer', 'Software Engineer', 'active', false, 5),
		interview(ORG1, 'org1:sdr', 'Sales Development Representative', 'active', false, 6),
		interview(ORG1, 'org1:support', 'Customer Support Agent', 'inactive', false, 7),
		interview(ORG1, 'org1:warehouse', 'Warehouse Associate', 'draft', false, 8),
		interview(ORG1, 'org1:manager', 'Retail Store Manager', 'inactive', true, 9),
		interview(ORG1, 'org1:nurse', 'Registered Nurse', 'draft', true, 10),
		interview(ORG2, 'org2:driver', 'Delivery Driver', 'active', false, 5),
	];
	return { teams, users, candidates: [...org1Candidates(), ...org2Candidates()], interviews };
}

const SEED = buildSeed();
const inOrg = (org) => (item) => item.organizationId === org;

const HUMANLY_SANDBOX = {
	apiKey: 'qapi_sandbox_org1',
	otherOrgApiKey: 'qapi_sandbox_org2',
	/** Signs the webhook deliveries (X-Qualifi-Signature); Humanly hands it out with a registered webhook. */
	webhookSecret: 'whsec_sandbox_humanly',
	teamIds: SEED.teams.filter(inOrg(ORG1)).map((t) => t.id),
	otherOrgTeamId: SEED.teams.find(inOrg(ORG2)).id,
	// e2e workflows need a known interview and candidates to send invites.
	interviewIds: SEED.interviews
		.map((i) => i.record)
		.filter(inOrg(ORG1))
		.map((i) => i.id),
	candidateIds: SEED.candidates.filter(inOrg(ORG1)).map((c) => c.id),
};

/** Refills the state in place, so references tests hold to it stay valid. */
function seedState(state, questions) {
	Object.values(state).forEach((map) => map.clear());
	questions.clear();
	const copy = structuredClone(SEED);
	copy.teams.forEach((t) => state.teams.set(t.id, t));
	copy.users.forEach((u) => state.users.set(u.id, u));
	copy.candidates.forEach((c) => state.candidates.set(c.id, c));
	copy.interviews.forEach(({ record: item, questions: texts }) => {
		state.interviews.set(item.id, item);
		texts.forEach((q) => questions.set(q.id, q.text));
	});
}

module.exports = { API_KEYS, HUMANLY_SANDBOX, TEAM_LOOK, DAY_MS, seedInt, seedState };
