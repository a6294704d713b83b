import { QHUB } from '../../api';
import { entryListOperation } from '../entryList';

export const getManyProcessEntries = entryListOperation({
	noun: 'process entries',
	path: QHUB.paths.processEntries,
	parent: 'Process',
	parentFilter: QHUB.entryFilters.processId,
});
