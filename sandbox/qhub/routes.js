'use strict';
/** Q-Hub routes below /v1. Paths mirror QHUB.paths in nodes/QHub/api.ts. */
const { route } = require('../lib');

const PREFIX = '/v1';

const qhubRoutes = (h) => [
	route('GET', '/users', h.listUsers),
	route('POST', '/users', h.createUser),
	route('POST', '/users/:id/suspend', h.suspendUser),
	route('GET', '/locations', h.listLocations),
	route('POST', '/locations', h.createLocation),
	route('GET', '/locations/:id', h.getLocation),
	route('PATCH', '/locations/:id', h.updateLocation),
	route('DELETE', '/locations/:id', h.deleteLocation),
	route('POST', '/locations/:id/archive', h.archiveLocation),
	route('POST', '/data-sets', h.createDataSet),
	route('PATCH', '/data-sets/:id', h.updateDataSet),
	route('GET', '/form-entries', h.listFormEntries),
	route('GET', '/process-entries', h.listProcessEntries),
	// The form and process catalogues (for pickers and triggers): [assumed] like the other lists.
	route('GET', '/forms', h.listForms),
	route('GET', '/processes', h.listProcesses),
];

module.exports = { PREFIX, qhubRoutes };
