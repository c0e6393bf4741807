/** Opens the store + npm registry wiring from the global options (--store, --registry, --offline, --concurrency). */
import { openScanDeps } from '../engine/wiring.js';
import { netOptions } from './net-options.js';
import type { CommandContext } from './command.js';
import type { GlobalValues } from '../core/options.js';

export function openDepsFromOptions(ctx: CommandContext<GlobalValues>, projectDir: string) {
  const v = ctx.options.values;
  return openScanDeps({
    storePath: v.store,
    registry: v.registry,
    offline: v.offline === true,
    concurrency: v.concurrency,
    projectDir,
    env: ctx.env,
    events: ctx.events,
    keepTarballs: v['keep-tarballs'] === true,
    ...netOptions(v),
  });
}
