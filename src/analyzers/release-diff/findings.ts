/**
 * ReleaseDelta → findings: one finding per weighted signal (severity from its own weight), and,
 * when two or more signals combine, one `release-diff/takeover-risk` finding whose severity follows
 * the combined score and whose evidence lists every contributing signal with its weight.
 */
import type { AnalyzerRef, Evidence, Finding } from '../../core/types.js';
import type { ReleaseDelta } from './types.js';
import { severityForScore } from './weights.js';

const MAX_EVIDENCE = 24;

/** The three heaviest distinct rules, short names. */
function rulesOf(signals: { rule: string }[]): string {
  const names = [...new Set(signals.map((s) => s.rule.replace('release-diff/', '')))];
  return `${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}`;
}

export function deltaFindings(d: ReleaseDelta, subject: string, analyzer: AnalyzerRef): Finding[] {
  const weighted = d.signals.filter((s) => s.weight > 0);
  const range = d.from ? `${d.from} → ${d.to}` : d.to;
  const out: Finding[] = weighted.map((s) => ({
    rule: s.rule,
    severity: severityForScore(s.weight),
    confidence: s.source === 'metadata' ? 'high' : 'medium',
    subject,
    title: `${d.name} ${range}: ${s.title}`,
    evidence: s.evidence,
    explanation: `Weight ${s.weight} toward this release's takeover-risk score of ${d.score} (${d.severity}).${d.files ? ` Files: +${d.files.added} −${d.files.removed} ~${d.files.changed}.` : ''}`,
    remediation:
      'Compare the two releases (`vigil diff`) and check who published this one and why; pin the previous version until it is explained.',
    analyzer,
  }));
  if (weighted.length >= 2) {
    const byWeight = [...weighted].sort((a, b) => b.weight - a.weight);
    const summary: Evidence[] = byWeight.map((s) => ({ kind: 'text', label: `${s.rule} (+${s.weight})`, excerpt: s.title }));
    const detail = byWeight.flatMap((s) => s.evidence.slice(0, 2));
    out.push({
      rule: 'release-diff/takeover-risk',
      severity: d.severity,
      confidence: weighted.some((s) => s.source === 'metadata') && weighted.some((s) => s.source === 'content') ? 'high' : 'medium',
      subject,
      title: `${d.name} ${range}: takeover-risk score ${d.score} from ${weighted.length} signals (${rulesOf(byWeight)})`,
      evidence: [...summary, ...detail].slice(0, MAX_EVIDENCE),
      explanation: `Signals that together match how npm packages are taken over: ${byWeight.map((s) => `${s.title} (+${s.weight})`).join('; ')}. Score ${d.score} → ${d.severity}.`,
      remediation:
        'Hold this version back (pin the previous release) until the change is explained by the project; read the evidence lines and the install scripts first.',
      analyzer,
    });
  }
  return out;
}
