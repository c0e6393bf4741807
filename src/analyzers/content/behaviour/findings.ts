/** Chains → findings: one per chain kind and phase, the strongest chain as evidence, every hop with file:line. */
import type { Confidence, Evidence, Severity } from '../../../core/types.js';
import { CONTENT_RULES as R } from '../rules.js';
import type { BehaviourFacts, Chain, ChainKind } from './types.js';

type Emit = (
  rule: string,
  severity: Severity,
  confidence: Confidence,
  title: string,
  evidence: Evidence[],
  explanation: string,
  remediation?: string,
) => void;

const RULE: Record<ChainKind, string> = {
  'secret-exfiltration': R.secretExfiltration,
  'identity-beacon': R.identityBeacon,
  'remote-code': R.remoteCode,
  'decoded-exec': R.decodedExec,
  persistence: R.persistence,
  'reverse-shell': R.reverseShell,
  sabotage: R.sabotage,
  'browser-hijack': R.browserHijack,
};

const REMEDY: Partial<Record<ChainKind, string>> = {
  'secret-exfiltration': 'Do not install this version; rotate every token and key present on machines that installed or ran it.',
  'identity-beacon':
    'Do not install this version; if it was installed, check whether the package name is one of your private package names (dependency confusion).',
  'reverse-shell': 'Do not install or run this version; treat machines that did as compromised.',
  persistence: 'Do not install this version; inspect and restore the files it writes.',
};

/**
 * A persistence write below high: at run time, or in install code that nothing run at install calls.
 * Either way installing the package does not run it: what to check instead of "do not install".
 */
const REVIEW_WRITE =
  'Review when this write runs and what it writes (the evidence names the file and the function or command): installing the package does not run it, so allow it if that use is expected.';
const RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

export function hopEvidence(c: Chain): Evidence[] {
  return c.hops.map((h): Evidence => {
    if (h.role === 'entry' && h.file === 'package.json')
      return { kind: 'metadata', field: h.detail ?? 'entry', value: h.excerpt, label: `entry (${h.kind})` };
    return {
      kind: 'file',
      file: h.file,
      ...(h.line ? { line: h.line } : {}),
      excerpt: h.excerpt,
      label: `${h.role}: ${h.kind}${h.detail ? ` — ${h.detail}` : ''}`,
    };
  });
}

/** `entry → source → transform → sink` as one line, each hop with file:line. */
export function chainText(c: Chain): string {
  return c.hops
    .map((h) => (h.role === 'entry' ? `${h.excerpt.split(':')[0]}` : `${h.role} ${h.kind} (${h.file}${h.line ? `:${h.line}` : ''})`))
    .join(' → ');
}

export function behaviourFindings(b: BehaviourFacts | undefined, emit: Emit): void {
  if (!b) return;
  const groups = new Map<string, Chain[]>();
  for (const c of b.chains) {
    if (c.severity === 'info') continue;
    const k = `${c.kind}|${c.phase}`;
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  for (const cs of groups.values()) {
    const top = cs[0]!;
    // Identity sent along with secrets is part of the theft: the secret chain tells the story.
    if (top.kind === 'identity-beacon' && groups.has(`secret-exfiltration|${top.phase}`)) continue;
    const more = cs.length > 1 ? ` (+${cs.length - 1} more)` : '';
    const when = top.phase === 'install' ? 'at install time' : 'when the package is used';
    emit(
      RULE[top.kind],
      top.severity,
      top.proven ? 'high' : 'medium',
      `${top.summary}${more}`,
      [
        ...hopEvidence(top),
        ...cs.slice(1, 3).flatMap((c) =>
          hopEvidence(c)
            .filter((e) => e.kind === 'file')
            .slice(-2),
        ),
      ],
      `Chain ${when}${top.proven ? ' (data flow traced in one file)' : ' (reached from the same entry point, flow not traced)'}: ${chainText(top)}.`,
      top.kind === 'persistence' && RANK[top.severity] < RANK.high ? REVIEW_WRITE : REMEDY[top.kind],
    );
  }
}
