/**
 * `vigil cache stats` shows what the store holds and how much room each part takes;
 * `vigil cache prune [--older-than 30d] [--keep-scans N] [--max-tarball-mb N]` drops what is old or
 * over a bound, then compacts the file (VACUUM). Guard's memo folders next to the store go too:
 * verdicts past their day (never served again) always, both kinds older than --older-than.
 */
import { join } from 'node:path';
import { defineCommand } from '../command.js';
import { VigilError } from '../../core/errors.js';
import { openStore } from '../../store/open.js';
import { cutoffFrom } from '../../store/duration.js';
import type { PruneOptions, StoreStats } from '../../store/types.js';
import { CHECKS_DIR, guardMemoRoot, pruneBefore, VERDICTS_DIR } from '../../app/guard/memo-dir.js';
import { VERDICT_FRESH_MS } from '../../app/guard/verdict-memo.js';

const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;

function statsText(s: StoreStats): string {
  const rows: [string, number, number][] = [
    ...Object.entries(s.cache).map(([k, p]) => [`cache: ${k}`, p.rows, p.bytes] as [string, number, number]),
    ['analysis results', s.analysis.rows, s.analysis.bytes],
    [`scan results (${s.scans.targets} projects)`, s.scans.rows, s.scans.bytes],
  ];
  const lines = [
    `store ${s.path}: ${mb(s.fileBytes)} on disk`,
    ...rows.map(([k, n, b]) => `  ${k.padEnd(34)} ${String(n).padStart(8)} rows ${mb(b).padStart(12)}`),
  ];
  return `${lines.join('\n')}\n`;
}

export const cacheCommand = defineCommand({
  name: 'cache',
  summary: 'Show what the store holds (stats) or shrink it (prune: old entries, extra scans, tarballs over a size; then vacuum).',
  usage: 'vigil cache stats | vigil cache prune [--older-than 30d] [--keep-scans N] [--max-tarball-mb N]',
  options: [
    {
      name: 'older-than',
      type: 'string',
      arg: 'AGE|DATE',
      config: false,
      description: 'prune: drop cached data, analysis results and scans written before this (30d, 12h, 2w or a date).',
    },
    { name: 'keep-scans', type: 'number', arg: 'N', config: false, description: 'prune: keep only the newest N scans of each project.' },
    {
      name: 'max-tarball-mb',
      type: 'number',
      arg: 'N',
      config: false,
      description: 'prune: keep at most N MB of tarballs, the most recently fetched.',
    },
  ],
  async run(ctx) {
    const v = ctx.options.values;
    const [sub, extra] = ctx.options.positionals;
    if (extra !== undefined) throw new VigilError('E_USAGE', `unexpected argument "${extra}"`);
    if (sub !== 'stats' && sub !== 'prune')
      throw new VigilError('E_USAGE', `vigil cache needs "stats" or "prune"${sub ? ` (got "${sub}")` : ''}`);
    const opts: PruneOptions = {};
    if (typeof v['older-than'] === 'string') opts.before = cutoffFrom(v['older-than']);
    if (typeof v['keep-scans'] === 'number') {
      if (v['keep-scans'] < 1) throw new VigilError('E_USAGE', '--keep-scans must be at least 1');
      opts.keepScans = v['keep-scans'];
    }
    if (typeof v['max-tarball-mb'] === 'number') opts.maxTarballBytes = Math.max(0, v['max-tarball-mb']) * 1048576;
    const store = openStore({ path: v.store });
    try {
      if (sub === 'stats') return { kind: 'text', text: statsText(store.stats()) };
      const r = store.prune(opts);
      const memos = pruneGuardMemos(guardMemoRoot(v.store, ctx.env), opts.before);
      const text = `pruned ${r.cacheRows} cache entries, ${r.analysisRows} analysis results, ${r.scans} scans; ${mb(r.bytesBefore)} → ${mb(r.bytesAfter)}\n${memos}${statsText(store.stats())}`;
      return { kind: 'text', text };
    } finally {
      store.close();
    }
  },
});

/** Guard's memos: expired verdicts always; with a cutoff, every entry of both folders written before it. */
function pruneGuardMemos(root: string | undefined, before: string | undefined): string {
  if (!root) return '';
  const cutoff = before ? Date.parse(before) : -Infinity;
  const checks = pruneBefore(join(root, CHECKS_DIR), cutoff);
  const verdicts = pruneBefore(join(root, VERDICTS_DIR), Math.max(cutoff, Date.now() - VERDICT_FRESH_MS));
  return `pruned ${checks} guard checks and ${verdicts} guard verdicts (${root})\n`;
}
