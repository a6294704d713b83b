import { QHUB } from '../../api';
import { entryListOperation } from '../entryList';

export const getManyFormEntries = entryListOperation({
	noun: 'form entries',
	path: QHUB.paths.formEntries,
	parent: 'Form',
	parentFilter: QHUB.entryFilters.formId,
});
