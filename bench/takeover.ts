/**
 * Takeover detection, measured: (a) false alarms on real packuments (every release with a
 * publisher change in /work/shared/data/npm-packuments-2020.tar.xz: release-diff severity and the
 * correlated takeover story), (b) healthy source histories (local clones given with --repos: no
 * high expected; numbers per project), (c) takeover reconstructions from public write-ups and
 * benign look-alikes (test/correlate/scenarios.ts: packuments and tarballs from 127.0.0.1,
 * source repositories built with fixed dates): recall of the story and of each signal.
 * Usage: node --import tsx bench/takeover.ts [--packuments TAR_XZ] [--repos DIR,DIR...] [--skip a,b,c]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parsePackument } from '../src/sources/npm/packument.js';
import type { Packument } from '../src/sources/npm/types.js';
import { SEVERITIES, type Severity } from '../src/core/types.js';
import { severityRank } from '../src/core/result-builder.js';
import { compareReleases } from '../src/analyzers/release-diff/compare.js';
import { indexHistory, personKey } from '../src/analyzers/release-diff/history-index.js';
import { previousVersion } from '../src/analyzers/release-diff/previous-version.js';
import { correlateStories, correlateTakeovers, TAKEOVER_STORY_RULE } from '../src/correlate/index.js';
import { historyScan } from '../src/app/history-result.js';
import { BENIGN_LOOKALIKES, RECONSTRUCTIONS } from '../test/correlate/scenarios.js';
import { scanReconstruction } from '../test/correlate/run-scan.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const skip = new Set((arg('--skip') ?? '').split(',').filter(Boolean));
const high = (s: Severity | undefined) => s !== undefined && severityRank(s) >= severityRank('high');
const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(2)}%`;
type Counts = Record<Severity, number>;
const zero = (): Counts => Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Counts;
const row = (c: Counts) => SEVERITIES.map((s) => `${s}=${c[s]}`).join(' ');

async function packuments(): Promise<void> {
  const archive = arg('--packuments') ?? '/work/shared/data/npm-packuments-2020.tar.xz';
  if (!existsSync(archive)) {
    console.log(`(a) skipped: ${archive} not found`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'vigil-takeover-bench-'));
  const tar = spawnSync('tar', ['-xJf', archive, '-C', dir]);
  if (tar.status !== 0) throw new Error(`cannot extract ${archive}: ${tar.stderr}`);
  const all = new Map<string, Packument>();
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.json'))
    .sort()) {
    const body = readFileSync(join(dir, f), 'utf8');
    const name = (JSON.parse(body) as { name?: unknown }).name;
    if (typeof name !== 'string') continue;
    try {
      all.set(name, parsePackument({ name, body, registry: 'bench', fetchedAt: new Date().toISOString() }));
    } catch {
      /* not a packument */
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const lookup = async (n: string) => {
    const p = all.get(n);
    if (!p) throw new Error(`${n} not in the set`);
    return p;
  };
  const diffPub = zero();
  const storyPub = zero();
  const storyAll = zero();
  let releases = 0;
  let pubChanges = 0;
  let eitherHighPub = 0;
  const signalFires = new Map<string, number>();
  const worst: string[] = [];
  for (const p of all.values()) {
    const h = indexHistory(p);
    for (let i = 1; i < h.order.length; i++) {
      const v = h.order[i]!;
      releases++;
      const a = personKey(p.versions[h.order[i - 1]!]?.npmUser);
      const b = personKey(p.versions[v]?.npmUser);
      const pubChange = a !== undefined && b !== undefined && a !== b;
      const prev = previousVersion(p, v);
      const { delta } = await compareReleases({
        packument: p,
        history: h,
        subject: `${p.name}@${v}`,
        lookup,
        to: { version: v, manifest: p.versions[v]! },
        ...(prev ? { from: { version: prev, manifest: p.versions[prev]! } } : {}),
      });
      const purl = `${p.name}@${v}`;
      const facts = { 'release-diff': { [purl]: delta } };
      const [story] = correlateTakeovers({ findings: [], facts });
      for (const s of correlateStories({ findings: [], facts }))
        for (const sig of s.signals) signalFires.set(sig.id, (signalFires.get(sig.id) ?? 0) + 1);
      if (story) storyAll[story.severity]++;
      else storyAll.info++;
      if (!pubChange) continue;
      pubChanges++;
      diffPub[delta.severity]++;
      if (story) storyPub[story.severity]++;
      else storyPub.info++;
      if (high(delta.severity) || high(story?.severity)) {
        eitherHighPub++;
        worst.push(
          `${purl} (from ${prev ?? '-'}): release-diff ${delta.score} ${delta.severity}${story ? `; story ${story.title.replace(/^.*\(score/, '(score')}` : ''}`,
        );
      }
    }
  }
  console.log(`(a) real packuments: ${all.size} packages, ${releases} releases, ${pubChanges} publisher changes`);
  console.log(`  release-diff on publisher changes: ${row(diffPub)} → high+critical ${pct(diffPub.high + diffPub.critical, pubChanges)}`);
  console.log(
    `  takeover story on publisher changes: ${row(storyPub)} → high+critical ${pct(storyPub.high + storyPub.critical, pubChanges)}`,
  );
  console.log(`  either high on publisher changes: ${eitherHighPub} → ${pct(eitherHighPub, pubChanges)} (goal ≤ 1%)`);
  console.log(`  takeover story on all releases: ${row(storyAll)} → high+critical ${pct(storyAll.high + storyAll.critical, releases)}`);
  console.log(
    `  story signals present (in releases with both halves): ${
      [...signalFires]
        .sort((x, y) => y[1] - x[1])
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || 'none'
    }`,
  );
  for (const w of worst.slice(0, 15)) console.log(`    ${w.slice(0, 220)}`);
}

async function histories(): Promise<void> {
  const repos = (arg('--repos') ?? '').split(',').filter(Boolean);
  if (!repos.length) {
    console.log('(b) skipped: no --repos DIR,DIR...');
    return;
  }
  console.log('(b) healthy histories (no high expected)');
  for (const repo of repos) {
    const name = basename(repo) === 'repo' ? basename(dirname(repo)) : basename(repo);
    const t = performance.now();
    try {
      const r = await historyScan(repo, { subject: name });
      const c = zero();
      for (const f of r.findings) c[f.severity]++;
      const commits = (r.facts.history?.[name] as { commits?: number } | undefined)?.commits;
      console.log(
        `  ${name}: ${commits} commits, ${Math.round((performance.now() - t) / 1000)} s — ${row(c)}; stories ${r.findings.filter((f) => f.rule === TAKEOVER_STORY_RULE).length}`,
      );
      for (const f of r.findings.filter(
        (x) => high(x.severity) || x.rule === TAKEOVER_STORY_RULE || x.rule === 'history/newcomer-takeover',
      ))
        console.log(`    ${f.severity} ${f.rule}: ${f.title.slice(0, 160)}`);
    } catch (e) {
      console.log(`  ${name}: failed: ${(e as Error).message}`);
    }
  }
}

async function reconstructions(): Promise<void> {
  console.log('(c) reconstructions from public write-ups, and benign look-alikes');
  const fires = new Map<string, { attack: number; benign: number }>();
  const note = (k: string, benign: boolean) => {
    const e = fires.get(k) ?? { attack: 0, benign: 0 };
    e[benign ? 'benign' : 'attack']++;
    fires.set(k, e);
  };
  const byFamily = new Map<string, { n: number; story: number; any: number }>();
  let benignHigh = 0;
  for (const [benign, list] of [
    [false, RECONSTRUCTIONS],
    [true, BENIGN_LOOKALIKES],
  ] as const) {
    for (const s of list) {
      const r = await scanReconstruction(s);
      const subject = `pkg:npm/${s.expect.subject.replace(/^@/, '%40')}`;
      const mine = r.findings.filter((f) => f.subject === subject);
      const story = mine.find((f) => f.rule === TAKEOVER_STORY_RULE);
      const anyHigh = r.findings.filter((f) => high(f.severity));
      for (const rule of new Set(anyHigh.map((f) => f.rule))) note(rule, benign);
      for (const e of story?.evidence ?? [])
        if (e.kind === 'text' && /^\S+ \(\+\d+\)/.test(e.label ?? '')) note(`story:${e.label!.split(' ')[0]}`, benign);
      const named = s.expect.names.every((n) => JSON.stringify(story ?? {}).includes(n));
      console.log(
        `  ${benign ? 'benign' : 'attack'} ${s.id}: story ${story ? `${story.severity}${named ? '' : ' (misses names)'}` : 'none'}; high findings: ${[...new Set(anyHigh.map((f) => f.rule))].join(', ') || 'none'}`,
      );
      if (benign) {
        if (anyHigh.length) benignHigh++;
        continue;
      }
      const fam = byFamily.get(s.family) ?? { n: 0, story: 0, any: 0 };
      fam.n++;
      if (story && high(story.severity) && named) fam.story++;
      if (mine.some((f) => high(f.severity))) fam.any++;
      byFamily.set(s.family, fam);
    }
  }
  for (const [f, c] of byFamily)
    console.log(`  recall [${f}]: story high+ naming the evidence ${c.story}/${c.n}; any high finding on the subject ${c.any}/${c.n}`);
  console.log(`  benign look-alikes with any high finding: ${benignHigh}/${BENIGN_LOOKALIKES.length}`);
  console.log('  per signal (high findings and story signals): attacks / benign');
  for (const [k, v] of [...fires].sort())
    console.log(`    ${k}: ${v.attack}/${RECONSTRUCTIONS.length} attacks, ${v.benign}/${BENIGN_LOOKALIKES.length} benign`);
}

if (!skip.has('c')) await reconstructions();
if (!skip.has('a')) await packuments();
if (!skip.has('b')) await histories();
