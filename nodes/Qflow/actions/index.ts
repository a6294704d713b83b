import type { Resources } from '../../shared/operation';
import { generateSsoLink } from './sso/generateLink.operation';
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
	sso: { name: 'SSO', operations: { generateLink: generateSsoLink } },
};
