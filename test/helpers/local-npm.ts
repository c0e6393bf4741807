/**
 * An npm client for a 127.0.0.1 test registry, and the engine's NpmSource over it.
 *
 * No timing: the registry server runs in the test's own process, so a scan that keeps the event
 * loop busy (content analysis, archive reading, git) delays the server's answers by as long as the
 * machine is loaded. Short timeouts made results depend on load (a request timed out, its facts
 * went missing, a story came out weaker: the event-stream story test failed under load). Here every
 * timeout is far beyond any test's run and the transfer-rate floor is off; a request that never
 * answers is the test runner's timeout to catch, and misbehaviour tests set their own timeouts.
 */
import { createNpmClient, type NpmClient } from '../../src/sources/npm/client.js';
import type { HttpTimeouts } from '../../src/sources/npm/http.js';
import type { NpmSource } from '../../src/engine/types.js';
import { MemoryStore } from './memory-store.js';

const TEN_MINUTES = 600_000;

export const UNTIMED: HttpTimeouts = {
  connectMs: TEN_MINUTES,
  responseMs: TEN_MINUTES,
  stallMs: TEN_MINUTES,
  overallMs: TEN_MINUTES,
  requestMs: TEN_MINUTES,
  minBytesPerSec: 0,
  rateWindowMs: TEN_MINUTES,
};

export interface LocalNpm {
  client: NpmClient;
  npm: NpmSource;
}

export function localNpm(registryUrl: string): LocalNpm {
  const client = createNpmClient({
    config: { registry: { value: registryUrl, source: 'test' }, scopes: {}, auth: [], proxy: {} },
    store: new MemoryStore(),
    http: { retries: 0, backoff: { baseMs: 1, maxMs: 5 }, timeouts: UNTIMED },
  });
  const npm: NpmSource = {
    registryUrl: () => registryUrl,
    getPackument: (n) => client.getPackument(n),
    getTarball: (n, v, o) => client.getTarball(n, v, o),
  };
  return { client, npm };
}
