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
import { bulkUpdateInterviews } from './interview/bulkUpdate.operation';
import { createInterview } from './interview/create.operation';
import { getInterview } from './interview/get.operation';
import { getManyInterviews } from './interview/getAll.operation';
import { createMessageGroup } from './messageGroup/create.operation';
import { getMessageGroup } from './messageGroup/get.operation';
import { getManyMessageGroups } from './messageGroup/getAll.operation';
import { getNarrator } from './narrator/get.operation';
import { getManyNarrators } from './narrator/getAll.operation';
import { createQuestion } from './question/create.operation';
import { createAiTextQuestion } from './question/createAiText.operation';
import { createSurveyQuestion } from './question/createSurvey.operation';
import { getQuestion } from './question/get.operation';
import { getManyQuestions } from './question/getAll.operation';
import { createTeam } from './team/create.operation';
import { getTeam } from './team/get.operation';
import { getManyTeams } from './team/getAll.operation';
import { updateTeamBranding } from './team/updateBranding.operation';
import { createUser } from './user/create.operation';
import { getManyUsers } from './user/getAll.operation';

export const resources: Resources = {
	user: { name: 'User', operations: { create: createUser, getAll: getManyUsers } },
	team: {
		name: 'Team',
		operations: {
			create: createTeam,
			get: getTeam,
			getAll: getManyTeams,
			updateBranding: updateTeamBranding,
		},
	},
	candidate: {
		name: 'Candidate',
		operations: { create: createCandidate, get: getCandidate, getAll: getManyCandidates },
	},
	interview: {
		name: 'Interview',
		operations: {
			bulkUpdate: bulkUpdateInterviews,
			create: createInterview,
			get: getInterview,
			getAll: getManyInterviews,
		},
	},
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
	question: {
		name: 'Question',
		operations: {
			create: createQuestion,
			createSurvey: createSurveyQuestion,
			createAiText: createAiTextQuestion,
			get: getQuestion,
			getAll: getManyQuestions,
		},
	},
	narrator: { name: 'Narrator', operations: { get: getNarrator, getAll: getManyNarrators } },
	messageGroup: {
		name: 'Message Group',
		operations: {
			create: createMessageGroup,
			get: getMessageGroup,
			getAll: getManyMessageGroups,
		},
	},
};
