/** Shared setup for the npm source tests: a fixture registry, a throwaway store, a client. */
import { join } from 'node:path';
import { startRegistryServer, type RegistryServer } from '../helpers/registry-server.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';
import type { RegistryConfig } from '../../src/sources/npm/config.js';
import { createNpmClient, type NpmClient, type NpmClientOptions } from '../../src/sources/npm/client.js';
import type { ProgressEvent } from '../../src/core/events.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'npm-registry');

export function configFor(url: string, extra: Partial<RegistryConfig> = {}): RegistryConfig {
  return { registry: { value: url, source: 'test' }, scopes: {}, auth: [], proxy: {}, ...extra };
}

export interface Rig {
  reg: RegistryServer;
  store: Store;
  events: ProgressEvent[];
  client(opts?: Partial<NpmClientOptions>): NpmClient;
  close(): Promise<void>;
}

/** Fast retries and short timeouts so failure tests finish quickly (no timing is asserted). */
export async function rig(scenario = 'full-metadata'): Promise<Rig> {
  const reg = await startRegistryServer({ fixtures: join(FIXTURES, scenario) });
  const store = openStore({ path: ':memory:' });
  const events: ProgressEvent[] = [];
  const clients: NpmClient[] = [];
  return {
    reg,
    store,
    events,
    client(opts = {}) {
      const c = createNpmClient({
        config: configFor(reg.url),
        store,
        events: (e) => events.push(e),
        http: { retries: 2, backoff: { baseMs: 1, maxMs: 20 }, timeouts: { stallMs: 300, responseMs: 2000, overallMs: 10_000 } },
        ...opts,
      });
      clients.push(c);
      return c;
    },
    async close() {
      for (const c of clients) await c.close();
      store.close();
      await reg.close();
    },
  };
}
