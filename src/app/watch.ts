/**
 * `vigil watch`: poll the registry for every package the watched projects depend on (conditional
 * requests through the store's ETags, a request budget per minute), turn changes into alerts — each
 * new release fully analysed before anyone installs it — and deliver every alert exactly once to
 * stdout (JSON lines) and the webhook, even across restarts.
 */
import { resolve } from 'node:path';
import { isVigilError, rethrowBug } from '../core/errors.js';
import type { Inventory } from '../core/types.js';
import type { NpmSource } from '../engine/types.js';
import type { Store } from '../store/types.js';
import { inspect } from './inspect.js';
import { diffNpm } from './diff-npm.js';
import {
  alertsFor,
  detectChanges,
  jittered,
  postAlert,
  RequestBudget,
  snapshot,
  watchedNames,
  WatchState,
  type Alert,
  type AnalyzeRelease,
  type WatchedProject,
  type WebhookOptions,
} from '../watch/index.js';

export interface WatchDeps {
  store: Store;
  npm: NpmSource;
  loadInventory(target: string): Promise<{ inventory: Inventory }>;
}

export interface WatchOptions {
  /** Project paths; empty: the latest stored scan of every project. */
  projects: string[];
  /** Poll only these packages (a poll job's share); default: every npm package the projects depend on. */
  names?: readonly string[];
  cwd: string;
  once: boolean;
  intervalMs: number;
  requestsPerMinute: number;
  webhook?: Omit<WebhookOptions, 'fetch' | 'sleep'>;
  /** Receives each alert (the CLI prints it as a JSON line). */
  emit(alert: Alert): void;
  /** Operational messages (a package that could not be polled, a webhook that failed). */
  warn(message: string): void;
  signal?: AbortSignal;
}

export interface CycleReport {
  polled: number;
  failed: number;
  delivered: Alert[];
}

/** The projects of the latest stored scan of each target (what watch and poll jobs watch by default). */
export function storedProjects(store: Store): WatchedProject[] {
  return (store.latestScans?.() ?? [])
    .filter((s) => s.result.command === 'scan')
    .map((s) => ({ name: s.result.target.path, inventory: s.result.inventory }));
}

async function projectsOf(o: WatchOptions, deps: WatchDeps): Promise<WatchedProject[]> {
  if (o.projects.length > 0) {
    return Promise.all(o.projects.map(async (p) => ({ name: p, inventory: (await deps.loadInventory(resolve(o.cwd, p))).inventory })));
  }
  return storedProjects(deps.store);
}

function analyzer(deps: WatchDeps, cwd: string): AnalyzeRelease {
  return async (name, version, previous) => {
    const findings = [];
    const problems: string[] = [];
    try {
      findings.push(...(await inspect(`npm:${name}@${version}`, { cwd, npm: deps.npm })).findings);
    } catch (e) {
      if (!isVigilError(rethrowBug(e, `inspecting ${name}@${version}`))) throw e;
      problems.push(`content: ${(e as Error).message}`);
    }
    if (previous) {
      try {
        findings.push(
          ...(await diffNpm([`npm:${name}`, previous, version], { npm: deps.npm, offline: false, factsCache: deps.store })).findings,
        );
      } catch (e) {
        if (!isVigilError(rethrowBug(e, `comparing ${name} ${previous}..${version}`))) throw e;
        problems.push(`release diff: ${(e as Error).message}`);
      }
    }
    return { findings, problems };
  };
}

/** One poll of everything watched, then delivery of every alert not yet delivered. */
export async function watchCycle(o: WatchOptions, deps: WatchDeps, budget: RequestBudget, state: WatchState): Promise<CycleReport> {
  const projects = await projectsOf(o, deps);
  const analyze = analyzer(deps, o.cwd);
  const pending = new Set(state.pending());
  let polled = 0;
  let failed = 0;
  for (const name of o.names ?? watchedNames(projects)) {
    if (o.signal?.aborted) break;
    await budget.take();
    let packument;
    try {
      packument = await deps.npm.getPackument(name);
      polled++;
    } catch (e) {
      if (!isVigilError(rethrowBug(e, `polling ${name}`))) throw e;
      failed++;
      o.warn(`${name}: not polled (${(e as Error).message})`);
      continue;
    }
    const now = new Date().toISOString();
    const snap = snapshot(packument, now);
    const alerts = await alertsFor(name, detectChanges(state.seen(name), snap), projects, analyze, now);
    deps.store.transaction(() => {
      for (const a of alerts) {
        if (state.alert(a.id)) continue; // raised before (possibly by another watcher run)
        state.saveAlert({ alert: a, sent: { stdout: false, webhook: false } });
        pending.add(a.id);
      }
      state.remember(snap);
      state.setPending([...pending]);
    });
  }
  const delivered: Alert[] = [];
  for (const id of [...pending]) {
    const rec = state.alert(id);
    if (!rec) {
      pending.delete(id);
      continue;
    }
    if (!rec.sent.stdout) {
      o.emit(rec.alert);
      rec.sent.stdout = true;
      delivered.push(rec.alert);
    }
    if (o.webhook && !rec.sent.webhook) {
      try {
        await postAlert(rec.alert, o.webhook);
        rec.sent.webhook = true;
      } catch (e) {
        if (!isVigilError(e)) throw e;
        o.warn(`${rec.alert.id}: ${e.message}`);
      }
    }
    if (!o.webhook) rec.sent.webhook = true;
    deps.store.transaction(() => {
      state.saveAlert(rec);
      if (rec.sent.stdout && rec.sent.webhook) pending.delete(id);
      state.setPending([...pending]);
    });
  }
  return { polled, failed, delivered };
}

/** Poll until aborted (or once). Returns every alert delivered. */
export async function watch(o: WatchOptions, deps: WatchDeps, registry: string): Promise<{ cycles: number; delivered: Alert[] }> {
  const budget = new RequestBudget(o.requestsPerMinute);
  const state = new WatchState(deps.store, registry);
  const delivered: Alert[] = [];
  let cycles = 0;
  for (;;) {
    const r = await watchCycle(o, deps, budget, state);
    cycles++;
    delivered.push(...r.delivered);
    if (o.once || o.signal?.aborted) return { cycles, delivered };
    await new Promise<void>((done) => {
      const t = setTimeout(done, jittered(o.intervalMs));
      o.signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(t);
          done();
        },
        { once: true },
      );
    });
    if (o.signal?.aborted) return { cycles, delivered };
  }
}
