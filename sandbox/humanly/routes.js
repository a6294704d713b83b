'use strict';
/** Humanly routes: the paths of nodes/Humanly/api.ts (HUMANLY.paths), below /qsi/gather. */
const { routes, vendorFacts } = require('../lib');

const { paths } = vendorFacts('Humanly').HUMANLY;
const PREFIX = '/qsi/gather';

/** A path of api.ts as a route pattern below the prefix: `candidate(id)` becomes `/candidates/:id`. */
const pattern = (path) => (typeof path === 'function' ? path(':id') : path).slice(PREFIX.length);

const humanlyRoutes = (h) =>
	routes(
		Object.fromEntries(
			[
				[paths.users, { POST: h.createUsers, GET: h.listUsers }],
				[paths.teams, { POST: h.createTeams, GET: h.listTeams }],
				[paths.team, { GET: h.getTeam }],
				[paths.teamBranding, { PATCH: h.updateTeamBranding }],
				[paths.candidates, { POST: h.createCandidate, GET: h.listCandidates }],
				[paths.candidate, { GET: h.getCandidate }],
				[paths.interviews, { POST: h.createInterview, GET: h.listInterviews }],
				[paths.interview, { GET: h.getInterview }],
				[paths.interviewsBulkUpdate, { PATCH: h.bulkUpdateInterviews }],
				[paths.questions, { POST: h.createQuestion, GET: h.listQuestions }],
				[paths.question, { GET: h.getQuestion }],
				[paths.surveyQuestions, { POST: h.createSurveyQuestion }],
				[paths.aiTextQuestions, { POST: h.createAiTextQuestion }],
				[paths.narrators, { GET: h.listNarrators }],
				[paths.narrator, { GET: h.getNarrator }],
				[paths.messageGroups, { POST: h.createMessageGroup, GET: h.listMessageGroups }],
				[paths.messageGroup, { GET: h.getMessageGroup }],
				[
					paths.candidateInterviews,
					{ POST: h.createCandidateInterview, GET: h.listCandidateInterviews },
				],
				[paths.candidateInterview, { GET: h.getCandidateInterview }],
				[paths.candidateInterviewStatus, { PATCH: h.updateCandidateInterviewStatus }],
				[paths.candidateInterviewResults, { GET: h.getResults }],
				[paths.candidateInterviewResend, { POST: h.resendInvite }],
			].map(([path, methods]) => [pattern(path), methods]),
		),
	);

/** How counters.byRoute names a route, in the docs' notation: `GET /qsi/gather/candidates/{id}`. */
const routeName = ({ method, pattern: routePattern }) =>
	`${method} ${PREFIX}${routePattern.replace(/:(\w+)/g, '{$1}')}`;

module.exports = { PREFIX, humanlyRoutes, routeName };
