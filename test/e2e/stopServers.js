/** After each e2e file: the n8n servers its tests started stop with it (jest reuses its workers). */
const { stopN8nServers } = require('./harness');

afterAll(stopN8nServers, 30_000);
