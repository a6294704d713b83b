import type { Resources } from '../../shared/operation';
import { createCandidate } from './candidate/create.operation';
import { getCandidate } from './candidate/get.operation';
import { getManyCandidates } from './candidate/getAll.operation';
import { getCandidateInterview } from './candidateInterview/get.operation';
import { getManyCandidateInterviews } from './candidateInterview/getAll.operation';
import { getCandidateInterviewResults } from './candidateInterview/getResults.operation';
import { inviteCandidate } from './candidateInterview/invite.operation';
import { resendCandidateInterviewInvite } from './candidateInterview/resendInvite.operation';
import { updateCandidateInterviewStatus } from './candidateInterview/updateStatus.operation';
import { getInterview } from './interview/get.operation';
import { getManyInterviews } from './interview/getAll.operation';
import { createTeam } from './team/create.operation';
import { getManyTeams } from './team/getAll.operation';
import { createUser } from './user/create.operation';
import { getManyUsers } from './user/getAll.operation';

export const resources: Resources = {
	user: { name: 'User', operations: { create: createUser, getAll: getManyUsers } },
	team: { name: 'Team', operations: { create: createTeam, getAll: getManyTeams } },
	candidate: {
		name: 'Candidate',
		operations: { create: createCandidate, get: getCandidate, getAll: getManyCandidates },
	},
	interview: { name: 'Interview', operations: { get: getInterview, getAll: getManyInterviews } },
	candidateInterview: {
		name: 'Candidate Interview',
		operations: {
			get: getCandidateInterview,
			getAll: getManyCandidateInterviews,
			getResults: getCandidateInterviewResults,
			invite: inviteCandidate,
			resendInvite: resendCandidateInterviewInvite,
			updateStatus: updateCandidateInterviewStatus,
		},
	},
};
