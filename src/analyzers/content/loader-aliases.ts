/**
 * Calls of Node's module loader under a name the file binds to it, read as `require(...)`.
 *
 * esbuild's ESM output loads every Node built-in through a shim,
 * `var __require = ((x) => typeof require !== "undefined" ? require : …)(…)`, which a minifier
 * renames (`var de = …; de("child_process")`); code written as ESM gets a loader from
 * `createRequire(import.meta.url)` under any name. Every pass reads module loads as calls of
 * `require` (ast-utils.ts memberPath), so code in such a bundle that spawned a downloaded binary
 * or sent secrets over https was never seen loading `child_process` or `https`.
 *
 * Here a call of such a name with a string (`de("child_process")`) has its callee renamed `require`
 * in the file's own tree, before any pass reads it. A call with a computed argument is left alone:
 * minified code reuses short names in inner scopes, and a "dynamic require" on a reused name would
 * be noise; a literal module name under a reused name is a module name either way.
 */
import type { AstNode } from './js-parse.js';
import { visitsOf, type WalkRecord } from './ast-walk.js';
import { literalString } from './ast-utils.js';
import { anyIn } from '../../core/sorted.js';

/** An initializer longer than this is not searched for a `require` it hands on (a shim is one line). */
const MAX_SHIM_CHARS = 600;

/**
 * A text that can bind a loader: a shim that tests for `require`, createRequire, or `x = require`.
 * Most files hold none of them and are not read further.
 */
const MAY_BIND = /typeof\s+require\b|createRequire|=\s*require\b(?!\s*[(.[])/;

/**
 * Renames the callee of every string-argument call of a loader alias to `require` in the tree the
 * walk recorded (`text`: the file's source), and replaces a loader made and called at once
 * (`createRequire(…)("x")`) by `require`; returns the aliases found.
 */
export function normaliseLoaderCalls(walk: WalkRecord, text: string): Set<string> {
  if (!MAY_BIND.test(text)) return new Set();
  const makers = createRequireNames(walk);
  const aliases = loaderAliases(walk, text, makers);
  for (const call of visitsOf(walk, 'CallExpression')) {
    const callee = call.callee as AstNode;
    if (literalString(call.arguments[0]) === undefined) continue;
    if (callee.type === 'Identifier' && aliases.has(callee.name)) callee.name = 'require';
    // A loader made and called in one expression: createRequire(import.meta.url)("child_process").
    else if (callee.type === 'CallExpression' && makesRequire(callee.callee as AstNode, makers))
      call.callee = { type: 'Identifier', name: 'require', start: callee.start, end: callee.end };
  }
  return aliases;
}

/** Names bound (declared or assigned) to the module loader: a shim that hands on `require`, a createRequire result, `require` itself. */
export function loaderAliases(walk: WalkRecord, text: string, makers = createRequireNames(walk)): Set<string> {
  const mentions = requireMentions(text);
  const aliases = new Set<string>();
  const bind = (id: AstNode | undefined, value: AstNode | undefined): void => {
    if (id?.type === 'Identifier' && id.name !== 'require' && value && isLoader(value, makers, mentions)) aliases.add(id.name);
  };
  for (const d of visitsOf(walk, 'VariableDeclarator')) bind(d.id, d.init);
  for (const a of visitsOf(walk, 'AssignmentExpression')) if (a.operator === '=') bind(a.left, a.right);
  return aliases;
}

/** Offsets of the word `require` in the text, ascending. */
function requireMentions(text: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf('require'); i !== -1; i = text.indexOf('require', i + 7)) at.push(i);
  return at;
}

/** Local names of `createRequire` (`import { createRequire as e } from "module"`), and the name itself. */
function createRequireNames(walk: WalkRecord): Set<string> {
  const names = new Set(['createRequire']);
  for (const imp of visitsOf(walk, 'ImportDeclaration')) {
    const from = literalString(imp.source);
    if (from !== 'module' && from !== 'node:module') continue;
    for (const s of imp.specifiers as AstNode[]) {
      const imported = s.imported as AstNode | undefined;
      if (s.type === 'ImportSpecifier' && (imported?.name ?? imported?.value) === 'createRequire') names.add(s.local.name as string);
    }
  }
  return names;
}

function isLoader(value: AstNode, makers: Set<string>, mentions: number[]): boolean {
  if (value.type === 'Identifier') return value.name === 'require';
  if (value.type === 'CallExpression' && makesRequire(value.callee as AstNode, makers)) return true;
  return value.end - value.start <= MAX_SHIM_CHARS && anyIn(mentions, value.start, value.end) && valueIsRequire(value);
}

/** `createRequire`, a local name of it, `x.createRequire`, or `(0, x.createRequire)` as esbuild calls an import. */
function makesRequire(callee: AstNode, makers: Set<string>): boolean {
  const c = callee.type === 'SequenceExpression' ? (callee.expressions[callee.expressions.length - 1] as AstNode) : callee;
  if (c.type === 'Identifier') return makers.has(c.name);
  return c.type === 'MemberExpression' && !c.computed && c.property?.name === 'createRequire';
}

/**
 * Whether the expression's value can be `require` itself: `require`, a condition or a logical
 * choice with `require` as one outcome (`typeof require !== "undefined" ? require : …`), or a
 * function called on the spot that returns it (esbuild's shim). Not an expression that only uses
 * `require` somewhere inside (a function that calls it, passes it on, reads a member of it): a
 * module loader such as requirejs's `define` is not Node's loader.
 */
function valueIsRequire(n: AstNode | undefined, depth = 0): boolean {
  if (!n || depth > 8) return false;
  switch (n.type) {
    case 'Identifier':
      return n.name === 'require';
    case 'ConditionalExpression':
      return valueIsRequire(n.consequent, depth + 1) || valueIsRequire(n.alternate, depth + 1);
    case 'LogicalExpression':
      return valueIsRequire(n.left, depth + 1) || valueIsRequire(n.right, depth + 1);
    case 'SequenceExpression':
      return valueIsRequire(n.expressions[n.expressions.length - 1], depth + 1);
    case 'ParenthesizedExpression':
      return valueIsRequire(n.expression, depth + 1);
    case 'CallExpression': {
      const fn = n.callee as AstNode;
      return (fn.type === 'ArrowFunctionExpression' || fn.type === 'FunctionExpression') && returnsRequire(fn, depth + 1);
    }
    default:
      return false;
  }
}

/** A function whose expression body, or one of whose top-level `return`s (directly or under an `if`), is `require`. */
function returnsRequire(fn: AstNode, depth: number): boolean {
  if (fn.body?.type !== 'BlockStatement') return valueIsRequire(fn.body, depth);
  const returns = (st: AstNode | undefined): boolean =>
    st?.type === 'ReturnStatement'
      ? valueIsRequire(st.argument, depth)
      : st?.type === 'IfStatement'
        ? returns(st.consequent) || returns(st.alternate)
        : st?.type === 'BlockStatement'
          ? (st.body as AstNode[]).some(returns)
          : false;
  return (fn.body.body as AstNode[]).some(returns);
}
