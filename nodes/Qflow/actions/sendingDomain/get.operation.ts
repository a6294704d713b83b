import { QFLOW } from '../../api';
import { domainOperation } from '../../helpers/sendingDomain';

export const getSendingDomain = domainOperation('GET', QFLOW.commsPaths.domain, {
	name: 'Get',
	action: 'Get the sending domain',
	description:
		'Get the account’s sending domain: verified, enabled, and the DNS records to publish',
	toolDescription:
		'Get the Qflow account’s custom sending domain. Returns its ID, name, whether it is verified and enabled, and its DNS records, each with whether SendGrid sees it published. Fails with 404 when the account has no sending domain.',
});
