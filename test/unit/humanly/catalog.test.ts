/** Narrators, message groups and the team's own record: what Humanly offers to build interviews with. */
import type { IDataObject } from 'n8n-workflow';

import { createMessageGroup } from '../../../nodes/Humanly/actions/messageGroup/create.operation';
import { getMessageGroup } from '../../../nodes/Humanly/actions/messageGroup/get.operation';
import { getManyMessageGroups } from '../../../nodes/Humanly/actions/messageGroup/getAll.operation';
import { getNarrator } from '../../../nodes/Humanly/actions/narrator/get.operation';
import { getManyNarrators } from '../../../nodes/Humanly/actions/narrator/getAll.operation';
import { getTeam } from '../../../nodes/Humanly/actions/team/get.operation';
import { updateTeamBranding } from '../../../nodes/Humanly/actions/team/updateBranding.operation';
import type { Operation } from '../../../nodes/shared/operation';
import { fakeClock, fakeContext, type FakeAnswer } from '../helpers/context';
import { BASE, credentials, credentialType, ok, TEAM } from './fixtures';

beforeEach(() => fakeClock());

function run(operation: Operation, parameters: IDataObject, answers: FakeAnswer[]) {
	const fake = fakeContext({ parameters, credentials, credentialType, answers });
	return { fake, result: operation.execute.call(fake.context, fake.items) };
}

const narrator = {
	id: 'n-1',
	name: 'Default Narrator',
	language: 'en',
	voices: [{ id: 'v-1', name: 'James', gender: 'male', description: 'Professional male voice' }],
};

describe('Narrator', () => {
	test('Get Many reads the documented bare data array, one item per narrator', async () => {
		const { fake, result } = run(getManyNarrators, { returnAll: true }, [
			ok([narrator, { ...narrator, id: 'n-2' }]),
		]);
		expect((await result).map((item) => item.json)).toEqual([narrator, { ...narrator, id: 'n-2' }]);
		expect(fake.requests[0].url).toBe(`${BASE}/qsi/gather/narrators`);
	});

	test('Get returns data as the narrator', async () => {
		const { fake, result } = run(getNarrator, { narratorId: { mode: 'list', value: 'n-1' } }, [
			ok(narrator),
		]);
		expect((await result)[0].json).toEqual(narrator);
		expect(fake.requests[0].url).toBe(`${BASE}/qsi/gather/narrators/n-1`);
	});
});

describe('Message Group', () => {
	test('Get Many reads data.messageGroups; Get unwraps data.messageGroup with its messages', async () => {
		const list = run(getManyMessageGroups, { returnAll: true }, [
			ok({ messageGroups: [{ id: 'mg-1', title: 'Standard invites' }] }),
		]);
		expect((await list.result).map((item) => item.json.id)).toEqual(['mg-1']);
		const one = run(getMessageGroup, { messageGroupId: { mode: 'id', value: 'mg-1' } }, [
			ok({ messageGroup: { id: 'mg-1', messages: [{ type: 'INVITE' }] } }),
		]);
		expect((await one.result)[0].json).toEqual({ id: 'mg-1', messages: [{ type: 'INVITE' }] });
		expect(one.fake.requests[0].url).toBe(`${BASE}/qsi/gather/message-groups/mg-1`);
	});

	test('Create posts the title, type and messages', async () => {
		const { fake, result } = run(
			createMessageGroup,
			{
				title: 'Night shift',
				type: 'standard',
				additionalFields: {
					default: true,
					messages: { message: [{ type: 'INVITE', smsBody: 'Hi {{link}}', smsEnabled: true }] },
				},
			},
			[ok({ messageGroup: { id: 'mg-9' } }, 201)],
		);
		expect((await result)[0].json).toEqual({ id: 'mg-9' });
		expect(fake.requests[0]).toMatchObject({
			method: 'POST',
			url: `${BASE}/qsi/gather/message-groups`,
			body: {
				title: 'Night shift',
				type: 'standard',
				default: true,
				messages: [{ type: 'INVITE', smsBody: 'Hi {{link}}', smsEnabled: true }],
			},
		});
	});

	test('an unknown message kind is refused before sending', async () => {
		const { fake, result } = run(
			createMessageGroup,
			{
				title: 'X',
				type: 'standard',
				additionalFields: { messages: { message: [{ type: 'NUDGE' }] } },
			},
			[],
		);
		await expect(result).rejects.toThrow('Invalid messages.0.type');
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Team Get and Update Branding', () => {
	const team = { teamId: { mode: 'id', value: TEAM } };

	test('Get unwraps data.team', async () => {
		const { fake, result } = run(getTeam, team, [ok({ team: { id: TEAM, name: 'Sales' } })]);
		expect((await result)[0].json).toEqual({ id: TEAM, name: 'Sales' });
		expect(fake.requests[0].url).toBe(`${BASE}/qsi/gather/teams/${TEAM}`);
	});

	test('Update Branding sends only the fields given, colours without #; it is safe to resend', async () => {
		const { fake, result } = run(
			updateTeamBranding,
			{
				...team,
				branding: { accentColor: '#FF8800', logoUrl: 'https://example.com/l.png', buttonColor: '' },
			},
			[{ networkError: 'ECONNRESET' }, ok({ team: { id: TEAM, accentColor: 'FF8800' } })],
		);
		expect((await result)[0].json).toEqual({ id: TEAM, accentColor: 'FF8800' });
		expect(fake.requests).toHaveLength(2);
		expect(fake.requests[1]).toMatchObject({
			method: 'PATCH',
			url: `${BASE}/qsi/gather/teams/${TEAM}/branding`,
			body: { accentColor: 'FF8800', logoUrl: 'https://example.com/l.png' },
		});
	});

	test.each([
		['branding.accentColor', { accentColor: 'red' }],
		['branding.logoUrl', { logoUrl: 'logo.png' }],
		['branding', {}],
	])('refuses %s before sending', async (field, branding) => {
		const { fake, result } = run(updateTeamBranding, { ...team, branding }, []);
		await expect(result).rejects.toThrow(`Invalid ${field}:`);
		expect(fake.requests).toHaveLength(0);
	});
});
