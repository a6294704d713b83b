import type { Resources } from '../../shared/operation';
import { getManyTemplates } from './comms/getTemplates.operation';
import { sendEmail } from './comms/send.operation';
import { upsertTemplate } from './comms/upsertTemplate.operation';
import { archiveEvent } from './event/archive.operation';
import { createEvent } from './event/create.operation';
import { getEvent } from './event/get.operation';
import { getManyEvents } from './event/getAll.operation';
import { getEventStatistics } from './event/getStatistics.operation';
import { restoreEvent } from './event/restore.operation';
import { updateEvent } from './event/update.operation';
import { blockGuest } from './guest/block.operation';
import { bulkUpsertGuests } from './guest/bulkUpsert.operation';
import { checkInGuest } from './guest/checkIn.operation';
import { getManyGuests } from './guest/getAll.operation';
import { unblockGuest } from './guest/unblock.operation';
import { upsertGuest } from './guest/upsert.operation';
import { assignProfile } from './profile/assign.operation';
import { createProfile } from './profile/create.operation';
import { activateSendingDomain } from './sendingDomain/activate.operation';
import { createSendingDomain } from './sendingDomain/create.operation';
import { deactivateSendingDomain } from './sendingDomain/deactivate.operation';
import { deleteSendingDomain } from './sendingDomain/delete.operation';
import { getSendingDomain } from './sendingDomain/get.operation';
import { verifySendingDomain } from './sendingDomain/verify.operation';
import { generateSsoLink } from './sso/generateLink.operation';
import { assignTeamMember } from './teamMember/assign.operation';
import { createTeamMember } from './teamMember/create.operation';
import { deleteTeamMember } from './teamMember/delete.operation';
import { getManyTeamMembers } from './teamMember/getAll.operation';
import { getTeamEventStats } from './teamMember/getEventStats.operation';
import { unassignTeamMember } from './teamMember/unassign.operation';
import { updateTeamMember } from './teamMember/update.operation';
import { changePassword } from './user/changePassword.operation';
import { changeUsername } from './user/changeUsername.operation';
import { countUsers } from './user/count.operation';
import { createUser } from './user/create.operation';
import { deleteUser } from './user/delete.operation';
import { getUser } from './user/get.operation';
import { getManyUsers } from './user/getAll.operation';
import { getUserByEmail } from './user/getByEmail.operation';
import { getTranslations } from './user/getTranslations.operation';
import { updateUser } from './user/update.operation';
import { upsertUser } from './user/upsert.operation';

export const resources: Resources = {
	user: {
		name: 'User',
		operations: {
			get: getUser,
			getAll: getManyUsers,
			getByEmail: getUserByEmail,
			create: createUser,
			upsert: upsertUser,
			update: updateUser,
			delete: deleteUser,
			changePassword,
			changeUsername,
			count: countUsers,
			getTranslations,
		},
	},
	event: {
		name: 'Event',
		operations: {
			create: createEvent,
			get: getEvent,
			getAll: getManyEvents,
			update: updateEvent,
			archive: archiveEvent,
			restore: restoreEvent,
			getStatistics: getEventStatistics,
		},
	},
	guest: {
		name: 'Guest',
		operations: {
			getAll: getManyGuests,
			upsert: upsertGuest,
			bulkUpsert: bulkUpsertGuests,
			checkIn: checkInGuest,
			block: blockGuest,
			unblock: unblockGuest,
		},
	},
	teamMember: {
		name: 'Team Member',
		operations: {
			create: createTeamMember,
			update: updateTeamMember,
			delete: deleteTeamMember,
			getAll: getManyTeamMembers,
			assign: assignTeamMember,
			unassign: unassignTeamMember,
			getEventStats: getTeamEventStats,
		},
	},
	profile: {
		name: 'Profile',
		operations: { create: createProfile, assign: assignProfile },
	},
	comms: {
		name: 'Comms',
		operations: {
			upsertTemplate,
			getTemplates: getManyTemplates,
			send: sendEmail,
		},
	},
	sendingDomain: {
		name: 'Sending Domain',
		operations: {
			create: createSendingDomain,
			get: getSendingDomain,
			verify: verifySendingDomain,
			activate: activateSendingDomain,
			deactivate: deactivateSendingDomain,
			delete: deleteSendingDomain,
		},
	},
	sso: { name: 'SSO', operations: { generateLink: generateSsoLink } },
};
