/** Helpers shared by the npm analyzers: the package.json inside a release, and finding construction. */
import type { PackageFiles } from '../../sources/archive/types.js';
import type { Evidence, Finding, InventoryComponent } from '../../core/types.js';
import type { RuleInfo } from '../../core/rule.js';

export interface TarballManifest {
  json: Record<string, unknown>;
  /** Raw text, for line lookups in evidence. */
  text: string;
}

/** The package.json at the root of the release files, or undefined (missing or not JSON). */
export function tarballManifest(files: PackageFiles | undefined): TarballManifest | undefined {
  const f = files?.files.find((x) => x.path === 'package.json');
  if (!f?.data) return undefined;
  const text = f.data.toString('utf8');
  try {
    const json = JSON.parse(text) as unknown;
    return json && typeof json === 'object' && !Array.isArray(json) ? { json: json as Record<string, unknown>, text } : undefined;
  } catch {
    return undefined;
  }
}

/** 1-based line of the first occurrence of `"key"` in a JSON text (for evidence), if found. */
export function lineOfKey(text: string, key: string): number | undefined {
  const i = text.indexOf(JSON.stringify(key));
  if (i < 0) return undefined;
  let line = 1;
  for (let k = 0; k < i; k++) if (text.charCodeAt(k) === 10) line++;
  return line;
}

export function stringRecord(v: unknown): Record<string, string> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (typeof x === 'string') out[k] = x;
  return out;
}

export function makeFinding(
  rule: RuleInfo,
  analyzer: { id: string; version: string },
  c: InventoryComponent,
  parts: Pick<Finding, 'title' | 'explanation'> &
    Partial<Pick<Finding, 'severity' | 'confidence' | 'remediation'>> & { evidence: Evidence[] },
): Finding {
  return {
    rule: rule.id,
    severity: parts.severity ?? rule.severity,
    confidence: parts.confidence ?? 'high',
    subject: c.purl,
    title: parts.title,
    evidence: parts.evidence,
    explanation: parts.explanation,
    remediation: parts.remediation,
    analyzer: { id: analyzer.id, version: analyzer.version },
  };
}
