/**
 * npm/manifest-confusion: the registry's version document and the package.json inside the tarball
 * disagree. npm installs dependencies and runs scripts from the registry manifest, but people (and
 * many tools) read the tarball's package.json — so a difference can hide what really runs.
 */
import { NPM_ANALYZER_CODE } from './code.js';
import type { ComponentAnalyzer } from '../types.js';
import type { Evidence } from '../../core/types.js';
import { manifestConfusionRule } from './rules.js';
import { lineOfKey, makeFinding, stringRecord, tarballManifest } from './manifest.js';

const FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies', 'scripts', 'bin'] as const;
/** Scripts npm itself rewrites when publishing (e.g. adds install for binding.gyp) are not a confusion. */
const NPM_ADDED_SCRIPTS = new Set(['install']);

function normalizeBin(v: unknown, name: string): Record<string, string> {
  if (typeof v === 'string') return { [name.startsWith('@') ? name.split('/')[1]! : name]: v.replace(/^\.\//, '') };
  const rec = stringRecord(v);
  return Object.fromEntries(Object.entries(rec).map(([k, x]) => [k, x.replace(/^\.\//, '')]));
}

export const manifestConfusionAnalyzer: ComponentAnalyzer = {
  kind: 'component',
  id: 'npm-manifest-confusion',
  version: '1.0.0',
  needs: { tarball: true, packument: true },
  code: NPM_ANALYZER_CODE,
  rules: [manifestConfusionRule],
  appliesTo: (c) => c.ecosystem === 'npm',
  analyze(ctx) {
    const tm = tarballManifest(ctx.files);
    const reg = ctx.manifest;
    if (!tm || !reg) return { findings: [] };
    const evidence: Evidence[] = [];
    for (const field of FIELDS) {
      const a = field === 'bin' ? normalizeBin(reg.bin, reg.name) : stringRecord(reg[field]);
      const b = field === 'bin' ? normalizeBin(tm.json.bin, reg.name) : stringRecord(tm.json[field]);
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (a[key] === b[key]) continue;
        if (
          field === 'scripts' &&
          key in a &&
          !(key in b) &&
          NPM_ADDED_SCRIPTS.has(key) &&
          ctx.files?.files.some((f) => f.path === 'binding.gyp')
        )
          continue;
        evidence.push({
          kind: 'metadata',
          label: `${field}.${key}`,
          field: `${field}.${key}`,
          before: b[key] ?? null,
          after: a[key] ?? null,
          file: 'package.json',
          line: lineOfKey(tm.text, key),
          excerpt: `registry: ${JSON.stringify(a[key] ?? null)} / tarball package.json: ${JSON.stringify(b[key] ?? null)}`,
        });
      }
    }
    if (evidence.length === 0) return { findings: [] };
    const c = ctx.component;
    return {
      findings: [
        makeFinding(manifestConfusionRule, manifestConfusionAnalyzer, c, {
          title: `${c.name}@${c.version}: registry manifest and tarball package.json disagree on ${evidence.length} field(s)`,
          evidence,
          explanation:
            'Each evidence item shows the value npm will act on (registry) next to the value shipped in the tarball. `before` is the tarball value, `after` the registry value.',
          remediation:
            'Treat the registry values as what will run. If they add a dependency or a script you did not expect, pin to an earlier version and report the package to the registry.',
        }),
      ],
    };
  },
};
