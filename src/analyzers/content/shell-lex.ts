/**
 * Linear-time building blocks for matching shell idioms. Patterns of the form `A[^S]*B` are
 * quadratic (or worse, when A or B overlap the gap) on hostile lines: every A is a new start that
 * scans to the end of its S-free run. Here a line is cut at the stop characters first and each piece
 * is searched once for its first A, then once for B after it: a later A in the same piece can only
 * give a match the first one gives too, so the answer is the same and every character is looked at
 * a bounded number of times. Quotes are not tracked (the idioms never needed them).
 */

/** A simple command of a logical line and the operator that joins it to the previous one. */
export interface Segment {
  text: string;
  /** '' for the first, else '|', '||', '&&', ';' or '&'. */
  before: string;
}

/** Split at `|`, `||`, `&&`, `;`, `&` in one pass; `>&`, `&>`, `2>&1` are redirections, not separators. */
export function segments(line: string): Segment[] {
  const out: Segment[] = [];
  let start = 0;
  let before = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c !== '|' && c !== ';' && c !== '&') continue;
    if (c === '&' && (line[i - 1] === '>' || line[i + 1] === '>')) continue;
    const op = (c === '|' || c === '&') && line[i + 1] === c ? c + c : c;
    out.push({ text: line.slice(start, i), before });
    before = op;
    i += op.length - 1;
    start = i + 1;
  }
  out.push({ text: line.slice(start), before });
  return out;
}

/**
 * `A[^stop]*B` without backtracking: for each piece of `text` between stop characters, the first
 * match of `a`, then `b` anywhere after it in the same piece. `a` and `b` must not be global.
 */
export function thenIn(text: string, a: RegExp, b: RegExp, stop?: RegExp): boolean {
  for (const piece of stop ? text.split(stop) : [text]) {
    const m = a.exec(piece);
    if (m && b.test(piece.slice(m.index + m[0].length))) return true;
  }
  return false;
}

/** A command matching `a` piped (single `|`) into a command whose start matches `into` (anchor it with ^). */
export function pipedInto(segs: Segment[], a: RegExp, into: RegExp): boolean {
  for (let i = 0; i + 1 < segs.length; i++)
    if (segs[i + 1]!.before === '|' && into.test(segs[i + 1]!.text) && a.test(segs[i]!.text)) return true;
  return false;
}

/** `…\` continuation lines joined with a space, each physical line copied once; `max` caps the joined length. */
export function joinContinuations(raw: readonly string[], from: number, cont: RegExp, max = Infinity): { text: string; last: number } {
  const parts: string[] = [];
  let i = from;
  let len = 0;
  let cur = raw[i]!;
  while (cont.test(cur) && i + 1 < raw.length && len < max) {
    const head = cur.replace(cont, ' ');
    parts.push(head);
    len += head.length;
    cur = raw[++i]!;
  }
  parts.push(cur);
  return { text: parts.join(''), last: i };
}
