/**
 * The advisory set in effect: built-in records plus whatever `advisories update` stored. An imported
 * record replaces the built-in one with the same id whatever its `modified` date: the user's data
 * (a real OSV dump) is authoritative over the shipped hand-written set.
 */
import type { Store } from '../../store/types.js';
import { builtinAdvisories } from './builtin.js';
import { AdvisoryDb } from './db.js';
import { loadStoredAdvisories } from './store.js';

export function loadAdvisoryDb(store?: Store): AdvisoryDb {
  const stored = store ? loadStoredAdvisories(store) : [];
  const ids = new Set(stored.map((a) => a.id));
  return new AdvisoryDb([...builtinAdvisories().filter((a) => !ids.has(a.id)), ...stored]);
}
