/**
 * Limits a vendor documents without announcing them in headers: the transport keeps to them before
 * sending. Qflow counts its edge limit per source IP (every credential of one n8n shares it), and an
 * endpoint may have a limit of its own on top (Qflow's Comms send).
 */
import { apiRequest, type ApiCall, type VendorProfile } from '../../../nodes/shared/transport';
import { fakeClock, fakeContext } from '../helpers/context';

const perIp: VendorProfile = {
	displayName: 'Vendor',
	credentialType: 'vendorApi',
	secretFields: [],
	url: (credentials, path) => `${String(credentials.baseUrl)}${path}`,
	defaultMaxWaitSeconds: 120,
	documentedLimit: { requests: 3, windowMs: 60_000 },
	limitsPerSourceIp: true,
	parseError: () => ({}),
	hint: () => undefined,
};
const perKey: VendorProfile = { ...perIp, limitsPerSourceIp: false };
const GET: ApiCall = { method: 'GET', path: '/things' };
const SEND: ApiCall = {
	method: 'POST',
	path: '/send',
	endpointLimit: { name: 'send', limit: { requests: 2, windowMs: 60_000 } },
};

/** A node run with its own credential id on the same host. */
function runAs(credentialId: string) {
	const fake = fakeContext({
		parameters: {},
		credentials: { baseUrl: 'http://vendor.test' },
		credentialType: 'vendorApi',
		answers: [{ body: {} }],
	});
	fake.context.getNode().credentials = { vendorApi: { id: credentialId, name: credentialId } };
	return fake;
}

const call = (profile: VendorProfile, fake: ReturnType<typeof runAs>, request: ApiCall) =>
	apiRequest.call(fake.context, profile, request, { maxWaitMs: 120_000 });

let clock: ReturnType<typeof fakeClock>;
beforeEach(() => {
	clock = fakeClock();
});

test('per source IP: two credentials on one host share the window, so the fourth call waits for it', async () => {
	const first = runAs('cred-a');
	const second = runAs('cred-b');
	await call(perIp, first, GET);
	await call(perIp, second, GET);
	await call(perIp, first, GET);
	expect(clock.sleeps).toEqual([]);
	await call(perIp, second, GET);
	expect(clock.sleeps).toEqual([60_000]);
});

test('per key: two credentials on one host each have their own window', async () => {
	const first = runAs('cred-a');
	const second = runAs('cred-b');
	for (let index = 0; index < 3; index++) await call(perKey, first, GET);
	for (let index = 0; index < 3; index++) await call(perKey, second, GET);
	expect(clock.sleeps).toEqual([]);
});

test('an endpoint limit paces its own calls and still counts in the vendor window', async () => {
	const run = runAs('cred-c');
	await call(perIp, run, SEND);
	await call(perIp, run, SEND);
	expect(clock.sleeps).toEqual([]);
	// The third send waits for the endpoint's window; other calls go on meanwhile.
	await call(perIp, run, SEND);
	expect(clock.sleeps).toEqual([60_000]);
	// Vendor window at that moment: the first two sends have aged out, the third counts.
	await call(perIp, run, GET);
	await call(perIp, run, GET);
	expect(clock.sleeps).toEqual([60_000]);
	await call(perIp, run, GET);
	expect(clock.sleeps).toEqual([60_000, 60_000]);
});

test('a send that waits for the vendor window gives back its endpoint reservation', async () => {
	const run = runAs('cred-d');
	for (let index = 0; index < 3; index++) await call(perIp, run, GET);
	await call(perIp, run, SEND);
	// Waited once, for the vendor window; the endpoint window then holds exactly this one send.
	expect(clock.sleeps).toEqual([60_000]);
	await call(perIp, run, SEND);
	expect(clock.sleeps).toEqual([60_000]);
});
