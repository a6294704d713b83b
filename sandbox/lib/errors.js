'use strict';
const { STATUS_CODES: STATUS_TEXT } = require('node:http');
/**
 * The one error every mock throws from a handler. Each vendor turns it into its own error body
 * (Q-Hub `{ error, message, details }`, Qflow `{ code, message }`, Humanly `{ error: {...}, meta }`).
 */
class ApiError extends Error {
	constructor(status, code, message, details) {
		super(message);
		this.status = status;
		this.code = code;
		this.details = details;
	}
}

/**
 * The ApiError a vendor answers for an injected status (and for a bug in the mock): its own code and
 * message where it documents one (`known[status] = [code, message]`), else the HTTP status text.
 */
function statusError(status, known = {}, codeCase = (code) => code) {
	const text = STATUS_TEXT[status] ?? 'Error';
	const [code, message] = known[status] ?? [codeCase(text.toLowerCase().replace(/\W+/g, '_')), text];
	return new ApiError(status, code, message);
}

module.exports = { ApiError, statusError };
