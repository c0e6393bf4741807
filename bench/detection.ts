/**
 * `npm run bench:detection`: recall per technique family (high+ and medium+) over the malicious
 * corpus, development and held-out batches separately; false alarms at high on the benign
 * look-alikes and on the latest versions of the 1,000 most-depended-upon npm packages
 * (bench/top1000-depended.txt), fetched from the configured registry into bench/.work/top1000.
 * Every miss and every false alarm is listed by name, with the finding that caused it.
 * Options: --no-top (corpus only), --limit N (first N names of the top list), --only a,b (those names
 * of the top list, to re-check a few after a change).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readArchive } from '../src/sources/archive/index.js';
import { analyzeContent } from '../src/analyzers/content/index.js';
import { benignSamples, highLines, judgeDir, maliciousSamples, ROOT, verdictOf, type Sample, type Verdict } from './lib/corpus.js';
import { ensureLatestTarballs } from './lib/latest-tarballs.js';
import { corpusBundle, hiddenBundle, hiddenCases, hiddenPackage } from './lib/hidden-in-bundle.js';

const args = process.argv.slice(2);
const noTop = args.includes('--no-top');
const limitAt = args.indexOf('--limit');
const limit = limitAt >= 0 ? Number(args[limitAt + 1]) : undefined;
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',')) : undefined;
/** Findings on the top list a person read and judged (bench/top1000-reviewed.json): printed next to the finding, never counted differently. */
const reviewed = (
  JSON.parse(readFileSync(join(ROOT, 'bench', 'top1000-reviewed.json'), 'utf8')) as { reviewed: Record<string, { why: string }> }
).reviewed;
const review = (name: string): string => (reviewed[name] ? `\n      reviewed: ${reviewed[name].why}` : '\n      not reviewed yet');
const pct = (n: number, d: number): string => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)}%`);

const samples = maliciousSamples();
const judged: { s: Sample; v: Verdict }[] = [];
for (const s of samples) judged.push({ s, v: await judgeDir(s.dir, `${s.family}/${s.name}`) });

function table(title: string, rows: { s: Sample; v: Verdict }[]): void {
  if (rows.length === 0) return;
  console.log(`\n## ${title}: ${rows.length} samples, ${new Set(rows.map((r) => r.s.family)).size} families\n`);
  console.log('| family | samples | high+ | medium+ |');
  console.log('|---|---:|---:|---:|');
  const fams = [...new Set(rows.map((r) => r.s.family))].sort();
  for (const f of fams) {
    const r = rows.filter((x) => x.s.family === f);
    console.log(
      `| ${f} | ${r.length} | ${pct(r.filter((x) => x.v.high).length, r.length)} | ${pct(r.filter((x) => x.v.mediumPlus).length, r.length)} |`,
    );
  }
  const hi = rows.filter((x) => x.v.high).length;
  const med = rows.filter((x) => x.v.mediumPlus).length;
  console.log(`| **all** | ${rows.length} | ${pct(hi, rows.length)} (${hi}) | ${pct(med, rows.length)} (${med}) |`);
  const misses = rows.filter((x) => !x.v.high);
  console.log(`\nmisses at high (${misses.length}):${misses.length ? '' : ' none'}`);
  for (const m of misses)
    console.log(
      `  - ${m.s.family}/${m.s.name}: top ${m.v.top}; ${m.v.findings.map((f) => `${f.severity} ${f.rule}`).join(', ') || 'no finding'}`,
    );
}

console.log('# vigil detection bench');
table(
  'Malicious corpus — development batch',
  judged.filter((x) => !x.s.heldOut),
);
table(
  'Malicious corpus — held-out batch (written after the rules)',
  judged.filter((x) => x.s.heldOut),
);
table('Malicious corpus — all', judged);

// Payloads hidden in the middle of a > 1 MiB minified bundle of ordinary libraries, and the bundle alone.
{
  const cases = hiddenCases();
  // The same payloads in an ES module bundle, where esbuild loads Node's built-ins through its minified loader shim.
  // And in a lean ES module bundle (two parsers, ~270 KiB) that holds no decoding or code-loading token of its own.
  const variants = [
    { format: 'cjs', host: 'libraries' },
    { format: 'esm', host: 'libraries' },
    { format: 'esm', host: 'lean' },
  ] as const;
  for (const { format, host } of variants) {
    const judgeBundle = async (name: string, dir?: string): Promise<Verdict> =>
      verdictOf((await analyzeContent(hiddenPackage(name, hiddenBundle(dir, format, host)), name)).findings);
    const control = await judgeBundle('bundle-control');
    const rows: { s: Sample; v: Verdict }[] = [];
    for (const c of cases)
      rows.push({ s: { family: c.family, name: c.name, dir: c.dir, heldOut: false }, v: await judgeBundle(c.name, c.dir) });
    const around = host === 'lean' ? 'two parsers' : 'ordinary libraries';
    table(`Payloads hidden in a minified ${format} bundle of ${around} (test/fixtures/hidden-in-bundle)`, rows);
    console.log(
      `\ncontrol (the same ${format} ${host} bundle, no payload): top ${control.top}${control.high ? ` — ${highLines(control).join('; ')}` : ''}`,
    );
  }
}

// Every corpus sample's JavaScript hidden in the lean ES module bundle: the same code, read as part of a
// library's main file instead of as its own package (install-time context is lost, so an
// install-time grade may drop; a sample found alone and not at all here is a miss of the bundle path).
{
  const rows: { s: Sample; v: Verdict }[] = [];
  let noJs = 0;
  for (const { s } of judged) {
    const bundle = await corpusBundle(s.dir);
    if (bundle === undefined) {
      noJs++;
      continue;
    }
    const v = verdictOf((await analyzeContent(hiddenPackage(s.name, bundle), s.name)).findings);
    rows.push({ s, v });
  }
  table(`Malicious corpus, each sample's JavaScript hidden in a lean ES module bundle (${noJs} samples have none)`, rows);
  const silent = rows.filter((r) => r.v.top === 'none' || r.v.top === 'info' || r.v.top === 'low');
  console.log(`\nat most low in the bundle (${silent.length}): ${silent.map((r) => `${r.s.family}/${r.s.name}`).join(', ') || 'none'}`);
}

const benign = benignSamples();
const fa: string[] = [];
for (const b of benign) {
  const v = await judgeDir(b.dir, `benign/${b.name}`);
  if (v.high) fa.push(`  - ${b.name}: ${highLines(v).join('; ')}`);
}
console.log(`\n## Benign look-alikes: ${benign.length} packages, high+ ${fa.length} (${pct(fa.length, benign.length)})`);
for (const l of fa) console.log(l);

if (!noTop) {
  const list = join(ROOT, 'bench', 'top1000-depended.txt');
  let names = readFileSync(list, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && (!only || only.has(l)));
  const want = limit ?? (only ? names.length : 1000);
  // Fetch in order until `want` names are served (removed spam packages are skipped and listed).
  let tarballs: Awaited<ReturnType<typeof ensureLatestTarballs>>['tarballs'] = [];
  const failed: { name: string; reason: string }[] = [];
  for (let from = 0; tarballs.length < want && from < names.length;) {
    const batch = names.slice(from, from + (want - tarballs.length));
    from += batch.length;
    const r = await ensureLatestTarballs(batch, join(ROOT, 'bench', '.work', 'top1000'), { log: (s) => process.stderr.write(`${s}\n`) });
    tarballs = [...tarballs, ...r.tarballs];
    failed.push(...r.failed);
  }
  names = names.slice(0, tarballs.length + failed.length);
  const flagged: string[] = [];
  const mediums: string[] = [];
  const t0 = performance.now();
  const slow: string[] = [];
  for (const [i, t] of tarballs.entries()) {
    const t1 = performance.now();
    const files = await readArchive(readFileSync(t.file), { strip: 'npm', origin: `${t.name}@${t.version}` });
    const v = verdictOf((await analyzeContent(files, `${t.name}@${t.version}`)).findings);
    const ms = performance.now() - t1;
    if (ms > 5000) slow.push(`${t.name}@${t.version} (${(ms / 1000).toFixed(1)} s)`);
    if (i % 50 === 49) process.stderr.write(`analysed ${i + 1}/${tarballs.length}\n`);
    if (v.mediumPlus && !v.high)
      mediums.push(
        `  - ${t.name}@${t.version}: ${v.findings
          .filter((f) => f.severity === 'medium')
          .map((f) => `${f.rule} — ${f.title} (${f.evidence.find((e) => e.file && e.line)?.file ?? ''})`)
          .join('; ')}${review(t.name)}`,
      );
    if (!v.high) continue;
    const why = v.findings
      .filter((f) => f.severity === 'high' || f.severity === 'critical')
      .map(
        (f) =>
          `${f.severity} ${f.rule} — ${f.title}\n      ${f.explanation.slice(0, 300)}\n      ${f.evidence
            .slice(0, 3)
            .map((e) => `${e.file ?? e.field ?? ''}${e.line ? `:${e.line}` : ''} ${(e.excerpt ?? String(e.value ?? '')).slice(0, 120)}`)
            .join('\n      ')}`,
      );
    flagged.push(`  - ${t.name}@${t.version}:\n    ${why.join('\n    ')}${review(t.name)}`);
  }
  const secs = ((performance.now() - t0) / 1000).toFixed(0);
  console.log(
    `\n## Top ${names.length} most-depended-upon npm packages (latest versions): ${tarballs.length} analysed in ${secs} s, high+ ${flagged.length} (${pct(flagged.length, tarballs.length)}), medium (top severity) ${mediums.length} (${pct(mediums.length, tarballs.length)})`,
  );
  if (slow.length) console.log(`slower than 5 s: ${slow.join(', ')}`);
  if (failed.length) console.log(`not fetched (${failed.length}): ${failed.map((f) => `${f.name} (${f.reason})`).join(', ')}`);
  console.log(`\nhigh or critical (${flagged.length}):${flagged.length ? '' : ' none'}`);
  for (const l of flagged) console.log(l);
  console.log(`\nmedium at most (${mediums.length}):${mediums.length ? '' : ' none'}`);
  for (const l of mediums) console.log(l);
}
