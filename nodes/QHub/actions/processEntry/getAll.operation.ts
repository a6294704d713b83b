import { QHUB } from '../../api';
import { entryListOperation } from '../../helpers/entryList';

export const getManyProcessEntries = entryListOperation({ noun: 'process entries', path: QHUB.paths.processEntries, parent: 'Process' });
