/**
 * A small line diff for evidence: common prefix/suffix are trimmed, then an LCS over the middle
 * (bounded; beyond the bound, a multiset difference). Returns the changed lines with artifact line
 * numbers for additions, which is what evidence needs — not a patch to apply.
 */
export interface LineChange {
  op: '+' | '-';
  /** 1-based line number: in the new text for '+', in the old text for '-'. */
  line: number;
  text: string;
}

const LCS_CELLS = 4_000_000;

export function diffLines(oldText: string, newText: string): LineChange[] {
  const a = oldText.replace(/\r\n/g, '\n').split('\n');
  const b = newText.replace(/\r\n/g, '\n').split('\n');
  let s = 0;
  while (s < a.length && s < b.length && a[s] === b[s]) s++;
  let ea = a.length;
  let eb = b.length;
  while (ea > s && eb > s && a[ea - 1] === b[eb - 1]) {
    ea--;
    eb--;
  }
  const A = a.slice(s, ea);
  const B = b.slice(s, eb);
  if ((A.length + 1) * (B.length + 1) > LCS_CELLS) return multisetDiff(A, B, s);
  const n = A.length;
  const m = B.length;
  const dp = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * (m + 1) + j] =
        A[i] === B[j] ? dp[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(dp[(i + 1) * (m + 1) + j]!, dp[i * (m + 1) + j + 1]!);
    }
  }
  const out: LineChange[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && A[i] === B[j]) {
      i++;
      j++;
    } else if (j < m && (i >= n || dp[i * (m + 1) + j + 1]! >= dp[(i + 1) * (m + 1) + j]!)) {
      out.push({ op: '+', line: s + j + 1, text: B[j]! });
      j++;
    } else {
      out.push({ op: '-', line: s + i + 1, text: A[i]! });
      i++;
    }
  }
  return out;
}

function multisetDiff(A: string[], B: string[], s: number): LineChange[] {
  const count = new Map<string, number>();
  for (const l of A) count.set(l, (count.get(l) ?? 0) + 1);
  const out: LineChange[] = [];
  B.forEach((l, j) => {
    const c = count.get(l) ?? 0;
    if (c > 0) count.set(l, c - 1);
    else out.push({ op: '+', line: s + j + 1, text: l });
  });
  const left = new Map(count);
  A.forEach((l, i) => {
    const c = left.get(l) ?? 0;
    if (c > 0) {
      out.push({ op: '-', line: s + i + 1, text: l });
      left.set(l, c - 1);
    }
  });
  return out;
}

/** Render changes as a compact excerpt, at most `max` lines. */
export function renderChanges(changes: LineChange[], max = 40): string {
  const lines = changes
    .slice(0, max)
    .map((c) => `${c.op}${c.op === '+' ? c.line : ''} ${c.text.length > 160 ? c.text.slice(0, 157) + '...' : c.text}`);
  if (changes.length > max) lines.push(`… ${changes.length - max} more changed lines`);
  return lines.join('\n');
}
