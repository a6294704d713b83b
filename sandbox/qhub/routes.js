'use strict';
/** Q-Hub routes, read from nodes/QHub/api.ts: the base URL's path prefix, QHUB.paths and updateMethod. */
const { routes } = require('../lib');
const { vendorFacts } = require('../lib/vendorFacts');

const { QHUB } = vendorFacts('QHub');
const PREFIX = new URL(QHUB.defaultBaseUrl).pathname.replace(/\/+$/, '');
const paths = QHUB.paths;
const ID = ':id';

const qhubRoutes = (h) =>
	routes({
		[paths.users]: { GET: h.listUsers, POST: h.createUser },
		[paths.userSuspend(ID)]: { POST: h.suspendUser },
		[paths.locations]: { GET: h.listLocations, POST: h.createLocation },
		[paths.location(ID)]: {
			GET: h.getLocation,
			[QHUB.updateMethod]: h.updateLocation,
			DELETE: h.deleteLocation,
		},
		[paths.locationArchive(ID)]: { POST: h.archiveLocation },
		[paths.dataSets]: { POST: h.createDataSet },
		[paths.dataSet(ID)]: { [QHUB.updateMethod]: h.updateDataSet },
		[paths.formEntries]: { GET: h.listFormEntries },
		[paths.processEntries]: { GET: h.listProcessEntries },
		[paths.forms]: { GET: h.listForms },
		[paths.processes]: { GET: h.listProcesses },
	});

module.exports = { PREFIX, qhubRoutes };
