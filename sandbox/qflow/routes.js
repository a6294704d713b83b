'use strict';
/**
 * Qflow users API routes below `/users/v1/api` (QFLOW.paths in nodes/Qflow/api.ts). `trust` marks
 * the operations that need a KYC-verified caller (403 `trust_required` otherwise).
 */
const { route } = require('../lib');

const API_PREFIX = '/users/v1/api';
const TOKEN_PATH = '/core/connect/token';

const qflowRoutes = (h) => [
	route('GET', '/user/translations', h.translations),
	route('GET', '/user/:id', h.getUser),
	route('GET', '/users/total', h.countUsers),
	route('GET', '/users/email', h.userByEmail),
	route('GET', '/users', h.listUsers),
	route('POST', '/user', h.createUser),
	route('PUT', '/user', h.replaceUser),
	route('DELETE', '/user', h.deleteUser, { trust: true }),
	route('PUT', '/user/changepassword', h.changePassword, { trust: true }),
	route('PUT', '/user/changeusername', h.changeUserName),
];

module.exports = { API_PREFIX, TOKEN_PATH, qflowRoutes };
