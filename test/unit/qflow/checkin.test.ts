import type { IDataObject } from 'n8n-workflow';

import { archiveEvent } from '../../../nodes/Qflow/actions/event/archive.operation';
import { createEvent } from '../../../nodes/Qflow/actions/event/create.operation';
import { getEvent } from '../../../nodes/Qflow/actions/event/get.operation';
import { getManyTemplates } from '../../../nodes/Qflow/actions/comms/getTemplates.operation';
import { getManyEvents } from '../../../nodes/Qflow/actions/event/getAll.operation';
import { getEventStatistics } from '../../../nodes/Qflow/actions/event/getStatistics.operation';
import { updateEvent } from '../../../nodes/Qflow/actions/event/update.operation';
import { blockGuest } from '../../../nodes/Qflow/actions/guest/block.operation';
import { bulkUpsertGuests } from '../../../nodes/Qflow/actions/guest/bulkUpsert.operation';
import { checkInGuest } from '../../../nodes/Qflow/actions/guest/checkIn.operation';
import { getManyGuests } from '../../../nodes/Qflow/actions/guest/getAll.operation';
import { upsertGuest } from '../../../nodes/Qflow/actions/guest/upsert.operation';
import { assignTeamMember } from '../../../nodes/Qflow/actions/teamMember/assign.operation';
import { createTeamMember } from '../../../nodes/Qflow/actions/teamMember/create.operation';
import { deleteTeamMember } from '../../../nodes/Qflow/actions/teamMember/delete.operation';
import { unassignTeamMember } from '../../../nodes/Qflow/actions/teamMember/unassign.operation';
import { updateTeamMember } from '../../../nodes/Qflow/actions/teamMember/update.operation';
import { getUser } from '../../../nodes/Qflow/actions/user/get.operation';
import { checkinListSearch } from '../../../nodes/Qflow/methods/checkinSearch';
import { fakeClock, fakeContext, type FakeAnswer } from '../helpers/context';
import { credentials, locator, OWNER_ID, run } from './helpers';

const CHECKIN = 'http://api.test/checkin/v1/api/';
const EVENT = '4ef2891c-1e79-4c27-90b7-e2c20c8b13d9';
const GUEST = '7bc31757-5a82-4d7a-8767-bb508f6d3481';
const MEMBER = '30000000-0000-4000-8000-000000000001';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

beforeEach(() => {
	fakeClock();
});

const event = (extra: IDataObject = {}): IDataObject => ({
	id: EVENT,
	title: 'Conference',
	startTime: '2026-06-01T09:00:00',
	endTime: '2026-06-01T18:00:00',
	timeZoneId: 'Europe/London',
	status: 'active',
	...extra,
});

const guest = (extra: IDataObject = {}): IDataObject => ({
	id: GUEST,
	eventId: EVENT,
	firstName: 'Grace',
	lastName: 'Guest',
	email: null,
	tags: null,
	barcode: 'ABC',
	...extra,
});

describe('Event', () => {
	test('Create sends the documented body with local times; an ISO time with offset becomes wall time', async () => {
		const { fake, result } = run(
			createEvent,
			{
				title: ' My first event ',
				startTime: '2026-06-01T17:00:00.000Z',
				endTime: '2026-06-01T23:00:00',
				timeZoneId: 'Europe/London',
			},
			{ answers: [{ body: event() }] },
		);
		expect((await result)[0]).toEqual({ json: event(), pairedItem: { item: 0 } });
		expect(fake.requests[0]).toMatchObject({
			method: 'POST',
			url: `${CHECKIN}event`,
			body: {
				title: 'My first event',
				startTime: '2026-06-01T18:00:00',
				endTime: '2026-06-01T23:00:00',
				timeZoneId: 'Europe/London',
			},
		});
	});

	test('Create refuses an unknown time zone and an end before the start before sending', async () => {
		const zone = run(createEvent, {
			title: 'X',
			startTime: '2026-06-01T18:00:00',
			endTime: '2026-06-01T23:00:00',
			timeZoneId: 'Mars/Olympus',
		});
		await expect(zone.result).rejects.toThrow('Invalid timeZoneId: must be an IANA time zone');
		const order = run(createEvent, {
			title: 'X',
			startTime: '2026-06-01T18:00:00',
			endTime: '2026-06-01T17:00:00',
			timeZoneId: 'Europe/London',
		});
		await expect(order.result).rejects.toThrow('Invalid endTime: must be after Start');
		expect([...zone.fake.requests, ...order.fake.requests]).toHaveLength(0);
	});

	test('Create is not resent after a connection reset: the outcome is unknown', async () => {
		const { fake, result } = run(
			createEvent,
			{
				title: 'X',
				startTime: '2026-06-01T18:00:00',
				endTime: '2026-06-01T23:00:00',
				timeZoneId: 'Europe/London',
			},
			{ answers: [{ networkError: 'ECONNRESET' }] },
		);
		await expect(result).rejects.toThrow();
		expect(fake.requests).toHaveLength(1);
	});

	test('Get and Get Statistics read the event by the locator; a bad ID sends nothing', async () => {
		const got = run(
			getEvent,
			{ eventId: locator('list', EVENT) },
			{ answers: [{ body: event() }] },
		);
		expect((await got.result)[0].json).toEqual(event());
		expect(got.fake.requests[0]).toMatchObject({ method: 'GET', url: `${CHECKIN}event/${EVENT}` });
		const stats = run(
			getEventStatistics,
			{ eventId: locator('id', EVENT) },
			{ answers: [{ body: { eventId: EVENT, guests: 6 } }] },
		);
		expect((await stats.result)[0].json).toEqual({ eventId: EVENT, guests: 6 });
		expect(stats.fake.requests[0].url).toBe(`${CHECKIN}event/${EVENT}/statistics`);
		const bad = run(getEvent, { eventId: locator('id', '42') });
		await expect(bad.result).rejects.toThrow('Invalid eventId: must be a GUID');
		expect(bad.fake.requests).toHaveLength(0);
	});

	test('a regional API host carries the check-in prefix too, with the same credential', async () => {
		const { fake, result } = run(
			getEvent,
			{ eventId: locator('id', EVENT) },
			{
				answers: [{ body: event() }],
				credentials: { ...credentials, apiHost: 'https://api-uksouth-01.qflowhub.io/' },
			},
		);
		await result;
		expect(fake.requests[0].url).toBe(
			`https://api-uksouth-01.qflowhub.io/checkin/v1/api/event/${EVENT}`,
		);
	});

	test('a Client Key host serves every surface at /api/… without its /<surface>/v1 segment (the integration guide)', async () => {
		const host = 'https://api-uksouth-01.qflowhub.io';
		const regional = { ...credentials, apiHost: host, gateway: 'clientKey', clientApiKey: 'ck' };
		const calls = [
			run(
				getEvent,
				{ eventId: locator('id', EVENT) },
				{ answers: [{ body: event() }], credentials: regional },
			),
			run(
				getManyTemplates,
				{ eventId: locator('id', EVENT), returnAll: true },
				{ answers: [{ body: [] }], credentials: regional },
			),
			run(
				getUser,
				{ userId: locator('id', OWNER_ID) },
				{ answers: [{ body: { id: OWNER_ID } }], credentials: regional },
			),
		];
		await Promise.all(calls.map(({ result }) => result));
		expect(calls.map(({ fake }) => fake.requests[0].url)).toEqual([
			`${host}/api/event/${EVENT}`,
			`${host}/api/comms/templates`,
			`${host}/api/user/${OWNER_ID}`,
		]);
	});

	test('Get Many applies the limit to the bare array', async () => {
		const events = [1, 2, 3].map((n) => event({ id: `${EVENT.slice(0, -1)}${n}` }));
		const { fake, result } = run(
			getManyEvents,
			{ returnAll: false, limit: 2 },
			{ answers: [{ body: events }] },
		);
		expect((await result).map((item) => item.json.id)).toEqual([events[0].id, events[1].id]);
		expect(fake.requests[0]).toMatchObject({ method: 'GET', url: `${CHECKIN}events` });
	});

	test('Update reads the event and PUTs every field with the changes on top', async () => {
		const { fake, result } = run(
			updateEvent,
			{ eventId: locator('id', EVENT), updateFields: { title: 'Renamed' } },
			{ answers: [{ body: event() }, { body: event({ title: 'Renamed' }) }] },
		);
		expect((await result)[0].json.title).toBe('Renamed');
		expect(fake.requests.map((r) => [r.method, r.url])).toEqual([
			['GET', `${CHECKIN}event/${EVENT}`],
			['PUT', `${CHECKIN}event/${EVENT}`],
		]);
		expect(fake.requests[1].body).toEqual({
			title: 'Renamed',
			startTime: '2026-06-01T09:00:00',
			endTime: '2026-06-01T18:00:00',
			timeZoneId: 'Europe/London',
		});
	});

	test('Archive posts the lifecycle step and may resend it', async () => {
		const { fake, result } = run(
			archiveEvent,
			{ eventId: locator('id', EVENT) },
			{ answers: [{ networkError: 'ECONNRESET' }, { body: event({ status: 'archived' }) }] },
		);
		expect((await result)[0].json.status).toBe('archived');
		expect(fake.requests.map((r) => [r.method, r.url])).toEqual([
			['POST', `${CHECKIN}event/${EVENT}/archive`],
			['POST', `${CHECKIN}event/${EVENT}/archive`],
		]);
	});
});

describe('Guest', () => {
	test('Get Many reads the event’s guests and simplifies them', async () => {
		const wide = guest({ otherNames: 'M', image: 'x', validFrom: null });
		const { fake, result } = run(
			getManyGuests,
			{ eventId: locator('id', EVENT), returnAll: true, simplify: true },
			{ answers: [{ body: [wide] }] },
		);
		const [item] = await result;
		expect(item.json).not.toHaveProperty('image');
		expect(item.json).toMatchObject({ id: GUEST, firstName: 'Grace', eventId: EVENT });
		expect(fake.requests[0]).toMatchObject({ method: 'GET', url: `${CHECKIN}guests/${EVENT}` });
	});

	test('Create or Update makes a GUID when none is given and resends the same body after a reset', async () => {
		const { fake, result } = run(upsertGuest, {
			eventId: locator('id', EVENT),
			guestId: '',
			firstName: 'Gina',
			lastName: 'Guest',
			additionalFields: { tags: ' VIP ,{tickettype}Main Entry ', email: 'gina@example.com' },
		});
		// The first try is reset after sending; the resend is answered with what it carried.
		let calls = 0;
		fake.httpRequestWithAuthentication.mockImplementation(async (_type, request) => {
			fake.requests.push(JSON.parse(JSON.stringify(request)));
			if (calls++ === 0)
				throw Object.assign(new Error('socket hang up'), { httpCode: 'ECONNRESET' });
			return { body: request.body, headers: {}, statusCode: 200 };
		});
		const [item] = await result;
		const sent = fake.requests.map((r) => r.body as IDataObject);
		expect(sent).toHaveLength(2);
		expect(sent[0].id).toMatch(GUID);
		expect(sent[1]).toEqual(sent[0]);
		expect(sent[0]).toEqual({
			id: sent[0].id,
			eventId: EVENT,
			firstName: 'Gina',
			lastName: 'Guest',
			email: 'gina@example.com',
			tags: 'VIP, {tickettype}Main Entry',
		});
		expect(item.json.id).toBe(sent[0].id);
	});

	test('Create or Update of a guest that exists with other values updates it through the bulk upsert', async () => {
		const { fake, result } = run(
			upsertGuest,
			{
				eventId: locator('id', EVENT),
				guestId: GUEST,
				firstName: 'Grace',
				lastName: 'Changed',
				additionalFields: {},
			},
			{ answers: [{ body: guest() }, { body: [guest({ lastName: 'Changed' })] }] },
		);
		expect((await result)[0].json.lastName).toBe('Changed');
		expect(fake.requests.map((r) => [r.method, r.url])).toEqual([
			['POST', `${CHECKIN}guest`],
			['POST', `${CHECKIN}guests/${EVENT}`],
		]);
		expect(fake.requests[1].body).toEqual([
			{ id: GUEST, eventId: EVENT, firstName: 'Grace', lastName: 'Changed' },
		]);
	});

	test('Create or Update sends one call when Qflow writes the values back in its own form, and updates a changed case of a name', async () => {
		const fields = {
			email: 'Gina@Example.com',
			tags: 'VIP, {session}Keynote',
			validFrom: '2026-06-01T09:00:00',
		};
		const written = guest({
			id: GUEST,
			firstName: 'Gina',
			email: 'gina@example.com',
			tags: 'VIP,{session}Keynote',
			validFrom: '2026-06-01T09:00:00.000Z',
		});
		const same = run(
			upsertGuest,
			{
				eventId: locator('id', EVENT),
				guestId: GUEST,
				firstName: 'Gina',
				lastName: 'Guest',
				additionalFields: fields,
			},
			{ answers: [{ body: written }] },
		);
		await same.result;
		expect(same.fake.requests).toHaveLength(1);
		const renamed = run(
			upsertGuest,
			{
				eventId: locator('id', EVENT),
				guestId: GUEST,
				firstName: 'GINA',
				lastName: 'Guest',
				additionalFields: fields,
			},
			{ answers: [{ body: written }, { body: [{ ...written, firstName: 'GINA' }] }] },
		);
		expect((await renamed.result)[0].json.firstName).toBe('GINA');
		expect(renamed.fake.requests.map((r) => r.url)).toEqual([
			`${CHECKIN}guest`,
			`${CHECKIN}guests/${EVENT}`,
		]);
	});

	test('a tag with a forbidden character fails the item before sending, naming the tag', async () => {
		const { fake, result } = run(
			upsertGuest,
			{
				eventId: locator('id', EVENT),
				guestId: '',
				firstName: 'A',
				lastName: 'B',
				additionalFields: { tags: 'VIP, 100%' },
			},
			{ continueOnFail: true },
		);
		const [item] = await result;
		expect(item.json.error).toContain('tag "100%"');
		expect(fake.requests).toHaveLength(0);
	});

	test('Check In posts the guest id once and is not resent after a reset', async () => {
		const ok = run(
			checkInGuest,
			{ eventId: locator('id', EVENT), guestId: locator('list', GUEST) },
			{ answers: [{ body: guest({ admitted: '2026-06-01T10:00:00Z' }) }] },
		);
		expect((await ok.result)[0].json.admitted).toBe('2026-06-01T10:00:00Z');
		expect(ok.fake.requests[0]).toMatchObject({
			method: 'POST',
			url: `${CHECKIN}guest/checkin`,
			body: { id: GUEST },
		});
		const lost = run(
			checkInGuest,
			{ eventId: locator('id', EVENT), guestId: locator('id', GUEST) },
			{ answers: [{ networkError: 'ECONNRESET' }] },
		);
		await expect(lost.result).rejects.toThrow();
		expect(lost.fake.requests).toHaveLength(1);
	});

	test('Create or Update Many sends batches of up to 200, keeps pairing, and fails only a refused record', async () => {
		const perItem = Array.from({ length: 450 }, (_, i) => ({
			guestId: `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`,
			lastName: i === 205 ? 'Refused' : `Guest ${i}`,
		}));
		const echo = (records: IDataObject[]) => records.map((r) => ({ ...r, eventId: EVENT }));
		const { fake, result } = run(
			bulkUpsertGuests,
			{ eventId: locator('id', EVENT), firstName: 'Gina', additionalFields: {}, options: {} },
			{ perItem, continueOnFail: true },
		);
		fake.httpRequestWithAuthentication.mockImplementation(async (_type, request) => {
			fake.requests.push(JSON.parse(JSON.stringify(request)));
			const records = request.body as unknown as IDataObject[];
			const refused = records.findIndex((r) => r.lastName === 'Refused');
			if (refused >= 0)
				return {
					body: { code: 'validation', message: `[${refused}].lastName is not allowed` },
					headers: {},
					statusCode: 400,
				};
			return { body: echo(records), headers: {}, statusCode: 200 };
		});
		const items = await result;
		expect(fake.requests.map((r) => (r.body as unknown as IDataObject[]).length)).toEqual([
			200, 200, 199, 50,
		]);
		expect(fake.requests.every((r) => r.url === `${CHECKIN}guests/${EVENT}`)).toBe(true);
		expect(items).toHaveLength(450);
		expect(items.map((item) => item.pairedItem)).toEqual(perItem.map((_, item) => ({ item })));
		expect(items[205].json.error).toBe('Qflow: [5].lastName is not allowed');
		expect(items[206].json).toMatchObject({ id: perItem[206].guestId, lastName: 'Guest 206' });
	});

	test('Block batches by event and fails the item whose guest the event does not have', async () => {
		const perItem = [{ guest: GUEST }, { guest: 'aaaaaaaa-0000-4000-8000-000000000009' }];
		const { fake, result } = run(
			blockGuest,
			{ eventId: locator('id', EVENT), guestBy: 'id', reason: 'Refund', options: {} },
			{
				perItem,
				continueOnFail: true,
				answers: [{ body: [guest({ blockedReason: 'Refund' })] }],
			},
		);
		const items = await result;
		expect(fake.requests).toHaveLength(1);
		expect(fake.requests[0]).toMatchObject({
			method: 'POST',
			url: `${CHECKIN}guests/${EVENT}/block`,
			body: {
				ids: [GUEST, 'aaaaaaaa-0000-4000-8000-000000000009'],
				barcodes: [],
				reason: 'Refund',
			},
		});
		expect(items[0].json.blockedReason).toBe('Refund');
		expect(items[1].json.error).toContain('no guest with ID aaaaaaaa-0000-4000-8000-000000000009');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('Team member', () => {
	const member = {
		id: MEMBER,
		userName: 'door.one',
		email: 'door@example.com',
		firstName: 'Dana',
		lastName: 'Door',
	};

	test('Create checks the four documented fields before sending', async () => {
		const bad = run(createTeamMember, {
			userName: 'x',
			email: 'nope',
			firstName: 'A',
			lastName: 'B',
		});
		await expect(bad.result).rejects.toThrow('Invalid email');
		expect(bad.fake.requests).toHaveLength(0);
		const ok = run(
			createTeamMember,
			{ userName: 'door.one', email: 'door@example.com', firstName: 'Dana', lastName: 'Door' },
			{ answers: [{ body: member }] },
		);
		expect((await ok.result)[0].json).toEqual(member);
		expect(ok.fake.requests[0]).toMatchObject({ method: 'POST', url: `${CHECKIN}teammember` });
	});

	test('Update PUTs the whole member with its id; Delete and Assign use their paths', async () => {
		const update = run(
			updateTeamMember,
			{ teamMemberId: locator('id', MEMBER), updateFields: { lastName: 'Gate' } },
			{ answers: [{ body: [member] }, { body: { ...member, lastName: 'Gate' } }] },
		);
		await update.result;
		expect(update.fake.requests[1]).toMatchObject({
			method: 'PUT',
			url: `${CHECKIN}teammember`,
			body: { ...member, lastName: 'Gate' },
		});
		const del = run(
			deleteTeamMember,
			{ teamMemberId: locator('id', MEMBER) },
			{ answers: [{ status: 204 }] },
		);
		expect((await del.result)[0].json).toEqual({ id: MEMBER, deleted: true });
		expect(del.fake.requests[0]).toMatchObject({
			method: 'DELETE',
			url: `${CHECKIN}teammember/${MEMBER}`,
		});
		const assign = run(
			assignTeamMember,
			{ teamMemberId: locator('id', MEMBER), eventId: locator('id', EVENT) },
			{ answers: [{ body: {} }] },
		);
		expect((await assign.result)[0].json).toMatchObject({
			teamMemberId: MEMBER,
			eventId: EVENT,
			assigned: true,
		});
		expect(assign.fake.requests[0].url).toBe(`${CHECKIN}teammember/${MEMBER}/assign/${EVENT}`);
		const unassign = run(
			unassignTeamMember,
			{ teamMemberId: locator('id', MEMBER), eventId: locator('id', EVENT) },
			{ answers: [{ body: {} }] },
		);
		expect((await unassign.result)[0].json.assigned).toBe(false);
		expect(unassign.fake.requests[0].url).toBe(`${CHECKIN}teammember/${MEMBER}/unassign/${EVENT}`);
	});
});

describe('lists in the editor', () => {
	/** The editor's context: the same credential and fake server, no items. */
	const editor = (answers: FakeAnswer[]) =>
		fakeContext({ parameters: {}, credentials, credentialType: 'qflowApi', answers });

	test('Event lists the account’s events by title and date, filtered by the search text', async () => {
		const fake = editor([{ body: [event(), event({ id: GUEST, title: 'Gala' })] }]);
		const found = await checkinListSearch.searchEvents.call(fake.context as never, 'gal');
		expect(found).toEqual({ results: [{ name: 'Gala (2026-06-01)', value: GUEST }] });
		expect(fake.requests[0]).toMatchObject({ method: 'GET', url: `${CHECKIN}events` });
	});

	test('Guest lists the guests of the event chosen in the node, and nothing before one is chosen', async () => {
		const fake = editor([{ body: [guest({ email: 'grace@example.com' })] }]);
		const chosen = (value: unknown) =>
			({ ...fake.context, getCurrentNodeParameter: () => value }) as never;
		expect(await checkinListSearch.searchGuests.call(chosen(''))).toEqual({ results: [] });
		expect(fake.requests).toHaveLength(0);
		const found = await checkinListSearch.searchGuests.call(chosen(locator('list', EVENT)));
		expect(found.results).toEqual([{ name: 'Grace Guest (grace@example.com)', value: GUEST }]);
		expect(fake.requests[0].url).toBe(`${CHECKIN}guests/${EVENT}`);
	});
});
