'use strict';
/** Qflow users API routes below /users/v1/api: QFLOW.paths of nodes/Qflow/api.ts. */
const { routes } = require('../lib');

const API_PREFIX = '/users/v1/api';
const TOKEN_PATH = '/core/connect/token';
/** Operations that need a KYC-verified caller: 403 `trust_required` otherwise. */
const TRUST_REQUIRED = new Set(['DELETE /user', 'PUT /user/changepassword']);

const qflowRoutes = (h) =>
	routes({
		'/user': { POST: h.createUser, PUT: h.replaceUser, DELETE: h.deleteUser },
		'/user/:id': { GET: h.getUser },
		'/user/translations': { GET: h.translations },
		'/user/changepassword': { PUT: h.changePassword },
		'/user/changeusername': { PUT: h.changeUserName },
		'/users': { GET: h.listUsers },
		'/users/email': { GET: h.userByEmail },
		'/users/total': { GET: h.countUsers },
	});

module.exports = { API_PREFIX, TOKEN_PATH, TRUST_REQUIRED, qflowRoutes };
