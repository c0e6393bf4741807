/** Opens the store + npm registry wiring from the global options (--store, --registry, --offline, --concurrency). */
import { openScanDeps } from '../engine/wiring.js';
import type { CommandContext } from './command.js';

export function openDepsFromOptions(ctx: CommandContext, projectDir: string) {
  const v = ctx.options.values;
  return openScanDeps({
    storePath: v.store as string | undefined,
    registry: v.registry as string | undefined,
    offline: v.offline === true,
    concurrency: v.concurrency as number,
    projectDir,
    env: ctx.env,
    events: ctx.events,
    keepTarballs: v['keep-tarballs'] === true,
  });
}
