/**
 * What the author themself wrote in a message: quoted text (`>` lines and the attribution line that
 * introduces them, forwarded/original-message blocks), signatures, patches and code blocks are
 * stripped so that words are counted once, for the person who wrote them.
 */

export interface CleanLine {
  text: string;
  /** 1-based line in the body. */
  n: number;
}

export interface CleanBody {
  lines: CleanLine[];
  /** The author's own text contains a patch (diff) — a code contribution, not talk. */
  hasPatch: boolean;
}

const QUOTE = /^\s*(>|\|\s)/;
const ATTRIBUTION = /(\bwrote|\bschrieb|\ba écrit|\bescribió|\bnapisał)\s*:\s*$/i;
const ORIGINAL = /^\s*(-{2,}\s*(original message|forwarded message)\s*-{2,}|_{5,}\s*$|from:\s.*\bsent:\s)/i;
const PATCH_START = /^(diff --git |diff -[a-z]*u|--- a\/|\+\+\+ b\/|Index: \S|@@ -\d+(,\d+)? \+\d+|---\s*$)/;

export function cleanBody(body: string): CleanBody {
  const raw = body.split('\n');
  const out: CleanLine[] = [];
  let hasPatch = false;
  let inFence = false;
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i]!.replace(/\r$/, '');
    if (/^\s*```/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    if (line === '-- ' || line === '--') {
      // Signature delimiter: ends the author's text when it is near the end (a sig, not a separator).
      if (raw.length - i <= 15) break;
      continue;
    }
    if (ORIGINAL.test(line)) break;
    if (PATCH_START.test(line)) {
      const next = raw.slice(i, i + 6).join('\n');
      if (/^(diff |--- a\/|\+\+\+ b\/|@@ |Index: )/m.test(next) || /\d+ files? changed/.test(next)) {
        hasPatch = true;
        break;
      }
      continue;
    }
    if (QUOTE.test(line)) continue;
    if (ATTRIBUTION.test(line) && (QUOTE.test(raw[i + 1] ?? '') || QUOTE.test(raw[i + 2] ?? ''))) continue;
    if (/^Signed-off-by: /.test(line)) {
      hasPatch = true;
      continue;
    }
    out.push({ text: line, n: i + 1 });
  }
  return { lines: out, hasPatch };
}

/** Sentences of one paragraph, each with the body line it starts on. */
function paragraphSentences(para: CleanLine[], out: { text: string; line: number }[]): void {
  const starts: number[] = [];
  let text = '';
  for (const l of para) {
    starts.push(text.length);
    text += (text ? ' ' : '') + l.text.trim();
  }
  let li = 0;
  let from = 0;
  const emit = (end: number): void => {
    const raw = text.slice(from, end);
    const lead = raw.length - raw.trimStart().length;
    while (li + 1 < starts.length && starts[li + 1]! <= from + lead) li++;
    const t = raw.trim();
    if (t) out.push({ text: t, line: para[li]!.n });
    from = end;
  };
  // A sentence ends at . ? or ! followed by a space or the end ("5.4.0" does not end one).
  const re = /[.?!]+(?=\s|$)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) emit(m.index + m[0].length);
  emit(text.length);
}

/** Sentences with the body line each starts on; wrapped lines are joined first. At most `maxChars` are read. */
export function sentences(clean: CleanBody, maxChars = 16_384): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let budget = maxChars;
  let para: CleanLine[] = [];
  for (const l of clean.lines) {
    if (budget <= 0) break;
    budget -= l.text.length + 1;
    if (l.text.trim()) {
      para.push(l);
      continue;
    }
    if (para.length) paragraphSentences(para, out);
    para = [];
  }
  if (para.length) paragraphSentences(para, out);
  return out;
}
