/** Before the e2e suite: the pinned n8n, and this package packed and installed into it. */
const fs = require('node:fs');
const path = require('node:path');

const { ensureN8n, installPackage, line, n8nVersion } = require('../../tooling/n8nHost');
const { workRoot, installedNodesDir } = require('./harness');

module.exports = async function globalSetup() {
	ensureN8n();
	process.stderr.write(`\ne2e on n8n ${n8nVersion} (${line})\n`);
	fs.rmSync(workRoot, { recursive: true, force: true });
	installPackage(installedNodesDir, path.join(workRoot, 'pack'));
};
