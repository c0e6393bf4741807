/**
 * A pre-scan that mirrors the token boundaries of `@yarnpkg/lockfile`'s tokenizer. That tokenizer
 * never stops on a string without a closing quote or a comment without a newline (it loops, growing
 * memory without bound), so a truncated or hostile yarn.lock must be rejected before it is handed over.
 * Returns the 1-based line of the first such problem, or undefined when the text is safe to parse.
 */
export function unsafeYarnClassicLine(input: string): { line: number; reason: string } | undefined {
  let line = 1;
  let lastNewline = true;
  let i = 0;
  const n = input.length;
  while (i < n) {
    const c = input[i];
    if (c === '\n' || c === '\r') {
      i += c === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line++;
      lastNewline = true;
      continue;
    }
    if (c === '#') {
      const end = input.indexOf('\n', i);
      if (end === -1) return { line, reason: 'comment without a line end' };
      i = end;
    } else if (c === ' ') {
      if (lastNewline) {
        const start = i;
        while (input[i] === ' ') i++;
        // The tokenizer throws a bare "Invalid number of spaces" (no line) on odd indentation.
        if ((i - start) % 2 === 1) return { line, reason: `odd indentation (${i - start} spaces)` };
      } else i++;
    } else if (c === '"') {
      let j = i + 1;
      for (;;) {
        if (j >= n) return { line, reason: 'string without a closing quote' };
        const d = input[j];
        if (d === '\n' || d === '\r') return { line, reason: 'string without a closing quote on its line' };
        if (d === '"' && !(input[j - 1] === '\\' && input[j - 2] !== '\\')) break;
        j++;
      }
      i = j + 1;
    } else if (/[0-9]/.test(c!)) {
      while (i < n && /[0-9]/.test(input[i]!)) i++;
    } else if (input.startsWith('true', i)) i += 4;
    else if (input.startsWith('false', i)) i += 5;
    else if (c === ':' || c === ',') i++;
    else if (/[a-zA-Z/-]/.test(c!)) {
      while (i < n && !':, \n\r,'.includes(input[i]!)) i++;
    } else {
      return { line, reason: `unexpected character ${JSON.stringify(c)}` };
    }
    lastNewline = false;
  }
  return undefined;
}

/**
 * Line of the top-level block where `parse` first fails, for parser errors that carry no line
 * (the version check, internal invariants): bisects over prefixes that end at a block boundary,
 * about log2(blocks) parses, only on the error path.
 */
export function failingBlockLine(text: string, parse: (prefix: string) => unknown): number | undefined {
  const starts: number[] = [];
  const lineOf: number[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i = text.indexOf('\n', i) + 1 || text.length) {
    const c = text[i];
    if (c !== undefined && c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') {
      starts.push(i);
      lineOf.push(line);
    }
    line++;
  }
  const fails = (k: number): boolean => {
    try {
      parse(text.slice(0, k < starts.length ? starts[k] : text.length));
      return false;
    } catch {
      return true;
    }
  };
  // Smallest k such that the prefix holding blocks 0..k-1 fails: block k-1 broke it.
  let lo = 1;
  let hi = starts.length;
  if (hi === 0 || !fails(hi)) return undefined;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fails(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lineOf[lo - 1];
}
