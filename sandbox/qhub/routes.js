'use strict';
/** Q-Hub routes below /v1: QHUB.paths and updateMethod (PATCH) of nodes/QHub/api.ts. */
const { routes } = require('../lib');

const PREFIX = '/v1';

const qhubRoutes = (h) =>
	routes({
		'/users': { GET: h.listUsers, POST: h.createUser },
		'/users/:id/suspend': { POST: h.suspendUser },
		'/locations': { GET: h.listLocations, POST: h.createLocation },
		'/locations/:id': { GET: h.getLocation, PATCH: h.updateLocation, DELETE: h.deleteLocation },
		'/locations/:id/archive': { POST: h.archiveLocation },
		'/data-sets': { POST: h.createDataSet },
		'/data-sets/:id': { PATCH: h.updateDataSet },
		'/form-entries': { GET: h.listFormEntries },
		'/process-entries': { GET: h.listProcessEntries },
		// The catalogues behind the entries, paged like the other lists: [assumed] (QHUB.paths in api.ts).
		'/forms': { GET: h.listForms },
		'/processes': { GET: h.listProcesses },
	});

module.exports = { PREFIX, qhubRoutes };
