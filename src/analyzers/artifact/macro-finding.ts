/**
 * Findings for one m4 macro judged against the catalogue, graded by what changed: comments or
 * version strings only → low; a small change with nothing the scanner flags → medium (what
 * distribution patches look like); an unknown serial, a large change or decoding idioms → high.
 */
import type { Evidence, Finding, Severity } from '../../core/types.js';
import { scanShell } from '../content/shell-scan.js';
import type { MacroTexts, MacroVerdict } from '../../sources/macros/types.js';
import { diffLines, renderChanges, type LineChange } from './line-diff.js';
import { ARTIFACT_ANALYZER, ARTIFACT_RULES as R } from './rules.js';

export function finding(
  subject: string,
  rule: string,
  severity: Severity,
  title: string,
  explanation: string,
  evidence: Evidence[],
  remediation?: string,
): Finding {
  return {
    rule,
    severity,
    confidence: 'high',
    subject,
    title,
    explanation,
    evidence,
    analyzer: { ...ARTIFACT_ANALYZER },
    ...(remediation ? { remediation } : {}),
  };
}

/** Strongest idioms first, so titles and evidence lead with them. */
const STRENGTH = [
  'tr-swap',
  'silenced-decompress',
  'decompress-to-shell',
  'decode-to-shell',
  'eval-computed',
  'grep-binary-marker',
  'download-exec',
  'reverse-shell',
  'carve',
];
export const byStrength = <T extends { idiom: string; line: number }>(hits: T[]): T[] =>
  [...hits].sort((a, b) => STRENGTH.indexOf(a.idiom) - STRENGTH.indexOf(b.idiom) || a.line - b.line);

/** m4 comment or blank: `#` and `dnl` lines do not change what a macro expands to as code. */
const isComment = (l: string): boolean => /^\s*(?:#|dnl\b|$)/.test(l);

/** Added and removed lines pair up once version-like tokens (`2.4.7`, `2.4.7-dirty`) are masked. */
function onlyVersionStrings(changes: LineChange[]): boolean {
  const mask = (t: string): string => t.replace(/\d+(?:\.\d+)+(?:[-+~][\w.]+)?/g, 'V');
  const count = new Map<string, number>();
  for (const c of changes) count.set(mask(c.text), (count.get(mask(c.text)) ?? 0) + (c.op === '+' ? 1 : -1));
  return [...count.values()].every((n) => n === 0);
}

export function macroFinding(
  subject: string,
  path: string,
  m: MacroVerdict,
  body: string,
  texts: (() => MacroTexts | undefined) | undefined,
): Finding | undefined {
  if (m.status === 'canonical' || m.status === 'not-catalogued') return undefined;
  const near = m.nearest;
  const nearLabel = near ? `${near.from.join(', ')} (serial ${near.serial || 'none'})` : 'no canonical version';
  const canon = near ? texts?.()?.[near.sha256] : undefined;
  const changes: LineChange[] = canon ? diffLines(canon, body) : [];
  const serialEv: Evidence = {
    kind: 'file',
    file: path,
    field: 'serial',
    label: '# serial',
    before: m.knownSerials.join(', ') || 'none',
    after: m.serial ?? 'none',
  };
  const digestEv: Evidence = {
    kind: 'digest',
    file: path,
    label: 'sha256 of normalized content',
    value: m.sha256,
    ...(near ? { before: near.sha256 } : {}),
  };
  const diffEv: Evidence = canon
    ? { kind: 'text', file: path, label: `diff against ${nearLabel}`, excerpt: renderChanges(changes, 60) }
    : { kind: 'text', file: path, label: `canonical text of ${nearLabel} not shipped; compare by hash` };
  if (m.status === 'unlisted-serial') {
    return finding(
      subject,
      R.unlistedMacro,
      'low',
      `${path}: serial ${m.serial} is not in the macro catalogue`,
      `Known serials of ${m.name}: ${m.knownSerials.join(', ')}. This one lies between them (likely an upstream release Debian never shipped) and could not be checked.`,
      [serialEv, digestEv],
    );
  }
  const hits = byStrength(scanShell(body, path).hits.filter((h) => !canon || changes.some((x) => x.op === '+' && x.line === h.line)));
  if (canon && m.status === 'modified' && changes.length && changes.every((x) => isComment(x.text))) {
    return finding(
      subject,
      R.modifiedMacro,
      'low',
      `${path}: ${m.name} differs from ${nearLabel} only in comments`,
      `Same serial ${m.serial ?? 'none'} as the upstream version; the ${changes.length} changed line(s) are all m4/shell comments, so the code it expands to is unchanged (often a distribution patch).`,
      [serialEv, diffEv, digestEv],
    );
  }
  if (canon && m.status === 'modified' && changes.length && onlyVersionStrings(changes)) {
    return finding(
      subject,
      R.modifiedMacro,
      'low',
      `${path}: ${m.name} differs from ${nearLabel} only in version strings`,
      `Same serial ${m.serial ?? 'none'}; every changed line equals an upstream line once version numbers are masked (e.g. a tool built from a modified checkout reports "2.4.7-dirty").`,
      [serialEv, diffEv, digestEv],
    );
  }
  const why =
    m.status === 'unknown-serial'
      ? `serial ${m.serial} is newer than any upstream version the catalogue knows (${m.knownSerials.join(', ')})`
      : m.status === 'no-serial'
        ? 'it has no serial line, while every upstream version has one'
        : `its content differs from every upstream version with serial ${m.serial ?? 'none'}`;
  // Same serial, a small change and nothing the scanner flags: what distribution patches look like
  // (Fedora's lib64 search path in libtool.m4). Still reported with the diff, one level lower.
  const added = changes.filter((x) => x.op === '+').length;
  const severity = m.status === 'modified' && canon && hits.length === 0 && added <= 20 ? 'medium' : 'high';
  return finding(
    subject,
    R.modifiedMacro,
    severity,
    `${path}: ${m.name} is not an upstream version (${why})`,
    `${m.name} is a third-party macro copied in at release time, but ${why}. Compared with ${nearLabel}: ${changes.filter((x) => x.op === '+').length} line(s) added, ${changes.filter((x) => x.op === '-').length} removed.`,
    [
      serialEv,
      diffEv,
      ...hits.slice(0, 8).map((h) => ({ kind: 'file' as const, file: path, line: h.line, label: h.detail ?? h.idiom, excerpt: h.excerpt })),
      digestEv,
    ],
    'Regenerate the build system from the tagged source with upstream autotools and compare; do not build this release until the macro is explained.',
  );
}
