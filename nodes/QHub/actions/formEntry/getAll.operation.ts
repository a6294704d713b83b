import { ENTRY_KINDS, entryListOperation } from '../../helpers/entryList';

export const getManyFormEntries = entryListOperation(ENTRY_KINDS.formEntry);
