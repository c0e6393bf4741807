/**
 * False alarms of the binary analyzer on npm's prebuilt native packages: every ELF file in the npm
 * tarballs cached by the other benches (bench/.work/registry/tarballs: the scan fixtures' mirror,
 * platform packages included; bench/.work/top1000: the most-depended-upon packages). These are
 * ordinary published releases: anything at medium or above is listed for review.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readArchive } from '../../src/sources/archive/read-archive.js';
import { analyzeBinaries } from '../../src/analyzers/binary/package.js';
import type { Finding } from '../../src/core/types.js';

export async function npmPrebuilds(dirs: string[]): Promise<string[]> {
  const tarballs = dirs.filter(existsSync).flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.tgz'))
      .map((f) => join(d, f)),
  );
  if (tarballs.length === 0) return ['npm prebuilds: skipped (no cached tarballs: run `npm run bench` or bench:detection first)'];
  let withElf = 0;
  let elfFiles = 0;
  let resolvers = 0;
  let notAnalysed = 0;
  const findings: Finding[] = [];
  for (const t of tarballs) {
    let files;
    try {
      files = await readArchive(t, { strip: 'npm', origin: t.split('/').pop()! });
    } catch {
      continue;
    }
    const r = analyzeBinaries(files, {
      subject: t
        .split('/')
        .pop()!
        .replace(/\.tgz$/, ''),
      ecosystem: 'npm',
    });
    if (r.facts.files.length + r.facts.unreadable.length === 0) continue;
    withElf++;
    elfFiles += r.facts.files.length;
    notAnalysed += r.facts.unreadable.length;
    resolvers += r.facts.files.reduce((n, f) => n + f.ifuncs.length, 0);
    findings.push(...r.findings);
  }
  const sev = (s: string): number => findings.filter((f) => f.severity === s).length;
  return [
    `npm prebuilds: ${tarballs.length} cached tarballs, ${withElf} with ELF files; ${elfFiles} ELF files analysed, ${notAnalysed} not (larger than the archive read cap), IFUNC resolvers judged: ${resolvers}`,
    `npm prebuild findings: ${sev('critical')} critical · ${sev('high')} high · ${sev('medium')} medium · ${sev('low')} low · ${sev('info')} info`,
    ...findings
      .filter((x) => ['medium', 'high', 'critical'].includes(x.severity))
      .map((f) => `  ${f.severity.padEnd(6)} ${f.rule}  ${f.subject}  ${f.title}`),
  ];
}
