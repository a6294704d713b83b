import { ENTRY_KINDS, entryListOperation } from '../../helpers/entryList';

export const getManyProcessEntries = entryListOperation(ENTRY_KINDS.processEntry);
