/**
 * The one install lock of the tooling: n8n installs, test tools and Debian packages each run under a
 * lock folder, so two test runs, or a test run and `npm start`, never install into the same place at
 * once. Synchronous on purpose: installs run before any server starts.
 */
const fs = require('node:fs');
const path = require('node:path');

/** Blocks the thread while another process holds the lock. */
function pause(ms) {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `fn` holding the lock folder `lock`; a lock older than `staleMs` is taken as abandoned. */
function withLock(lock, fn, { staleMs = 30 * 60_000 } = {}) {
	fs.mkdirSync(path.dirname(lock), { recursive: true });
	for (;;) {
		try {
			fs.mkdirSync(lock);
			break;
		} catch {
			const age =
				Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
			if (age > staleMs) fs.rmSync(lock, { recursive: true, force: true });
			else pause(1_000);
		}
	}
	try {
		return fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

module.exports = { withLock };
