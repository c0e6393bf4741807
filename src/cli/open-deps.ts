/** Opens the store + npm registry wiring from the global options (--store, --registry, --offline, --concurrency). */
import { openScanDeps } from '../engine/wiring.js';
import { netOptions } from './net-options.js';
import type { CommandContext } from './command.js';
import type { GlobalValues } from '../core/options.js';
import { maxFileBytes } from './file-cap.js';

/**
 * `runDeadline: false` leaves `--timeout` to the caller (a worker applies it per job, see withDeadline).
 * `sourceMapHeads`: source maps keep their head only (commands that scan, and compare no file whole).
 */
export function openDepsFromOptions(
  ctx: CommandContext<GlobalValues>,
  projectDir: string,
  o: { runDeadline?: boolean; sourceMapHeads?: boolean } = {},
) {
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
    sourceMapHeads: o.sourceMapHeads === true,
    allowHosts,
    ...(o.runDeadline !== false && deadlineAt !== undefined ? { deadlineAt } : {}),
  });
}

/** A scan keeps the head of source maps unless it compares releases file by file (`--repo`, `--deep`): those read them whole. */
export function scanSourceMapHeads(v: { repo?: readonly string[] | undefined; deep?: boolean | undefined }): boolean {
  return !v.repo?.length && v.deep !== true;
}
