/** The alert feed: alerts raised by `vigil watch`, read from its state in the store. */
import type { Store } from '../../store/types.js';
import type { Alert } from '../../watch/types.js';
import { WATCH_ALERT_KIND, type AlertRecord } from '../../watch/state.js';

export interface AlertQuery {
  package?: string;
  /** Only alerts raised after this ISO time. */
  since?: string;
  limit?: number;
}

/** Every stored alert, newest first (ids are unique across registries: the first one seen wins). */
export function listAlerts(store: Store, q: AlertQuery = {}): Alert[] {
  const seen = new Set<string>();
  const out: Alert[] = [];
  for (const { entry } of store.cacheEntries(WATCH_ALERT_KIND)) {
    let rec: AlertRecord;
    try {
      rec = JSON.parse(entry.body.toString('utf8')) as AlertRecord;
    } catch {
      continue; // a damaged row is skipped like any other cache miss
    }
    const a = rec.alert;
    if (!a || typeof a.id !== 'string' || seen.has(a.id)) continue;
    seen.add(a.id);
    if (q.package && a.package !== q.package) continue;
    if (q.since && !(a.at > q.since)) continue;
    out.push(a);
  }
  out.sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id));
  return q.limit ? out.slice(0, q.limit) : out;
}
