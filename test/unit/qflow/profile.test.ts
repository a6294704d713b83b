import type { IDataObject } from 'n8n-workflow';

import { assignProfile } from '../../../nodes/Qflow/actions/profile/assign.operation';
import { createProfile } from '../../../nodes/Qflow/actions/profile/create.operation';
import { fakeClock } from '../helpers/context';
import { locator, run } from './helpers';

const PROFILES = 'http://api.test/profiles/v1';
const EVENT = '4ef2891c-1e79-4c27-90b7-e2c20c8b13d9';
const MEMBER_1 = '30000000-0000-4000-8000-000000000001';
const MEMBER_2 = '30000000-0000-4000-8000-000000000002';
const PROFILE = '50000000-0000-4000-8000-000000000001';

beforeEach(() => {
	fakeClock();
});

const doorScanner = (overrides: IDataObject = {}) => ({
	name: 'Door Scanner',
	restrictions: ['restrict_settings', 'restrict_stats'],
	signOutPin: '4821',
	settings: { setting: [{ name: 'ContinuousScan', value: true, locked: true }] },
	additionalFields: {},
	...overrides,
});

describe('Profile Create', () => {
	test('sends the page’s body to /profiles/v1 (no /api/): codes as strings, the PIN inside its code, settings by feature', async () => {
		const stored = { id: PROFILE, name: 'Door Scanner' };
		const { fake, result } = run(createProfile, doorScanner(), { answers: [{ body: stored }] });
		const [item] = await result;
		expect(fake.requests).toHaveLength(1);
		expect(fake.requests[0]).toMatchObject({
			method: 'POST',
			url: PROFILES,
			body: {
				name: 'Door Scanner',
				restrictions: ['restrict_settings', 'restrict_stats', 'restrict_signout 4821'],
				settings: { ContinuousScan: { value: true, locked: true } },
			},
		});
		expect(item).toEqual({ json: stored, pairedItem: { item: 0 } });
	});

	test('other catalogue codes join the list once; no PIN and no settings send an empty list and object', async () => {
		const { fake, result } = run(
			createProfile,
			doorScanner({
				restrictions: [],
				signOutPin: '',
				settings: {},
				additionalFields: { otherRestrictions: 'restrict_guests 50, restrict_guests 50' },
			}),
			{ answers: [{ body: { id: PROFILE } }] },
		);
		await result;
		expect(fake.requests[0].body).toEqual({
			name: 'Door Scanner',
			restrictions: ['restrict_guests 50'],
			settings: {},
		});
	});

	test('a lost answer is not resent: a second create would make a second profile', async () => {
		const { fake, result } = run(createProfile, doorScanner(), {
			answers: [{ networkError: 'ETIMEDOUT' }],
		});
		await expect(result).rejects.toThrow();
		expect(fake.requests).toHaveLength(1);
	});

	test('each bad item fails alone, naming the field, before anything is sent', async () => {
		const cases: Array<[IDataObject, string]> = [
			[{ name: '  ' }, 'Invalid name: Name must not be empty'],
			[{ signOutPin: '48 21' }, 'Invalid signOutPin: must be 4 to 8 digits'],
			[{ restrictions: ['restrict_everything'] }, 'Invalid restrictions.0: must be one of'],
			[
				{ settings: { setting: [{ name: 'Continuous Scan', value: true, locked: false }] } },
				'Invalid settings.0.name: must be a feature name',
			],
			[
				{
					settings: {
						setting: [
							{ name: 'ContinuousScan', value: true, locked: false },
							{ name: 'ContinuousScan', value: false, locked: false },
						],
					},
				},
				'Invalid settings: name each feature once',
			],
			[
				{ additionalFields: { otherRestrictions: 'restrict_signout 1234' } },
				'Invalid otherRestrictions.0: restrict_signout takes its PIN from the Sign-Out PIN field',
			],
			[
				{ additionalFields: { otherRestrictions: 'restrict guests 50' } },
				'Invalid otherRestrictions.0: must be a restriction code',
			],
		];
		const { fake, result } = run(createProfile, doorScanner(), {
			continueOnFail: true,
			perItem: cases.map(([values]) => values),
		});
		const items = await result;
		expect(fake.requests).toHaveLength(0);
		items.forEach((item, index) => {
			expect(item.json.error).toContain(cases[index][1]);
			expect(item.json.description).toContain('Nothing was sent.');
			expect(item.pairedItem).toEqual({ item: index });
		});
	});

	test('an answer without the id the quick start says to save names the assumption to check', async () => {
		const { result } = run(createProfile, doorScanner(), { answers: [{ body: { ok: true } }] });
		await expect(result).rejects.toThrow('Unexpected response shape for POST /profiles/v1: id');
	});
});

describe('Profile Assign to Event', () => {
	const parameters = (teamMemberIds: string | string[], profileId = PROFILE) => ({
		profileId,
		eventId: locator('id', EVENT),
		teamMemberIds,
	});

	test('sends profileId, eventId and the team member GUIDs (a comma list, deduplicated) and is resent after a reset', async () => {
		const { fake, result } = run(
			assignProfile,
			parameters(` ${MEMBER_1}, ${MEMBER_2.toUpperCase()},${MEMBER_1} `),
			{ answers: [{ networkError: 'ECONNRESET' }, { status: 204, body: '' }] },
		);
		const [item] = await result;
		expect(fake.requests.map((request) => [request.method, request.url])).toEqual([
			['POST', `${PROFILES}/assign`],
			['POST', `${PROFILES}/assign`],
		]);
		expect(fake.requests[0].body).toEqual({
			profileId: PROFILE,
			eventId: EVENT,
			teamMemberIds: [MEMBER_1, MEMBER_2],
		});
		expect(item.json).toEqual({
			profileId: PROFILE,
			eventId: EVENT,
			teamMemberIds: [MEMBER_1, MEMBER_2],
			assigned: true,
		});
	});

	test('a list from an expression works too, and an object answer is passed through', async () => {
		const { result } = run(assignProfile, parameters([MEMBER_2]), {
			answers: [{ body: { assignedCount: 1 } }],
		});
		expect((await result)[0].json).toMatchObject({ teamMemberIds: [MEMBER_2], assignedCount: 1 });
	});

	test('bad ids fail before sending; a 404 says which ids to check', async () => {
		const { fake, result } = run(assignProfile, parameters(MEMBER_1), {
			continueOnFail: true,
			perItem: [
				{ teamMemberIds: 'door.one' },
				{ teamMemberIds: '' },
				{ profileId: 'Door Scanner' },
				{ eventId: locator('id', '../events') },
				{},
			],
			answers: [{ status: 404 }],
		});
		const [name, none, profileName, event, missing] = await result;
		expect(name.json.error).toContain('Invalid teamMemberIds.0: must be a GUID');
		expect(none.json.error).toContain('Invalid teamMemberIds: must name at least one team member');
		expect(profileName.json.error).toContain('Invalid profileId: must be the profile’s ID');
		expect(event.json.error).toContain('Invalid eventId: must be a GUID');
		expect(fake.requests).toHaveLength(1);
		expect(missing.json).toMatchObject({ httpCode: '404' });
		expect(missing.json.description).toContain('profile ID');
	});
});
