import { QFLOW } from '../../api';
import { domainOperation } from '../../helpers/sendingDomain';

export const activateSendingDomain = domainOperation('POST', QFLOW.commsPaths.domainActivate, {
	name: 'Activate',
	action: 'Activate the sending domain',
	description: 'Send from the domain again after a deactivate, without a new DNS check',
	toolDescription:
		'Turn the Qflow account’s sending domain back on after a deactivate, without checking DNS again. Returns the domain with enabled: true. Fails with 409 domain_not_verified when the domain never passed Verify, and 404 when the account has no sending domain.',
});
