'use strict';
/**
 * Qflow's four API surfaces on one host, each below its prefix, with the paths of nodes/Qflow/api.ts
 * (QFLOW.paths, checkinPaths, profilesPaths, commsPaths) read through vendorFacts: a path corrected there moves
 * here too. A path function's parameters become `:name` segments.
 */
const { routes, vendorFacts } = require('../lib');

const { QFLOW } = vendorFacts('Qflow');
const TOKEN_PATH = QFLOW.grantEndpoint;
const prefixOf = (prefix) => prefix.replace(/\/$/, '');
/** `/path` of a fact: a plain string, or a function called with `:name` placeholders. */
const pattern = (path, ...names) =>
	`/${decodeURIComponent(typeof path === 'function' ? path(...names.map((n) => `:${n}`)) : path)}`;

const U = QFLOW.paths;
const C = QFLOW.checkinPaths;
const M = QFLOW.commsPaths;
const P = QFLOW.profilesPaths;

/** Operations that need a KYC-verified caller: 403 `trust_required` otherwise. */
const TRUST_REQUIRED = new Set([
	`DELETE ${pattern(U.userWrite)}`,
	`PUT ${pattern(U.credentialChange)}`,
]);

const usersRoutes = (h) =>
	routes({
		[pattern(U.userWrite)]: { POST: h.createUser, PUT: h.replaceUser, DELETE: h.deleteUser },
		[pattern(U.user, 'id')]: { GET: h.getUser },
		[pattern(U.translations)]: { GET: h.translations },
		[pattern(U.credentialChange)]: { PUT: h.changePassword },
		[pattern(U.changeUsername)]: { PUT: h.changeUserName },
		[pattern(U.users)]: { GET: h.listUsers },
		[pattern(U.userByEmail)]: { GET: h.userByEmail },
		[pattern(U.count)]: { GET: h.countUsers },
	});

const checkinRoutes = (h) =>
	routes({
		[pattern(C.eventCreate)]: { POST: h.createEvent },
		[pattern(C.event, 'eventId')]: { GET: h.getEvent, PUT: h.updateEvent },
		[pattern(C.events)]: { GET: h.listEvents },
		[pattern(C.eventLifecycle, 'eventId', 'action')]: { POST: h.eventLifecycle },
		[pattern(C.eventStatistics, 'eventId')]: { GET: h.eventStatistics },
		[pattern(C.guests, 'eventId')]: { GET: h.listGuests, POST: h.bulkUpsert },
		[pattern(C.guest)]: { POST: h.createGuest },
		[pattern(C.guestCheckIn)]: { POST: h.checkIn },
		[pattern(C.guestsBlock, 'eventId')]: { POST: h.block },
		[pattern(C.guestsUnblock, 'eventId')]: { POST: h.unblock },
		[pattern(C.teamMember)]: { POST: h.createTeamMember, PUT: h.updateTeamMember },
		[pattern(C.teamMemberDelete, 'teamMemberId')]: { DELETE: h.deleteTeamMember },
		[pattern(C.teamMemberAssign, 'teamMemberId', 'eventId')]: { POST: h.assign },
		[pattern(C.teamMemberUnassign, 'teamMemberId', 'eventId')]: { POST: h.unassign },
		[pattern(C.teamMembers)]: { GET: h.listTeamMembers },
		[pattern(C.eventTeamMembers, 'eventId')]: { GET: h.eventTeamMembers },
		[pattern(C.teamEventStats, 'eventId')]: { GET: h.teamEventStats },
	});

const profilesRoutes = (h) =>
	routes({
		// A POST to the prefix itself creates a profile.
		'/': { POST: h.createProfile },
		[pattern(P.assign)]: { POST: h.assignProfile },
	});

const commsRoutes = (h) =>
	routes({
		[pattern(M.template)]: { POST: h.upsertTemplate },
		[pattern(M.templates)]: { GET: h.listTemplates },
		[pattern(M.send)]: { POST: h.send },
		[pattern(M.webhook)]: { POST: h.registerWebhook, GET: h.getWebhook },
		[pattern(M.webhookRotate)]: { POST: h.rotateWebhook },
		[pattern(M.webhookTest)]: { POST: h.testWebhook },
		[pattern(M.webhookDelete)]: { POST: h.deleteWebhook },
		[pattern(M.domain)]: { POST: h.createDomain, GET: h.getDomain },
		[pattern(M.domainVerify)]: { POST: h.verifyDomain },
		[pattern(M.domainActivate)]: { POST: h.activateDomain },
		[pattern(M.domainDeactivate)]: { POST: h.deactivateDomain },
		[pattern(M.domainDelete)]: { POST: h.deleteDomain },
	});

/**
 * The surfaces in the order a request is matched against them; `objectBody`: the body must be a JSON
 * object. `clientKeyPrefix`: the same surface on a client-key host (QFLOW.clientKeyGateway), without
 * its `/<surface>/v1` segment.
 */
const SURFACES = [
	{ name: 'users', prefix: QFLOW.apiPrefix, routes: usersRoutes, objectBody: true },
	{ name: 'checkin', prefix: QFLOW.checkinPrefix, routes: checkinRoutes },
	{ name: 'profiles', prefix: QFLOW.profilesPrefix, routes: profilesRoutes, objectBody: true },
	{ name: 'comms', prefix: QFLOW.commsPrefix, routes: commsRoutes },
].map(({ prefix, ...surface }) => ({
	...surface,
	prefix: prefixOf(prefix),
	clientKeyPrefix: prefixOf(prefix.replace(QFLOW.clientKeyGateway.surfaceSegment, '')),
}));
const SEND_PATH = `${prefixOf(QFLOW.commsPrefix)}${pattern(M.send)}`;

module.exports = { SURFACES, SEND_PATH, TOKEN_PATH, TRUST_REQUIRED };
