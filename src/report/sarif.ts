/**
 * `renderSarif(result, rules)`: SARIF 2.1.0 for code scanning. Deterministic for equal findings
 * (no timestamps, findings in catalogue order), with `partialFingerprints` from the finding
 * fingerprint so alerts keep their identity across re-scans, and suppressed findings carried as
 * SARIF suppressions rather than dropped.
 */
import type { Log, Notification, Result } from 'sarif';
import type { ScanResult } from '../core/result.js';
import { compareFindings, fingerprint } from '../core/result-builder.js';
import type { Evidence, SourceLocation } from '../core/types.js';
import type { RuleInfo } from '../core/rule.js';
import { locationsFor, physical } from './sarif/locations.js';
import { descriptor, level, SECURITY_SEVERITY, stubDescriptor } from './sarif/rules.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Key under `partialFingerprints`; bump the version if the fingerprint recipe changes. */
export const FINGERPRINT_KEY = 'vigilFindingHash/v1';

function evidenceLine(e: Evidence): string {
  const where = e.file ? `${e.file}${e.line ? `:${e.line}` : ''}` : '';
  const parts = [
    e.label,
    where,
    e.commit ? `commit ${e.commit}` : '',
    e.field ? `${e.field}` : '',
    e.messageId ?? '',
    e.path?.join(' > ') ?? '',
    e.url ?? '',
  ];
  const excerpt = e.excerpt ? `: ${e.excerpt.split('\n')[0]!.slice(0, 160)}` : '';
  return `${parts.filter(Boolean).join(' ')}${excerpt}`;
}

export interface SarifOptions {
  /**
   * The repository root, when it is not the scanned directory (a subdirectory or a lockfile was
   * scanned): locations are made relative to it so code scanning finds the files.
   */
  srcRoot?: string;
}

export function buildSarif(result: ScanResult, rules: RuleInfo[] = [], opts: SarifOptions = {}): Log {
  const base = { targetPath: result.target.path, ...(opts.srcRoot !== undefined ? { srcRoot: opts.srcRoot } : {}) };
  const findings = [...result.findings].sort(compareFindings);
  const catalogue = new Map(rules.map((r) => [r.id, r]));
  const used = [...new Set(findings.map((f) => f.rule))];
  const ids = [...rules.map((r) => r.id), ...used.filter((id) => !catalogue.has(id)).sort()];
  const ruleIndex = new Map(ids.map((id, i) => [id, i]));
  const descriptors = ids.map((id) => {
    const info = catalogue.get(id);
    return info ? descriptor(info) : stubDescriptor(id, findings.find((f) => f.rule === id)!.severity);
  });
  const declared = new Map<string, SourceLocation[]>(result.inventory.components.map((c) => [c.purl, c.locations]));

  const results: Result[] = findings.map((f) => {
    const ev = f.evidence.slice(0, 5).map(evidenceLine).filter(Boolean);
    const text = [
      `${f.title} (${f.subject})`,
      f.explanation,
      ...ev.map((l) => `Evidence: ${l}`),
      f.remediation ? `Remediation: ${f.remediation}` : '',
    ]
      .filter(Boolean)
      .join('\n');
    const r: Result = {
      ruleId: f.rule,
      ruleIndex: ruleIndex.get(f.rule)!,
      level: level(f.severity),
      message: { text },
      locations: locationsFor(f, result, declared, base),
      partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint ?? fingerprint(f) },
      properties: {
        subject: f.subject,
        severity: f.severity,
        confidence: f.confidence,
        'security-severity': SECURITY_SEVERITY[f.severity],
        analyzer: `${f.analyzer.id}@${f.analyzer.version}`,
        evidence: f.evidence,
      },
    };
    if (f.suppressed) {
      r.suppressions = [
        {
          kind: 'external',
          status: 'accepted',
          justification: f.suppressed.reason,
          ...(f.suppressed.expires ? { properties: { expires: f.suppressed.expires } } : {}),
        },
      ];
    }
    return r;
  });

  const notifications: Notification[] = [...result.inventory.problems, ...result.problems].map((p) => ({
    level: 'warning',
    message: { text: `${p.code}: ${p.message}${p.hint ? ` (${p.hint})` : ''}` },
    ...(p.file ? { locations: [physical({ file: p.file, ...(p.line ? { line: p.line } : {}) }, base)] } : {}),
  }));

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'vigil', version: result.tool.version, semanticVersion: result.tool.version, rules: descriptors } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        columnKind: 'utf16CodeUnits',
        results,
        properties: { command: result.command, target: result.target.key, components: result.inventory.components.length },
      },
    ],
  };
}

export function renderSarif(result: ScanResult, rules: RuleInfo[] = [], opts: SarifOptions = {}): string {
  return `${JSON.stringify(buildSarif(result, rules, opts), null, 2)}\n`;
}
