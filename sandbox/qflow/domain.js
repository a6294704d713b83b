'use strict';
/**
 * The Comms custom sending domain (comms/custom-domain, api-reference/comms/*domain*): one domain per
 * calling user, set up at SendGrid, which issues 3 CNAMEs. Documented: every answer is `{ id
 * (SendGrid's int64), domain, verified, enabled, dnsRecords: [{ type, host, data, valid }] }`;
 * verify checks the records and turns the domain on when they pass; activate and deactivate toggle
 * `enabled` without a DNS check; activate before any successful verify is 409 domain_not_verified,
 * a create when one exists 409 domain_already_configured, a create SendGrid refuses 422
 * sendgrid_create_failed (its reason in `message`); after delete GET answers 404 (bare, as every
 * 404 of this surface). [assumed] verify answers the same shape, 200 with `verified: false` while a
 * record is missing; delete answers 204.
 *
 * What is deterministic here: a record is published (`valid`) once the owner "publishes" the
 * domain's records at the registrar, `POST /__sandbox/domain-dns {"domain": …}` (or the mock's
 * `publishDomainRecords(domain)`); SendGrid refuses any domain under the reserved `.invalid` TLD.
 */
const { ApiError, vendorFacts } = require('../lib');
const { requireObject, requireText, validation, notFound } = require('./checkin');

const { QFLOW } = vendorFacts('Qflow');
const CODES = QFLOW.domainCodes;
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*$/;
/** SendGrid's ids of the seeded run start here (the page's example id). */
const FIRST_ID = 30751683;

function createSendingDomains({ state }) {
	/** The calling user's domain, or the bare 404 of an account without one. */
	function domainOf(session) {
		const domain = state.sendingDomains.get(session.userId);
		if (!domain) throw notFound('No custom domain configured');
		return domain;
	}

	/** What the API answers: the record, each CNAME valid once the owner has published it. */
	function answer(domain) {
		const published = state.publishedDomains.has(domain.domain);
		const { everVerified, ...shown } = domain;
		return {
			status: 200,
			body: { ...shown, dnsRecords: domain.dnsRecords.map((r) => ({ ...r, valid: published })) },
		};
	}

	function createDomain({ body, session }) {
		requireObject(body);
		const name = requireText(body, 'domain').trim().toLowerCase();
		if (!HOST.test(name)) throw validation(`domain '${name}' is not a domain name`);
		if (state.sendingDomains.has(session.userId))
			throw new ApiError(409, CODES.alreadyConfigured, 'A custom domain is already configured');
		if (name.endsWith('.invalid'))
			throw new ApiError(
				422,
				CODES.sendgridCreateFailed,
				`SendGrid rejected the domain: ${name} is not a domain SendGrid can authenticate`,
			);
		const id = FIRST_ID + state.domainSeq++;
		const user = `u${id % 100000}`;
		const domain = {
			id,
			domain: name,
			verified: false,
			enabled: false,
			dnsRecords: [
				{ type: 'cname', host: `em${id % 10000}.${name}`, data: `${user}.wl.sendgrid.net` },
				{
					type: 'cname',
					host: `s1._domainkey.${name}`,
					data: `s1.domainkey.${user}.wl.sendgrid.net`,
				},
				{
					type: 'cname',
					host: `s2._domainkey.${name}`,
					data: `s2.domainkey.${user}.wl.sendgrid.net`,
				},
			],
			everVerified: false,
		};
		state.sendingDomains.set(session.userId, domain);
		return answer(domain);
	}

	function verifyDomain({ session }) {
		const domain = domainOf(session);
		if (state.publishedDomains.has(domain.domain))
			Object.assign(domain, { verified: true, enabled: true, everVerified: true });
		return answer(domain);
	}

	function setEnabled(enabled) {
		return ({ session }) => {
			const domain = domainOf(session);
			if (enabled && !domain.everVerified)
				throw new ApiError(
					409,
					CODES.notVerified,
					'The domain has not passed verification yet: call /verify first',
				);
			domain.enabled = enabled;
			return answer(domain);
		};
	}

	return {
		createDomain,
		getDomain: ({ session }) => answer(domainOf(session)),
		verifyDomain,
		activateDomain: setEnabled(true),
		deactivateDomain: setEnabled(false),
		deleteDomain: ({ session }) => {
			domainOf(session);
			state.sendingDomains.delete(session.userId);
			return { status: 204 };
		},
		/** The owner publishes the domain's CNAMEs at the registrar: the next verify passes. */
		publishRecords: (name) => state.publishedDomains.add(String(name).trim().toLowerCase()),
	};
}

module.exports = { createSendingDomains };
