/**
 * The token regexes (where a bundle's behaviour units are: BEHAVIOUR_SITES) are long alternations
 * of short tokens. V8's regex engine tries every alternative at every position of the text: on
 * next's large bundles, 15–35 ms per MiB, the largest regex cost of content analysis.
 *
 * TokenScan gives the same answers from a filter and the same regex: from the regex's source it
 * derives which characters the first four positions of a match can hold (every code unit above
 * 127 counts as one class; after an optional or repeated atom, or after a match's end, anything),
 * skips the positions whose next four characters fit no match, and runs the regex anchored
 * (sticky) at the rest. A global search returns the first position where the regex matches;
 * trying the positions in order and skipping only those where no match can start finds that same
 * position and the same match. A source the analysis does not understand throws when the module loads.
 */
import { InternalError } from '../../core/errors.js';

/** Code units 0..127 are themselves; every other one is this class. */
const WIDE = 128;
const SLOTS = 129;

/** A set of first characters: `any`, or some of the SLOTS. */
interface CharSet {
  any: boolean;
  slots: Uint8Array;
}

type Quant = '' | '?' | '*' | '+';
type Atom =
  | { kind: 'char'; set: CharSet; q: Quant }
  | { kind: 'group'; alts: Atom[][]; q: Quant }
  /** A zero-width assertion (`\b`, `^`, lookaround): it consumes nothing, so it constrains nothing here. */
  | { kind: 'assert' };

const emptySet = (): CharSet => ({ any: false, slots: new Uint8Array(SLOTS) });
const anySet = (): CharSet => ({ any: true, slots: new Uint8Array(SLOTS) });

function union(a: CharSet, b: CharSet): CharSet {
  if (a.any || b.any) return anySet();
  const out = emptySet();
  for (let i = 0; i < SLOTS; i++) out.slots[i] = a.slots[i]! | b.slots[i]!;
  return out;
}

function setOf(codes: Iterable<number>, wide = false): CharSet {
  const s = emptySet();
  for (const c of codes) s.slots[c > 127 ? WIDE : c] = 1;
  if (wide) s.slots[WIDE] = 1;
  return s;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const DIGITS = range(48, 57);
const WORD = [...DIGITS, ...range(65, 90), ...range(97, 122), 95];
/** `\s`: ASCII white space, and white space above 127 (the WIDE class). */
const SPACE = [9, 10, 11, 12, 13, 32];

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  get done(): boolean {
    return this.i === this.src.length;
  }

  fail(why: string): never {
    throw new InternalError('TokenScan', new Error(`${why} at ${this.i} in /${this.src}/`));
  }

  /** Alternatives up to `)` or the end. */
  alternatives(): Atom[][] {
    const alts: Atom[][] = [[]];
    while (this.i < this.src.length && this.src[this.i] !== ')') {
      if (this.src[this.i] === '|') {
        this.i++;
        alts.push([]);
      } else alts[alts.length - 1]!.push(this.atom());
    }
    return alts;
  }

  private atom(): Atom {
    const c = this.src[this.i++]!;
    let a: Atom;
    if (c === '\\') a = this.escape(false);
    else if (c === '[') a = { kind: 'char', set: this.klass(), q: '' };
    else if (c === '(') a = this.group();
    else if (c === '^' || c === '$') a = { kind: 'assert' };
    else if (c === '.') a = { kind: 'char', set: anySet(), q: '' };
    else if ('*+?{'.includes(c)) this.fail('quantifier without an atom');
    else a = { kind: 'char', set: setOf([c.charCodeAt(0)]), q: '' };
    const q = this.quantifier();
    if (q !== '') {
      if (a.kind === 'assert') this.fail('quantified assertion');
      a.q = q;
    }
    return a;
  }

  private quantifier(): Quant {
    const c = this.src[this.i];
    let q: Quant = '';
    if (c === '?' || c === '*' || c === '+') {
      this.i++;
      q = c;
    } else if (c === '{') {
      const m = /^\{(\d+)(,\d*)?\}/.exec(this.src.slice(this.i));
      if (!m) this.fail('unsupported brace');
      this.i += m[0].length;
      // {0,n} may match nothing; {n,…} with n ≥ 1 matches the atom at least once.
      q = m[1] === '0' ? '*' : '+';
    }
    if (q !== '' && this.src[this.i] === '?') this.i++; // lazy: the same characters can start a match
    return q;
  }

  private escape(inClass: boolean): Atom & { kind: 'char' | 'assert' } {
    const c = this.src[this.i++];
    if (c === undefined) this.fail('trailing backslash');
    const char = (set: CharSet) => ({ kind: 'char' as const, set, q: '' as Quant });
    if (c === 'b' && !inClass) return { kind: 'assert' };
    if (c === 'B') return { kind: 'assert' };
    if (c === 'd') return char(setOf(DIGITS));
    if (c === 'w') return char(setOf(WORD));
    if (c === 's') return char(setOf(SPACE, true));
    if (c === 'n') return char(setOf([10]));
    if (c === 'r') return char(setOf([13]));
    if (c === 't') return char(setOf([9]));
    if (c === 'u' && /^[0-9a-fA-F]{4}$/.test(this.src.slice(this.i, this.i + 4))) {
      const code = parseInt(this.src.slice(this.i, this.i + 4), 16);
      this.i += 4;
      return char(setOf([code]));
    }
    // \D, \S, \W, back-references, \x…, control escapes: anything (never fewer positions than the truth).
    if (/[A-Za-z0-9]/.test(c)) return char(anySet());
    return char(setOf([c.charCodeAt(0)]));
  }

  private klass(): CharSet {
    let negated = false;
    if (this.src[this.i] === '^') {
      negated = true;
      this.i++;
    }
    let set = emptySet();
    let prev: number | undefined;
    while (this.src[this.i] !== ']') {
      if (this.i >= this.src.length) this.fail('unterminated class');
      const c = this.src[this.i++]!;
      if (c === '-' && prev !== undefined && this.src[this.i] !== ']') {
        let to = this.src.charCodeAt(this.i++);
        if (this.src[this.i - 1] === '\\') {
          const e = this.escape(true);
          if (e.kind !== 'char' || e.set.any) this.fail('unsupported range end');
          to = e.set.slots.indexOf(1);
        }
        set = union(set, setOf(range(prev, to)));
        prev = undefined;
        continue;
      }
      if (c === '\\') {
        const e = this.escape(true);
        if (e.kind !== 'char') this.fail('assertion in a class');
        set = union(set, e.set);
        const only = e.set.any ? -1 : e.set.slots.indexOf(1);
        prev = !e.set.any && e.set.slots.lastIndexOf(1) === only && only < WIDE ? only : undefined;
        continue;
      }
      set = union(set, setOf([c.charCodeAt(0)]));
      prev = c.charCodeAt(0);
    }
    this.i++;
    // A negated class can match almost anything: say anything.
    return negated ? anySet() : set;
  }

  private group(): Atom {
    let assertion = false;
    if (this.src[this.i] === '?') {
      const head = this.src.slice(this.i, this.i + 3);
      const skip = head.startsWith('?:') || head.startsWith('?=') || head.startsWith('?!') ? 2 : head === '?<=' || head === '?<!' ? 3 : 0;
      if (skip === 0) this.fail('unsupported group');
      assertion = !head.startsWith('?:');
      this.i += skip;
    }
    const alts = this.alternatives();
    if (this.src[this.i] !== ')') this.fail('unterminated group');
    this.i++;
    return assertion ? { kind: 'assert' } : { kind: 'group', alts, q: '' };
  }
}

const nullable = (q: Quant): boolean => q === '?' || q === '*';

function canBeEmpty(seq: readonly Atom[]): boolean {
  return seq.every((a) => a.kind === 'assert' || nullable(a.q) || (a.kind === 'group' && a.alts.some(canBeEmpty)));
}

/** How many leading characters the filter reads. */
const DEPTH = 4;

/**
 * Character sets for the first DEPTH characters of a match of `seq`, as a list of tuples that
 * together cover every match: a position after an optional or repeated atom, or after the end of
 * a match, may be anything. `seq` is followed by `tail` (what follows an enclosing group).
 */
function heads(seq: readonly Atom[], depth = DEPTH): CharSet[][] {
  const k = seq.findIndex((a) => a.kind !== 'assert');
  if (depth === 0) return [[]];
  if (k < 0) return [Array.from({ length: depth }, anySet)];
  const a = seq[k]!;
  const rest = seq.slice(k + 1);
  if (a.kind === 'assert') return [];
  if (a.kind === 'char') {
    // Optional or repeated: the characters from here on are not known position by position.
    if (a.q !== '') return [[a.set, ...Array.from({ length: depth - 1 }, anySet)], ...(nullable(a.q) ? heads(rest, depth) : [])];
    return heads(rest, depth - 1).map((t) => [a.set, ...t]);
  }
  const out: CharSet[][] = [];
  if (nullable(a.q)) out.push(...heads(rest, depth));
  if (a.q === '' || a.q === '?') for (const alt of a.alts) out.push(...heads([...alt, ...rest], depth));
  // A repeated group: the first round's alternatives, then anything.
  else for (const alt of a.alts) out.push(...heads(alt, depth));
  return out;
}

export class TokenScan {
  /**
   * Per pair of code-unit slots (first * SLOTS + second), a bit per group of tuples whose first two
   * (`lead`) or next two (`next`) sets allow that pair; a match can start only where both share a bit.
   */
  private readonly lead = new Uint32Array(SLOTS * SLOTS);
  private readonly next = new Uint32Array(SLOTS * SLOTS);
  private readonly firsts = new Uint8Array(SLOTS);
  private readonly sticky: RegExp;

  constructor(readonly regex: RegExp) {
    if (regex.flags.replace(/[gy]/g, '') !== '') throw new InternalError('TokenScan', new Error(`flags ${regex.flags} not supported`));
    const p = new Parser(regex.source);
    const alts = p.alternatives();
    if (!p.done) p.fail('unbalanced parenthesis');
    if (alts.some(canBeEmpty)) p.fail('a token regex that can match nothing');
    const fill = (table: Uint32Array, s0: CharSet, s1: CharSet, bit: number): void => {
      for (let c0 = 0; c0 < SLOTS; c0++)
        if (s0.any || s0.slots[c0]) for (let c1 = 0; c1 < SLOTS; c1++) if (s1.any || s1.slots[c1]) table[c0 * SLOTS + c1]! |= bit;
    };
    alts
      .flatMap((alt) => heads(alt))
      .forEach((t, i) => {
        const bit = 1 << (i % 32);
        for (let c0 = 0; c0 < SLOTS; c0++) if (t[0]!.any || t[0]!.slots[c0]) this.firsts[c0] = 1;
        fill(this.lead, t[0]!, t[1]!, bit);
        fill(this.next, t[2]!, t[3]!, bit);
      });
    this.sticky = new RegExp(regex.source, 'y');
  }

  /** The match starting at the first position ≥ `from` where the regex matches (what a global `exec` from `from` gives). */
  exec(text: string, from = 0): RegExpExecArray | null {
    const n = text.length;
    const { lead, next, firsts, sticky } = this;
    // The last DEPTH - 1 positions are tried without the filter (it reads DEPTH characters).
    const filtered = n - (DEPTH - 1);
    for (let i = from; i < n; i++) {
      if (i < filtered) {
        let c0 = text.charCodeAt(i);
        if (c0 > 127) c0 = WIDE;
        if (firsts[c0] === 0) continue;
        let c1 = text.charCodeAt(i + 1);
        if (c1 > 127) c1 = WIDE;
        const bits = lead[c0 * SLOTS + c1]!;
        if (bits === 0) continue;
        let c2 = text.charCodeAt(i + 2);
        if (c2 > 127) c2 = WIDE;
        let c3 = text.charCodeAt(i + 3);
        if (c3 > 127) c3 = WIDE;
        if ((bits & next[c2 * SLOTS + c3]!) === 0) continue;
      }
      sticky.lastIndex = i;
      const m = sticky.exec(text);
      if (m) return m;
    }
    return null;
  }

  /** `regex.test(text)` for a regex without the global flag. */
  test(text: string): boolean {
    return this.exec(text) !== null;
  }

  /** Start offsets of the matches a global search finds, in order (non-overlapping, as `matchAll`). */
  matchStarts(text: string): number[] {
    const out: number[] = [];
    for (let m = this.exec(text); m; m = this.exec(text, m.index + Math.max(1, m[0].length))) out.push(m.index);
    return out;
  }
}
