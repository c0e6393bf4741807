/** The advisory set in effect: built-in records plus whatever `advisories update` stored. */
import type { Store } from '../../store/types.js';
import { builtinAdvisories } from './builtin.js';
import { AdvisoryDb } from './db.js';
import { loadStoredAdvisories } from './store.js';

export function loadAdvisoryDb(store?: Store): AdvisoryDb {
  return new AdvisoryDb([...builtinAdvisories(), ...(store ? loadStoredAdvisories(store) : [])]);
}
