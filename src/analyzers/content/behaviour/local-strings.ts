/**
 * Strings a file builds in local variables before handing them to a sink: `const c = 'curl …' + u;
 * exec(c)`. The behaviour pass reads a command's literals inside the call; a command assembled in
 * a variable first had none there, so its download-and-run shape went unseen. A name is resolved
 * to the last `var`/`let`/`const` declaration of it that comes before the use, in a function
 * around the use (or at top level); its initialiser is read as text, following names, `+` and
 * template literals a few steps deep. Parts that are not known strings (a parameter, a call) are
 * left empty. Approximate on purpose: no reassignments, no flow through branches or calls.
 */
import type { AstNode } from '../js-parse.js';
import { literalString } from '../ast-utils.js';
import { FunctionScopes } from '../function-scopes.js';

/** Declarations kept per name (minified bundles reuse one-letter names thousands of times). */
const MAX_DECLS = 50;
/** Names followed through one another's initialisers. */
const MAX_DEPTH = 3;
const MAX_TEXT = 2000;

export class LocalStrings {
  private readonly decls = new Map<string, AstNode[]>();
  private readonly fns: [number, number][] = [];
  private scopes: FunctionScopes | undefined;

  /** A `VariableDeclarator` (those binding one name to a value are kept). */
  declare(n: AstNode): void {
    if (n.id?.type !== 'Identifier' || !n.init) return;
    const d = this.decls.get(n.id.name) ?? this.decls.set(n.id.name, []).get(n.id.name)!;
    if (d.length < MAX_DECLS) d.push(n);
  }

  /** A function's range (every function is known before the first `text` call). */
  fn(start: number, end: number): void {
    this.fns.push([start, end]);
  }

  /** What `n` evaluates to as a string, unknown parts empty; undefined when no part of it is a known string. */
  text(n: AstNode | undefined, depth = MAX_DEPTH): string | undefined {
    if (!n) return undefined;
    const lit = literalString(n);
    if (lit !== undefined) return lit;
    if (n.type === 'Identifier') return depth > 0 ? this.text(this.binding(n.name as string, n.start)?.init, depth - 1) : undefined;
    if (n.type === 'BinaryExpression' && n.operator === '+') {
      const l = this.text(n.left, depth);
      const r = this.text(n.right, depth);
      return l === undefined && r === undefined ? undefined : ((l ?? '') + (r ?? '')).slice(0, MAX_TEXT);
    }
    if (n.type === 'TemplateLiteral') {
      const parts = (n.expressions as AstNode[]).map((e) => this.text(e, depth));
      const quasis = (n.quasis as AstNode[]).map((q) => (q.value?.cooked as string | undefined) ?? '');
      if (quasis.every((q) => q === '') && parts.every((p) => p === undefined)) return undefined;
      return quasis
        .map((q, i) => q + (parts[i] ?? ''))
        .join('')
        .slice(0, MAX_TEXT);
    }
    return undefined;
  }

  /** The declaration a use of `name` at `pos` reads: the last one before `pos` whose function holds `pos`. */
  private binding(name: string, pos: number): AstNode | undefined {
    const ds = this.decls.get(name);
    if (!ds) return undefined;
    this.scopes ??= new FunctionScopes(this.fns);
    let best: AstNode | undefined;
    for (const d of ds) {
      if (d.start >= pos || (best && d.start < best.start)) continue;
      const [s, e] = this.scopes.around(d.start);
      if (s <= pos && pos <= e) best = d;
    }
    return best;
  }
}
