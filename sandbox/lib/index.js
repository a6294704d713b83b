'use strict';
/** The mock kernel shared by sandbox/qhub, sandbox/qflow and sandbox/humanly (Node built-ins only). */
module.exports = {
	...require('./mock'),
	...require('./routes'),
	...require('./limits'),
	...require('./faults'),
	...require('./http'),
	...require('./vendorFacts'),
};
