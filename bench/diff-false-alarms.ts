/**
 * False alarms of the release-diff metadata signals on real histories: every release of every
 * packument in /work/shared/data/npm-packuments-2020.tar.xz (real npm metadata, ordinary publisher
 * changes only) is compared with the release before it, through
 *   (a) publisher/maintainer/time/provenance signals only, and
 *   (b) those plus manifest changes from the packument (new dependencies — young/tiny judged from
 *       the dependency's packument when it is in the set —, remote specs, install scripts).
 * Prints releases per severity, the share of publisher changes flagged high, and the worst offenders.
 * Usage: node --import tsx bench/diff-false-alarms.ts [TAR_XZ] [--top N]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePackument } from '../src/sources/npm/packument.js';
import type { Packument } from '../src/sources/npm/types.js';
import { SEVERITIES, type Severity } from '../src/core/types.js';
import { compareReleases } from '../src/analyzers/release-diff/compare.js';
import { indexHistory, personKey } from '../src/analyzers/release-diff/history-index.js';
import { metadataSignals } from '../src/analyzers/release-diff/metadata-signals.js';
import { previousVersion } from '../src/analyzers/release-diff/previous-version.js';
import { scoreRelease } from '../src/analyzers/release-diff/score.js';
import { bumpKind } from '../src/analyzers/release-diff/previous-version.js';

const archive = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : '/work/shared/data/npm-packuments-2020.tar.xz';
const topN = Number(process.argv[process.argv.indexOf('--top') + 1]) || 15;
const dir = mkdtempSync(join(tmpdir(), 'vigil-diff-bench-'));
const tar = spawnSync('tar', ['-xJf', archive, '-C', dir]);
if (tar.status !== 0) throw new Error(`cannot extract ${archive}: ${tar.stderr}`);

const files = new Map<string, string>();
const cache = new Map<string, Packument | null>();
function load(path: string): Packument | null {
  const body = readFileSync(path, 'utf8');
  const doc = JSON.parse(body) as { name?: string };
  if (typeof doc.name !== 'string') return null;
  try {
    return parsePackument({ name: doc.name, body, registry: 'bench', fetchedAt: new Date().toISOString() });
  } catch {
    return null;
  }
}
for (const f of readdirSync(dir)
  .filter((x) => x.endsWith('.json'))
  .sort()) {
  const p = load(join(dir, f));
  if (p) {
    files.set(p.name, join(dir, f));
    cache.set(p.name, p);
  }
}
const lookup = async (name: string): Promise<Packument> => {
  const p = cache.get(name);
  if (!p) throw new Error(`${name} not in the set`);
  return p;
};

type Counts = Record<Severity, number>;
const zero = (): Counts => Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Counts;
const meta = zero();
const full = zero();
const metaPub = zero();
const fullPub = zero();
let releases = 0;
let pubChanges = 0;
const byRule = new Map<string, number>();
const worst: { id: string; score: number; sev: Severity; signals: string }[] = [];
const t0 = performance.now();
for (const p of cache.values()) {
  if (!p) continue;
  const h = indexHistory(p);
  for (let i = 1; i < h.order.length; i++) {
    const v = h.order[i] as string;
    const before = h.order[i - 1] as string;
    releases++;
    const a = personKey(p.versions[before]?.npmUser);
    const b = personKey(p.versions[v]?.npmUser);
    const pubChange = a !== undefined && b !== undefined && a !== b;
    if (pubChange) pubChanges++;
    const m = metadataSignals(p, v, h, v);
    const prevV = previousVersion(p, v);
    const ms = scoreRelease(m.signals, bumpKind(prevV, v), prevV, v);
    meta[ms.severity]++;
    if (pubChange) metaPub[ms.severity]++;
    const prev = previousVersion(p, v);
    const { delta } = await compareReleases({
      packument: p,
      history: h,
      subject: `${p.name}@${v}`,
      lookup,
      to: { version: v, manifest: p.versions[v]! },
      ...(prev ? { from: { version: prev, manifest: p.versions[prev]! } } : {}),
    });
    full[delta.severity]++;
    if (pubChange) fullPub[delta.severity]++;
    for (const s of delta.signals) if (s.weight > 0) byRule.set(s.rule, (byRule.get(s.rule) ?? 0) + 1);
    if (delta.score >= 40)
      worst.push({
        id: `${p.name}@${v} (from ${prev ?? '-'}, published after ${before})`,
        score: delta.score,
        sev: delta.severity,
        signals: delta.signals
          .filter((s) => s.weight > 0)
          .map((s) => `${s.rule.replace('release-diff/', '')}+${s.weight}: ${s.title}`)
          .join('\n      '),
      });
  }
}
const ms = performance.now() - t0;
rmSync(dir, { recursive: true, force: true });
const row = (c: Counts) => SEVERITIES.map((s) => `${s}=${c[s]}`).join(' ');
const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(2)}%`;
console.log(`packuments: ${cache.size}, releases compared: ${releases} (${ms.toFixed(0)} ms), publisher changes: ${pubChanges}`);
console.log(`\n(a) publisher/maintainer/time/provenance signals`);
console.log(`  all releases:       ${row(meta)}`);
console.log(`  publisher changes:  ${row(metaPub)}  → high+critical ${pct(metaPub.high + metaPub.critical, pubChanges)}`);
console.log(`\n(b) plus manifest changes (dependencies, install scripts, young/tiny dependencies)`);
console.log(`  all releases:       ${row(full)}  → high+critical ${pct(full.high + full.critical, releases)} of releases`);
console.log(`  publisher changes:  ${row(fullPub)}  → high+critical ${pct(fullPub.high + fullPub.critical, pubChanges)}`);
console.log(`\nsignals fired (weight > 0):`);
for (const [r, n] of [...byRule].sort((x, y) => y[1] - x[1])) console.log(`  ${r}: ${n}`);
console.log(`\nworst offenders (score ≥ 40), top ${topN}:`);
for (const w of worst.sort((a, b) => b.score - a.score).slice(0, topN)) console.log(`  ${w.score} ${w.sev} ${w.id}\n      ${w.signals}`);
