/**
 * "Decoded and executed": a tiny, position-based taint pass. Decode sites (base64/hex decoding,
 * decipher.update, long encoded literals, String.fromCharCode over literal character codes and
 * arrays of printable character codes) taint the variables and functions whose value/body
 * contains them; an execution sink (eval, Function, vm, module._compile, require, exec/spawn)
 * whose arguments contain a decode site or a tainted name is a hit.
 */
import type { AstNode } from './js-parse.js';
import { isEncodedLiteral, literalString } from './ast-utils.js';
import { FunctionScopes } from './function-scopes.js';
import { RefIndex } from './ref-index.js';
import { anyIn } from '../../core/sorted.js';

const ENCODINGS = new Set(['base64', 'hex', 'base64url']);
const MAX_TAINT_SPAN = 400;
const MAX_REFS = 2000;
/** Fewest literal character codes that count as an encoded string (shorter ones are lookup tables). */
const MIN_CHAR_CODES = 8;

const isCharCode = (n: AstNode | undefined): boolean =>
  n?.type === 'Literal' && typeof n.value === 'number' && Number.isInteger(n.value) && n.value >= 9 && n.value <= 126;

/** `[118, 97, 114, ...]`: an array literal of at least `min` printable ASCII codes and nothing else. */
export function isCharCodeArray(n: AstNode | undefined, min = MIN_CHAR_CODES): boolean {
  return n?.type === 'ArrayExpression' && n.elements.length >= min && n.elements.every(isCharCode);
}

/** `String.fromCharCode(118, 97, …)`, `(...[118, …])` or `.apply(_, [118, …])` with literal codes. */
function isLiteralFromCharCode(path: string | undefined, args: AstNode[]): boolean {
  if (path === 'String.fromCharCode') {
    if (args.length >= MIN_CHAR_CODES && args.every(isCharCode)) return true;
    return args.length === 1 && args[0]!.type === 'SpreadElement' && isCharCodeArray(args[0]!.argument);
  }
  return path === 'String.fromCharCode.apply' && isCharCodeArray(args[1]);
}

interface Range {
  name: string;
  start: number;
  end: number;
  at: number;
}

export class DecodeTaint {
  private sites: number[] = [];
  private readonly assigns: Range[] = [];
  private readonly refs = new RefIndex();
  /** [start, end] of every function, for lexical scoping of tainted names. */
  private readonly fns: number[][] = [];
  private readonly sinks: { start: number; from: number; to: number; kind: string }[] = [];

  literal(value: string, node: AstNode): void {
    if (isEncodedLiteral(value)) this.sites.push(node.start);
  }

  /** Records the call as a decode site when it is one. */
  isDecodeCall(path: string | undefined, args: AstNode[]): boolean {
    const enc = literalString(args[1]);
    const hit =
      path === 'atob' ||
      ((path === 'Buffer.from' || path === 'Buffer' || path === 'decipher.update') && enc !== undefined && ENCODINGS.has(enc)) ||
      (path !== undefined && path.endsWith('.update') && enc !== undefined && ENCODINGS.has(enc)) ||
      isLiteralFromCharCode(path, args);
    if (hit && args[0]) this.sites.push(args[0].start);
    return hit;
  }

  /** An array of character codes (only counted in files that call String.fromCharCode). */
  charCodes(node: AstNode): void {
    this.sites.push(node.start);
  }

  /** `name` takes the value of `rhs`; `at` is where the binding is declared (for its scope). */
  assign(name: string, rhs: AstNode, at: number): void {
    // A character-code array is one value however long it is: its name carries the encoded data
    // (the span cap below is for functions and objects that merely contain a decode somewhere).
    const end = rhs.type === 'ArrayExpression' && isCharCodeArray(rhs) ? rhs.start + 1 : rhs.end;
    this.assigns.push({ name, start: rhs.start, end, at });
  }

  fn(node: AstNode): void {
    this.fns.push([node.start, node.end]);
  }

  /** Identifier positions are only worth collecting when something decodes and something executes. */
  needsRefs(): boolean {
    return this.sites.length > 0 && this.sinks.length > 0;
  }

  ref(name: string, at: number): void {
    this.refs.add(name, at);
  }

  sink(node: AstNode, args: AstNode[], kind: string): void {
    if (args.length === 0) return;
    this.sinks.push({ start: node.start, from: args[0]!.start, to: args[args.length - 1]!.end, kind });
  }

  private anyIn(from: number, to: number): boolean {
    return anyIn(this.sites, from, to);
  }

  resolve(): { start: number; detail: string }[] {
    if (this.sites.length === 0 || this.sinks.length === 0) return [];
    this.sites.sort((a, b) => a - b);
    const scopes = new FunctionScopes(this.fns);
    const tainted = new Set<Range>();
    for (let round = 0; round < 3; round++) {
      let grew = false;
      for (const a of this.assigns) {
        // Decoder helpers and decoded values are short expressions; a big function or object that
        // merely contains a decode somewhere does not make its name carry decoded data.
        if (tainted.has(a) || a.end - a.start > MAX_TAINT_SPAN || !this.anyIn(a.start, a.end)) continue;
        tainted.add(a);
        // Only uses in the same function as the binding: minified bundles reuse short names in
        // nested functions (shadowing), and those must not inherit the taint. The cap applies to
        // the references inside that function (ref-index.ts).
        const [s, e] = scopes.around(a.at);
        const refs = this.refs.within(a.name, s, e, MAX_REFS + 1);
        if (refs.length <= MAX_REFS) this.sites.push(...refs.filter((r) => (r < a.start || r >= a.end) && scopes.around(r)[0] === s));
        grew = true;
      }
      if (!grew) break;
      this.sites.sort((a, b) => a - b);
    }
    return this.sinks.filter((s) => this.anyIn(s.from, s.to)).map((s) => ({ start: s.start, detail: `${s.kind}(<decoded data>)` }));
  }
}
