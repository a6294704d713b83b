import { QFLOW } from '../../api';
import { domainOperation } from '../../helpers/sendingDomain';

export const deactivateSendingDomain = domainOperation('POST', QFLOW.commsPaths.domainDeactivate, {
	name: 'Deactivate',
	action: 'Deactivate the sending domain',
	description:
		'Send from Qflow’s default sender again, keeping the domain’s setup for a later activate',
	toolDescription:
		'Turn the Qflow account’s sending domain off: emails go out from the default sender at once, and the domain and its DNS setup stay for a later Activate. Returns the domain with enabled: false. Fails with 404 when the account has no sending domain.',
});
