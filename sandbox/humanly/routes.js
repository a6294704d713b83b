'use strict';
/** Humanly routes below /qsi/gather: HUMANLY.paths of nodes/Humanly/api.ts. */
const { routes } = require('../lib');

const PREFIX = '/qsi/gather';

const humanlyRoutes = (h) =>
	routes({
		'/users': { POST: h.createUsers, GET: h.listUsers },
		'/teams': { POST: h.createTeams, GET: h.listTeams },
		'/candidates': { POST: h.createCandidate, GET: h.listCandidates },
		'/candidates/:id': { GET: h.getCandidate },
		'/interviews': { GET: h.listInterviews },
		'/interviews/:id': { GET: h.getInterview },
		'/candidate-interviews': { POST: h.createCandidateInterview, GET: h.listCandidateInterviews },
		'/candidate-interviews/:id': { GET: h.getCandidateInterview },
		'/candidate-interviews/:id/status': { PATCH: h.updateCandidateInterviewStatus },
		'/candidate-interviews/:id/results': { GET: h.getResults },
		'/candidate-interviews/:id/resend-invite': { POST: h.resendInvite },
	});

/** How counters.byRoute names a route, in the docs' notation: `GET /qsi/gather/candidates/{id}`. */
const routeName = ({ method, pattern }) =>
	`${method} ${PREFIX}${pattern.replace(/:(\w+)/g, '{$1}')}`;

module.exports = { PREFIX, humanlyRoutes, routeName };
