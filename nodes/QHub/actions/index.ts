import type { Resources } from '../../shared/operation';
import { createDataSet } from './dataSet/create.operation';
import { updateDataSet } from './dataSet/update.operation';
import { getManyFormEntries } from './formEntry/getAll.operation';
import { archiveLocation } from './location/archive.operation';
import { createLocation } from './location/create.operation';
import { deleteLocation } from './location/delete.operation';
import { updateLocation } from './location/update.operation';
import { getManyProcessEntries } from './processEntry/getAll.operation';
import { createUser } from './user/create.operation';
import { suspendUser } from './user/suspend.operation';

export const resources: Resources = {
	user: { name: 'User', operations: { create: createUser, suspend: suspendUser } },
	location: {
		name: 'Location',
		operations: {
			archive: archiveLocation,
			create: createLocation,
			delete: deleteLocation,
			update: updateLocation,
		},
	},
	dataSet: { name: 'Data Set', operations: { create: createDataSet, update: updateDataSet } },
	formEntry: { name: 'Form Entry', operations: { getAll: getManyFormEntries } },
	processEntry: { name: 'Process Entry', operations: { getAll: getManyProcessEntries } },
};
