// Stand-in: only n8n's Kafka nodes use this module, and no test runs them.
module.exports = {};
