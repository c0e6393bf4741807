/**
 * history/broken-feature-check: a compile-test snippet in a build file that compiled before (or is
 * new) and now has a C syntax error. Old and new snippets are paired by result variable when the
 * build system names one, else by their text; a snippet broken in the same way before is not new.
 */
import type { Finding } from '../../../core/types.js';
import type { ResolvedCommit } from '../model.js';
import { checkCSyntax, type CSyntaxVerdict } from '../c-syntax.js';
import { extractSnippets, type Snippet } from '../snippets.js';
import { authorWeight, commitEvidence, describeAuthor, finding, type SignalContext } from './context.js';

export interface SnippetCandidate {
  rc: ResolvedCommit;
  path: string;
  oldBlob?: string;
  newBlob?: string;
}

const SECURITY_CHECK =
  /(landlock|seccomp|pledge|unveil|capsicum|cap_enter|sandbox|PR_SET_NO_NEW_PRIVS|stack.protector|fortify|relro|\bpie\b|cet|bti|shadow.stack|mprotect|noexecstack)/i;

interface CheckedSnippet extends Snippet {
  verdict: CSyntaxVerdict;
  norm: string;
}

/** Snippets of a blob with their verdicts, computed once per blob (a blob is "new" in one commit and "old" in the next). */
export type SnippetMemo = Map<string, CheckedSnippet[]>;

function checked(memo: SnippetMemo, path: string, sha: string | undefined, blobs: Map<string, Buffer>): CheckedSnippet[] | undefined {
  if (!sha) return [];
  const hit = memo.get(sha);
  if (hit) return hit;
  const buf = blobs.get(sha);
  if (!buf) return undefined;
  const list = extractSnippets(path, buf.toString('utf8')).map((s) => ({ ...s, verdict: checkCSyntax(s.code), norm: norm(s.code) }));
  memo.set(sha, list);
  return list;
}

export function brokenFeatureChecks(
  ctx: SignalContext,
  cand: SnippetCandidate,
  blobs: Map<string, Buffer>,
  memo: SnippetMemo = new Map(),
): Finding[] {
  const newSnips = checked(memo, cand.path, cand.newBlob, blobs);
  if (!newSnips || newSnips.every((s) => s.verdict.ok)) return [];
  const oldSnips = checked(memo, cand.path, cand.oldBlob, blobs) ?? [];
  const oldBroken = new Set(oldSnips.filter((s) => !s.verdict.ok).map(key));
  const oldByVar = new Map(oldSnips.filter((s) => s.variable).map((s) => [s.variable!, s]));
  const oldCodes = new Set(oldSnips.map((s) => s.norm));
  const out: Finding[] = [];
  for (const s of newSnips) {
    const v = s.verdict;
    if (v.ok || oldBroken.has(key(s)) || oldCodes.has(s.norm)) continue;
    const before = s.variable ? oldByVar.get(s.variable) : undefined;
    if (before && !before.verdict.ok) continue;
    const w = authorWeight(ctx, cand.rc);
    const security = SECURITY_CHECK.test(s.code) || SECURITY_CHECK.test(s.variable ?? '');
    const severity = security ? (w.newcomer ? 'high' : 'medium') : w.newcomer ? 'medium' : 'low';
    const badLine = s.code.split('\n')[(v.line ?? 1) - 1] ?? '';
    const fileLine = s.codeLine !== undefined ? s.codeLine + (v.line ?? 1) - 1 : s.line;
    out.push(
      finding(
        ctx,
        'history/broken-feature-check',
        severity,
        security && w.newcomer ? 'high' : 'medium',
        `${s.macro}${s.variable ? ` (${s.variable})` : ''} in ${cand.path} can no longer compile: ${v.error}`,
        [commitEvidence(cand.rc, undefined, cand.path, badLine, fileLine)],
        `The compile-test snippet of ${s.macro}${s.variable ? ` for ${s.variable}` : ''} has a C syntax error (${v.error}, snippet line ${v.line}), so the check always fails and the build silently treats the feature as unavailable${security ? ' — here a sandbox or hardening feature' : ''}. Introduced by ${describeAuthor(w)}.`,
        'Fix the snippet and make the build fail loudly (or print the result) when a security feature is not detected.',
      ),
    );
  }
  return out;
}

const norm = (c: string) => c.replace(/\s+/g, ' ').trim();
const key = (s: CheckedSnippet) => `${s.variable ?? ''}\n${s.norm}`;
