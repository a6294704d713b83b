import { QHUB } from '../../api';
import { entryListOperation } from '../../helpers/entryList';

export const getManyFormEntries = entryListOperation({ noun: 'form entries', path: QHUB.paths.formEntries, parent: 'Form' });
