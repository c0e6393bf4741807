/**
 * Parser for Debian control-file syntax (deb822): dpkg status, Packages, Sources, InRelease bodies,
 * `.deb` control members and apt `*.sources` files all share it.
 *
 * Contract: stanzas are separated by blank lines; a field is `Name: value`; lines starting with a
 * space or tab continue the previous field (kept joined with `\n`, one leading space removed, a
 * lone `.` meaning an empty line). `#` comment lines are skipped. CRLF is accepted. Field names are
 * case-insensitive and returned lower-cased. Malformed lines are reported with their line number
 * and skipped; parsing always continues.
 */

export interface Stanza {
  /** 1-based line of the stanza's first field. */
  line: number;
  /** Lower-cased field name → value (continuation lines joined with `\n`). */
  fields: Record<string, string>;
  /** Lower-cased field name → 1-based line where it starts. */
  fieldLines: Record<string, number>;
}

export interface ControlIssue {
  line: number;
  message: string;
}

export interface ParseControlOptions {
  /** Called for each malformed line. */
  onIssue?: (issue: ControlIssue) => void;
  /** Keep only these (lower-cased) fields: a large speed-up on full archive indexes. */
  only?: ReadonlySet<string>;
}

/** Calls `onStanza` for every stanza in `text`, in order. */
export function forEachStanza(text: string, onStanza: (s: Stanza) => void, opts: ParseControlOptions = {}): void {
  let cur: Stanza | undefined;
  let lastField: string | undefined;
  let keepLast = false;
  let pos = 0;
  let lineNo = 0;
  const n = text.length;
  const flush = (): void => {
    if (cur) onStanza(cur);
    cur = undefined;
    lastField = undefined;
  };
  while (pos <= n) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    let line = text.slice(pos, end);
    pos = end + 1;
    lineNo++;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') {
      flush();
      if (end === n) break;
      continue;
    }
    const c0 = line.charCodeAt(0);
    if (c0 === 35 /* # */) continue;
    if (c0 === 32 || c0 === 9) {
      if (!cur || lastField === undefined) {
        opts.onIssue?.({ line: lineNo, message: 'continuation line without a field before it' });
        continue;
      }
      if (keepLast) {
        const t = line.slice(1);
        cur.fields[lastField] += '\n' + (t.trim() === '.' ? '' : t);
      }
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || /\s/.test(line.slice(0, colon))) {
      opts.onIssue?.({ line: lineNo, message: `not a "Field: value" line: ${JSON.stringify(line.slice(0, 60))}` });
      lastField = undefined;
      continue;
    }
    const name = line.slice(0, colon).toLowerCase();
    cur ??= { line: lineNo, fields: {}, fieldLines: {} };
    lastField = name;
    keepLast = !opts.only || opts.only.has(name);
    if (!keepLast) continue;
    if (name in cur.fields) opts.onIssue?.({ line: lineNo, message: `duplicate field "${line.slice(0, colon)}" in stanza` });
    cur.fields[name] = line.slice(colon + 1).trim();
    cur.fieldLines[name] = lineNo;
  }
  flush();
}

export function parseControl(text: string, opts: ParseControlOptions = {}): Stanza[] {
  const out: Stanza[] = [];
  forEachStanza(text, (s) => out.push(s), opts);
  return out;
}

/** Collapse a folded field (Depends, Provides...) into one line. */
export const foldField = (v: string | undefined): string => (v ?? '').replace(/\s*\n\s*/g, ' ').trim();
