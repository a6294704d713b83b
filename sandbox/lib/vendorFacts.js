'use strict';
/**
 * The vendor facts of the nodes (nodes/<Vendor>/api.ts: paths, limits, [assumed] behaviour), loaded
 * as they are in the TypeScript source, so a mock and the node it stands in for read one copy of each
 * fact and a correction in api.ts reaches both. api.ts files import nothing, so a plain transpile
 * (TypeScript is a development dependency, present wherever the sandbox runs) is enough.
 */
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const loaded = new Map();

/** The exports of nodes/<vendor>/api.ts, e.g. vendorFacts('Qflow').QFLOW. */
function vendorFacts(vendor) {
	if (loaded.has(vendor)) return loaded.get(vendor);
	const file = path.resolve(__dirname, '..', '..', 'nodes', vendor, 'api.ts');
	const ts = require('typescript');
	const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
		fileName: file,
	});
	const compiled = new Module(file, module);
	compiled.filename = file;
	compiled.paths = Module._nodeModulePaths(path.dirname(file));
	compiled._compile(outputText, file);
	loaded.set(vendor, compiled.exports);
	return compiled.exports;
}

module.exports = { vendorFacts };
