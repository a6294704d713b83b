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

/** A candidate as the candidates page shows one; `archived` ones carry the day they were archived. */
const candidate = (org, slug, { firstName, lastName, day, archived, ...fields }) => {
	const seeded = record(
		`candidate:${slug}`,
		org,
		{
			firstName,
			lastName,
			email: email(firstName, lastName),
			resumeUrl: null,
			linkedInURL: null,
			source: 'api',
			...fields,
		},
		day,
	);
	return { ...seeded, archivedAt: archived ? seeded.updatedAt : null };
};

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

/** The two narrators every organization can pick for generated audio (the narrators page's shape). */
const NARRATORS = [
	{
		id: seedId('narrator:default'),
		name: 'Default Narrator',
		language: 'en',
		voices: [
			{
				id: seedId('voice:default:male'),
				name: 'James',
				gender: 'male',
				description: 'Professional male voice',
			},
			{
				id: seedId('voice:default:female'),
				name: 'Olivia',
				gender: 'female',
				description: 'Warm female voice',
			},
		],
	},
	{
		id: seedId('narrator:spanish'),
		name: 'Narrador',
		language: 'es',
		voices: [
			{
				id: seedId('voice:spanish:female'),
				name: 'Lucia',
				gender: 'female',
				description: 'Voz femenina profesional',
			},
		],
	},
];

/** An audio question of an interview, as the questions page shows one (the script is its text). */
function question(org, slug, title, questionScript, createdById, day) {
	return {
		...record(
			`question:${slug}`,
			org,
			{
				title,
				description: null,
				audioURL: `https://audio.sandbox.invalid/${seedId(`question:${slug}`)}.mp3`,
				narratorId: NARRATORS[0].id,
				questionScript,
				teamId: null,
				createdById,
			},
			day,
		),
		archivedAt: null,
	};
}

/**
 * Interviews come with three audio questions each. `statusCode` is the newer page's number (0 Active,
 * 1 Paused, 2 Closed, 3 Archived); an archived interview also has `archivedAt`.
 */
function interview(org, slug, { title, statusCode, interviewType = 'standard', createdById, day }) {
	const questions = [
		`Tell us about your experience relevant to the ${title} role.`,
		`Why do you want to work as ${title}?`,
		'Describe a difficult situation at work and how you handled it.',
	].map((script, n) =>
		question(org, `${slug}:${n}`, `${title} question ${n + 1}`, script, createdById, day),
	);
	const at = new Date(SEED_EPOCH + day * DAY_MS).toISOString();
	const fields = {
		title,
		displayName: title,
		interviewType,
		description: `Screening interview for ${title} applicants.`,
		language: 'en',
		statusCode,
		questionIds: questions.map((q) => q.id),
		surveyQuestions: [],
		aiTextQuestionIds: [],
		keywords: [],
		teamId: null,
	};
	return {
		record: {
			...record(`interview:${slug}`, org, fields, day),
			archivedAt: statusCode === 3 ? at : null,
		},
		questions,
	};
}

/** Message groups of one organization: the SMS and email templates an invite goes out with. */
function messageGroup(org, slug, { title, type, isDefault, createdById, day }) {
	return {
		...record(
			`messageGroup:${slug}`,
			org,
			{
				title,
				status: 'PUBLISHED',
				type,
				default: isDefault,
				teamId: null,
				createdById,
				messages: [
					{
						id: seedId(`message:${slug}:invite`),
						type: 'INVITE',
						smsBody: `Hi {{firstName}}, please take your ${type} interview: {{link}}`,
						smsEnabled: true,
						emailSubject: 'Your interview invitation',
						emailBody: 'Hello {{firstName}}, start your interview here: {{link}}',
						emailEnabled: true,
					},
				],
			},
			day,
		),
		archivedAt: null,
	};
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
	const [ava, , , olivia] = users.map((u) => u.id);
	const org1 = (slug, title, statusCode, day, interviewType) =>
		interview(ORG1, `org1:${slug}`, { title, statusCode, interviewType, createdById: ava, day });
	const interviews = [
		org1('engineer', 'Software Engineer', 0, 5),
		org1('sdr', 'Sales Development Representative', 0, 6),
		org1('support', 'Customer Support Agent', 1, 7),
		org1('warehouse', 'Warehouse Associate', 2, 8),
		org1('manager', 'Retail Store Manager', 3, 9),
		org1('nurse', 'Registered Nurse', 3, 10),
		org1('availability', 'Availability Questionnaire', 0, 11, 'questionnaire'),
		interview(ORG2, 'org2:driver', {
			title: 'Delivery Driver',
			statusCode: 0,
			createdById: olivia,
			day: 5,
		}),
	];
	const messageGroups = [
		messageGroup(ORG1, 'org1:standard', {
			title: 'Standard invites',
			type: 'standard',
			isDefault: true,
			createdById: ava,
			day: 1,
		}),
		messageGroup(ORG1, 'org1:questionnaire', {
			title: 'Questionnaire invites',
			type: 'questionnaire',
			isDefault: false,
			createdById: ava,
			day: 2,
		}),
		messageGroup(ORG2, 'org2:standard', {
			title: 'Driver invites',
			type: 'standard',
			isDefault: true,
			createdById: olivia,
			day: 1,
		}),
	];
	return {
		teams,
		users,
		candidates: [...org1Candidates(), ...org2Candidates()],
		interviews,
		messageGroups,
	};
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
	userIds: SEED.users.filter(inOrg(ORG1)).map((u) => u.id),
	// e2e workflows need a known interview and candidates to send invites.
	interviewIds: SEED.interviews
		.map((i) => i.record)
		.filter(inOrg(ORG1))
		.map((i) => i.id),
	candidateIds: SEED.candidates.filter(inOrg(ORG1)).map((c) => c.id),
	questionIds: SEED.interviews
		.filter((i) => inOrg(ORG1)(i.record))
		.flatMap((i) => i.questions.map((q) => q.id)),
	narratorIds: NARRATORS.map((n) => n.id),
	messageGroupIds: SEED.messageGroups.filter(inOrg(ORG1)).map((g) => g.id),
};

/** Refills the state in place, so references tests hold to it stay valid. */
function seedState(state) {
	Object.values(state).forEach((map) => map.clear());
	const copy = structuredClone(SEED);
	copy.teams.forEach((t) => state.teams.set(t.id, t));
	copy.users.forEach((u) => state.users.set(u.id, u));
	copy.candidates.forEach((c) => state.candidates.set(c.id, c));
	copy.messageGroups.forEach((g) => state.messageGroups.set(g.id, g));
	structuredClone(NARRATORS).forEach((n) => state.narrators.set(n.id, n));
	copy.interviews.forEach(({ record: item, questions }) => {
		state.interviews.set(item.id, item);
		questions.forEach((q) => state.questions.set(q.id, q));
	});
}

module.exports = { API_KEYS, HUMANLY_SANDBOX, TEAM_LOOK, DAY_MS, seedInt, seedState };
