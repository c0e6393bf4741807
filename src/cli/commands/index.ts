/**
 * The command registry: every CLI command, in help order. Each command's module (and the library
 * code behind it) is imported only when that command runs, so `vigil --version` and `vigil rules`
 * start without loading the scanner, the HTTP client or the store.
 */
import type { Command } from '../command.js';

export const COMMAND_LOADERS: Record<string, () => Promise<Command>> = {
  scan: async () => (await import('./scan.js')).scanCommand,
  guard: async () => (await import('./guard.js')).guardCommand,
  inspect: async () => (await import('./inspect.js')).inspectCommand,
  diff: async () => (await import('./diff.js')).diffCommand,
  history: async () => (await import('./history.js')).historyCommand,
  verify: async () => (await import('./verify.js')).verifyCommand,
  host: async () => (await import('./host.js')).hostCommand,
  affected: async () => (await import('./affected.js')).affectedCommand,
  advisories: async () => (await import('./advisories.js')).advisoriesCommand,
  discuss: async () => (await import('./discuss.js')).discussCommand,
  fund: async () => (await import('./fund.js')).fundCommand,
  audit: async () => (await import('./audit.js')).auditCommand,
  watch: async () => (await import('./watch.js')).watchCommand,
  serve: async () => (await import('./serve.js')).serveCommand,
  debian: async () => (await import('./debian.js')).debianCommand,
  report: async () => (await import('./report.js')).reportCommand,
  cache: async () => (await import('./cache.js')).cacheCommand,
  worker: async () => (await import('./worker.js')).workerCommand,
  enqueue: async () => (await import('./enqueue.js')).enqueueCommand,
  jobs: async () => (await import('./jobs.js')).jobsCommand,
  fleet: async () => (await import('./fleet.js')).fleetCommand,
  rules: async () => (await import('./rules.js')).rulesCommand,
};

export const COMMAND_NAMES: readonly string[] = Object.keys(COMMAND_LOADERS);

export async function findCommand(name: string): Promise<Command | undefined> {
  const load = Object.hasOwn(COMMAND_LOADERS, name) ? COMMAND_LOADERS[name] : undefined;
  return load ? load() : undefined;
}

/** Every command, loaded (general --help lists their summaries). */
export async function allCommands(): Promise<Command[]> {
  return Promise.all(COMMAND_NAMES.map((n) => COMMAND_LOADERS[n]!()));
}
