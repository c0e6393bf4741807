/** Shared fixtures for report tests: the sample scan, the rule catalogue, a synthetic big scan. */
import { readFileSync } from 'node:fs';
import type { ScanResult } from '../../src/core/result.js';
import { finalizeResult, newResult } from '../../src/core/result-builder.js';
import { npmPurl } from '../../src/core/purl.js';
import type { Finding, Severity } from '../../src/core/types.js';
import type { RuleInfo } from '../../src/core/rule.js';

const fixture = (name: string): string => new URL(`../fixtures/report/${name}`, import.meta.url).pathname;

export function sample(): ScanResult {
  return load('sample-scan.json');
}

/** Other commands' results: `history-xz.json`, `host-debian.json`, `affected-xz.json`. */
export function load(name: string): ScanResult {
  return JSON.parse(readFileSync(fixture(name), 'utf8')) as ScanResult;
}

export function rules(): RuleInfo[] {
  return JSON.parse(readFileSync(fixture('rules.json'), 'utf8')) as RuleInfo[];
}

export const fixturePath = fixture;

/** A deterministic pseudo-random scan: `n` components in a layered graph, findings on ~1 in 12. */
export function synthetic(n: number): ScanResult {
  const r = newResult('scan', '/srv/big-app', 'big-app');
  let seed = 42;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const sevs: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];
  r.inventory.sources = [{ file: 'package-lock.json', format: 'package-lock@3' }];
  r.inventory.roots = [{ id: 'root:big-app', name: 'big-app', path: '.' }];
  const scoring: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const name = i % 7 === 0 ? `@scope${i % 13}/pkg-${i}` : `pkg-${i}`;
    const purl = npmPurl(name, `1.${i % 17}.${i % 5}`);
    r.inventory.components.push({
      purl,
      ecosystem: 'npm',
      name,
      version: `1.${i % 17}.${i % 5}`,
      locations: [{ file: 'package-lock.json', line: 10 + i * 14 }],
      dev: i % 5 === 0,
      optional: false,
    });
    const from = i < 20 ? 'root:big-app' : r.inventory.components[Math.floor(rnd() * i)]!.purl;
    r.inventory.edges.push({ from, to: purl, kind: i % 5 === 0 ? 'dev' : 'prod' });
    scoring[purl] = {
      criticality: rnd(),
      fragility: rnd(),
      suspicion: rnd() ** 4,
      factors: [{ name: 'dependents', value: Math.floor(rnd() * 50) }],
    };
    if (i % 12 === 0) {
      const f: Finding = {
        rule: ['npm/install-script', 'content/obfuscated-payload', 'release/new-publisher', 'advisory/known-vulnerable'][i % 4]!,
        severity: sevs[Math.floor(rnd() * 5)]!,
        confidence: 'medium',
        subject: purl,
        title: `Synthetic finding ${i}`,
        evidence: [
          { kind: 'file', file: 'package/index.js', line: (i % 90) + 1, excerpt: `eval(Buffer.from("${'a'.repeat(40)}", "base64"))` },
        ],
        explanation: 'Synthetic explanation of moderate length to approximate real output sizes in reports.',
        analyzer: { id: 'synthetic', version: '1' },
      };
      r.findings.push(f);
    }
  }
  r.facts = { scoring };
  return finalizeResult(r);
}
