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
      if (lastNewline) while (input[i] === ' ') i++;
      else i++;
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
