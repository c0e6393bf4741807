/** Turn an advisory hit into a Finding with checkable evidence (ids, affected range, path). */
import type { Evidence, Finding } from '../../core/types.js';
import type { AffectedPackage } from '../../sources/osv/index.js';
import type { AdvisoryHit } from './match.js';
import { RULE_MALICIOUS, RULE_VULNERABLE } from './rules.js';

export const ANALYZER_ID = 'advisories';
export const ANALYZER_VERSION = '1.0.0';

/** `>=5.5.1alpha-0.1 <5.6.1+really5.4.5-1`, `=3.3.6`: the affected range as a short text. */
export function describeAffected(pkg: AffectedPackage): string {
  const parts: string[] = [];
  for (const r of pkg.ranges) {
    if (r.type === 'GIT') continue;
    let cur: string[] = [];
    for (const e of r.events) {
      if (e.kind === 'introduced') {
        if (cur.length) parts.push(cur.join(' '));
        cur = [e.version === '0' ? '>=0' : `>=${e.version}`];
      } else if (e.kind === 'fixed') cur.push(`<${e.version}`);
      else if (e.kind === 'last_affected') cur.push(`<=${e.version}`);
      else if (e.version !== '*') cur.push(`<${e.version} (limit)`);
    }
    if (cur.length) parts.push(cur.join(' '));
  }
  if (pkg.versions.length) parts.push(pkg.versions.map((v) => `=${v}`).join(' || '));
  return parts.join(' || ');
}

export function hitToFinding(hit: AdvisoryHit, remediation?: string): Finding {
  const c = hit.component;
  const aliases = hit.ids.filter((i) => i !== hit.group.id);
  const evidence: Evidence[] = hit.matches.map((m) => ({
    kind: 'advisory',
    label: m.advisory.id,
    field: `${m.pkg.ecosystem || m.pkg.kind}:${m.pkg.name}`,
    value: describeAffected(m.pkg),
    excerpt: m.advisory.summary,
    url: m.advisory.references[0]?.url,
    date: m.advisory.published,
  }));
  evidence.push({ kind: 'path', label: 'dependency path', path: hit.path });
  const loc = c.locations[0];
  if (loc) evidence.push({ kind: 'file', label: 'declared in', file: loc.file, line: loc.line });
  const kind = hit.malicious ? 'malicious release' : 'known vulnerability';
  return {
    rule: hit.malicious ? RULE_MALICIOUS : RULE_VULNERABLE,
    severity: hit.severity,
    confidence: 'high',
    subject: c.purl,
    title: `${c.name}@${c.version}: ${hit.group.id} (${kind}) — ${hit.summary}`,
    evidence,
    explanation:
      `${c.name} ${c.version} is inside the affected versions of ${hit.group.id}` +
      (aliases.length ? ` (also ${aliases.join(', ')})` : '') +
      `. ${hit.summary}. Reached through ${hit.path.join(' > ')}.` +
      (hit.references.length ? ` References: ${hit.references.slice(0, 5).join(' ')}` : ''),
    remediation,
    analyzer: { id: ANALYZER_ID, version: ANALYZER_VERSION },
  };
}
