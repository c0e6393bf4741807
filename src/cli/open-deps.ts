/** Opens the store + npm registry wiring from the global options (--store, --registry, --offline, --concurrency). */
import { openScanDeps } from '../engine/wiring.js';
import { netOptions } from './net-options.js';
import type { CommandContext } from './command.js';
import type { GlobalValues } from '../core/options.js';
import { maxFileBytes } from './file-cap.js';

/** `runDeadline: false` leaves `--timeout` to the caller (a worker applies it per job, see withDeadline). */
export function openDepsFromOptions(ctx: CommandContext<GlobalValues>, projectDir: string, o: { runDeadline?: boolean } = {}) {
  const v = ctx.options.values;
  const { deadlineAt, allowHosts } = netOptions(v);
  return openScanDeps({
    storePath: v.store,
    registry: v.registry,
    offline: v.offline === true,
    concurrency: v.concurrency,
    projectDir,
    env: ctx.env,
    events: ctx.events,
    keepTarballs: v['keep-tarballs'] === true,
    maxFileBytes: maxFileBytes(v['max-file-mb']),
    allowHosts,
    ...(o.runDeadline !== false && deadlineAt !== undefined ? { deadlineAt } : {}),
  });
}
