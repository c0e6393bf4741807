/**
 * Packuments fetched ahead of the components that will read them. A cold scan's components wait
 * for room in the byte budget while a framework is analysed (next@15.5.29: 7-10 s of the content
 * worker), and the main thread sits idle there; afterwards the components still to come ask for
 * their packuments one after another, and the worker waits on those requests. Started by the first
 * component that read its packument from the registry (a warm rescan, served from the store, never
 * starts it), the prefetch walks the components in start order and stores the packuments of those
 * that will read one, a few requests at a time at the lowest priority: it takes a connection only
 * when no component waits for one. It walks only while most components in flight wait for room,
 * so it fills those stretches rather than competing with the reading of releases: in a cold
 * platform-app scan it stored 615 of ~690 packuments between 5.7 and 8.1 s, where the main thread
 * was otherwise idle, and components requested 70 themselves. Alternated cold scans against no
 * prefetch: with the registry answering 30 ms late, 25.2 and 25.5 s against 25.8 and 26.8 s; without
 * latency, on a loaded host, 4 pairs were inconclusive (medians 29.1 against 30.5 s).
 */

/** Prefetch requests at once: the registry client has 8 connections by default, and the components keep the rest. */
export const PREFETCH_REQUESTS = 2;

export interface PackumentPrefetch {
  /** Starts walking (once; later calls do nothing). */
  start(): void;
  /** Stops: no request starts after this; those under way finish into the store. */
  stop(): void;
}

export interface PrefetchCandidate {
  name: string;
  /** Asked when the walk reaches it: whether its component will read a packument (no stored analysis serves it). */
  reads(): boolean;
}

/** How often a paused walk asks `idle` again. */
const IDLE_POLL_MS = 50;

/**
 * `idle`: whether the scan's own work leaves the main thread free now (most components in flight
 * wait for room in the byte budget); the walk pauses while it does not, so that it fills the idle
 * stretches instead of competing with the reading of releases.
 */
export function createPackumentPrefetch(
  candidates: readonly PrefetchCandidate[],
  prefetch: (name: string) => Promise<void>,
  idle: () => boolean = () => true,
  requests = PREFETCH_REQUESTS,
): PackumentPrefetch {
  let started = false;
  let stopped = false;
  let next = 0;
  const asked = new Set<string>();
  const walk = async (): Promise<void> => {
    while (!stopped && next < candidates.length) {
      if (!idle()) {
        await new Promise((go) => setTimeout(go, IDLE_POLL_MS).unref());
        continue;
      }
      const c = candidates[next++]!;
      if (asked.has(c.name) || !c.reads()) continue;
      asked.add(c.name);
      await prefetch(c.name);
    }
  };
  return {
    start() {
      if (started || stopped) return;
      started = true;
      for (let i = 0; i < requests; i++) void walk();
    },
    stop() {
      stopped = true;
    },
  };
}
