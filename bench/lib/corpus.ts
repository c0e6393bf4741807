/**
 * The detection corpus: test/fixtures/malicious/<family>/<sample>/ (inert reconstructions of
 * documented attacks, each with a SOURCE.md) and test/fixtures/benign-lookalikes/<name>/.
 * A sample's SOURCE.md says `Batch: held-out` when it was written after the rules were frozen.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readDirectory } from '../../src/sources/archive/index.js';
import { analyzeContent } from '../../src/analyzers/content/index.js';
import type { Finding, Severity } from '../../src/core/types.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const MALICIOUS = join(ROOT, 'test', 'fixtures', 'malicious');
export const BENIGN = join(ROOT, 'test', 'fixtures', 'benign-lookalikes');

const RANK: Record<Severity | 'none', number> = { none: -1, info: 0, low: 1, medium: 2, high: 3, critical: 4 };

export interface Sample {
  family: string;
  name: string;
  dir: string;
  heldOut: boolean;
}

export interface Verdict {
  top: Severity | 'none';
  high: boolean;
  mediumPlus: boolean;
  findings: Finding[];
}

const dirs = (d: string): string[] =>
  existsSync(d)
    ? readdirSync(d)
        .filter((x) => statSync(join(d, x)).isDirectory())
        .sort()
    : [];

export function maliciousSamples(): Sample[] {
  return dirs(MALICIOUS).flatMap((family) =>
    dirs(join(MALICIOUS, family)).map((name) => {
      const src = join(MALICIOUS, family, name, 'SOURCE.md');
      const heldOut = existsSync(src) && /^Batch:\s*held-out/im.test(readFileSync(src, 'utf8'));
      return { family, name, dir: join(MALICIOUS, family, name), heldOut };
    }),
  );
}

export function benignSamples(): { name: string; dir: string }[] {
  return dirs(BENIGN).map((name) => ({ name, dir: join(BENIGN, name) }));
}

export function topSeverity(findings: Finding[]): Severity | 'none' {
  let top: Severity | 'none' = 'none';
  for (const f of findings) if (RANK[f.severity] > RANK[top]) top = f.severity;
  return top;
}

export function verdictOf(findings: Finding[]): Verdict {
  const top = topSeverity(findings);
  return { top, high: RANK[top] >= RANK.high, mediumPlus: RANK[top] >= RANK.medium, findings };
}

export async function judgeDir(dir: string, subject: string): Promise<Verdict> {
  const { findings } = await analyzeContent(await readDirectory(dir), subject);
  return verdictOf(findings);
}

/** `rule severity — title` of the high/critical findings. */
export function highLines(v: Verdict): string[] {
  return v.findings.filter((f) => RANK[f.severity] >= RANK.high).map((f) => `${f.severity} ${f.rule} — ${f.title}`);
}
