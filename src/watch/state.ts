/**
 * Watch state in the store (through its cache table, so no schema change): the last snapshot of
 * each package and every alert raised. An alert is written before it is sent and marked sent after,
 * so a restart re-sends what was interrupted and never repeats what went out.
 */
import type { Store } from '../store/types.js';
import type { Alert, SeenPackage } from './types.js';

const SEEN = 'watch-seen';
export const WATCH_ALERT_KIND = 'watch-alert';
const ALERT = WATCH_ALERT_KIND;
const PENDING = 'watch-pending';

export interface AlertRecord {
  alert: Alert;
  sent: { stdout: boolean; webhook: boolean };
}

function read<T>(store: Store, kind: string, key: string): T | undefined {
  const e = store.getCache(kind, key);
  if (!e) return undefined;
  try {
    return JSON.parse(e.body.toString('utf8')) as T;
  } catch {
    return undefined; // an unreadable row is a miss
  }
}

function write(store: Store, kind: string, key: string, value: unknown): void {
  store.putCache(kind, key, { body: Buffer.from(JSON.stringify(value)), fetchedAt: new Date().toISOString() });
}

/** The registry as a state key, from a packument URL (of the name `x`): host and path only, never credentials, which must not reach the store. */
export function registryId(packumentUrl: string): string {
  try {
    const u = new URL(packumentUrl);
    return `${u.host}${u.pathname.replace(/x$/, '')}`;
  } catch {
    return 'registry';
  }
}

export class WatchState {
  constructor(
    private readonly store: Store,
    private readonly registry: string,
  ) {}

  seen(name: string): SeenPackage | undefined {
    return read<SeenPackage>(this.store, SEEN, `${this.registry}|${name}`);
  }

  remember(p: SeenPackage): void {
    write(this.store, SEEN, `${this.registry}|${p.name}`, p);
  }

  alert(id: string): AlertRecord | undefined {
    return read<AlertRecord>(this.store, ALERT, `${this.registry}|${id}`);
  }

  saveAlert(r: AlertRecord): void {
    write(this.store, ALERT, `${this.registry}|${r.alert.id}`, r);
  }

  /** Ids of alerts raised but not yet delivered everywhere (a restart delivers them). */
  pending(): string[] {
    return read<string[]>(this.store, PENDING, this.registry) ?? [];
  }

  setPending(ids: readonly string[]): void {
    write(this.store, PENDING, this.registry, [...new Set(ids)]);
  }
}
