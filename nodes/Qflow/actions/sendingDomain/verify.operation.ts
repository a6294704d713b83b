import { QFLOW } from '../../api';
import { domainOperation } from '../../helpers/sendingDomain';

export const verifySendingDomain = domainOperation('POST', QFLOW.commsPaths.domainVerify, {
	name: 'Verify',
	action: 'Verify the sending domain',
	description: 'Have SendGrid check the DNS records; when they pass, the domain is turned on',
	toolDescription:
		'Ask SendGrid to check the DNS records of the Qflow account’s sending domain; when they pass, the domain is verified and turned on for every email the account sends. Returns the domain with its verified and enabled flags and each record’s valid flag. Fails with 404 when the account has no sending domain.',
});
