'use strict';
/** The mock kernel shared by sandbox/qhub, sandbox/qflow and sandbox/humanly (Node built-ins only). */
module.exports = {
	...require('./mock'),
	...require('./errors'),
	...require('./routes'),
	...require('./limits'),
	...require('./log'),
	...require('./faults'),
	...require('./http'),
};
