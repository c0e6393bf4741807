/** Tiny ESTree helpers used by several scanners. */
import type { AstNode } from './js-parse.js';
import { findNodeAround } from 'acorn-walk';

/**
 * Node's module loader under the names bundlers and the runtime give it, read as `require` wherever a
 * path is named (so that a module loaded through one is a module import, and a computed one a dynamic
 * require): esbuild's `__require` (the shim through which every ESM bundle it emits loads a Node
 * built-in: `__require("child_process")`), webpack's `__non_webpack_require__`, `module.require` and
 * `process.mainModule.require`. Before, code in an esbuild ESM bundle that spawned a downloaded
 * binary or sent secrets over https raised nothing: its modules were never seen as loaded.
 */
export function loaderName(name: string): string {
  return name === '__require' || name === '__non_webpack_require__' ? 'require' : name;
}

/** `a.b.c` for a member chain of identifiers / literal properties, else undefined (a module loader's alias is `require`: loaderName). */
export function memberPath(n: AstNode | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'Identifier') return loaderName(n.name as string);
  if (n.type === 'ThisExpression') return 'this';
  if (n.type === 'MemberExpression') {
    const obj = memberPath(n.object);
    const prop =
      !n.computed && n.property.type === 'Identifier'
        ? n.property.name
        : n.property.type === 'Literal' && typeof n.property.value === 'string'
          ? n.property.value
          : undefined;
    if (!obj || !prop) return undefined;
    return prop === 'require' && (obj === 'module' || obj === 'process.mainModule') ? 'require' : `${obj}.${prop}`;
  }
  if (n.type === 'SequenceExpression') return memberPath(n.expressions[n.expressions.length - 1]);
  if (n.type === 'ChainExpression') return memberPath(n.expression);
  return undefined;
}

/** The path's part after its last dot (`path.split('.').pop()`, without building the array: this runs for every call). */
export function lastSegment(path: string): string {
  const i = path.lastIndexOf('.');
  return i < 0 ? path : path.slice(i + 1);
}

/** The path's part before its first dot (`path.split('.')[0]`). */
export function firstSegment(path: string): string {
  const i = path.indexOf('.');
  return i < 0 ? path : path.slice(0, i);
}

/**
 * `memberPath(n) === 'process.env'`, without building the path of every other member chain: a
 * chain whose last property is not `env` is rejected before any string is made.
 */
export function isProcessEnv(n: AstNode | undefined): boolean {
  let m = n;
  while (m?.type === 'SequenceExpression' || m?.type === 'ChainExpression')
    m = m.type === 'SequenceExpression' ? m.expressions[m.expressions.length - 1] : m.expression;
  if (m?.type !== 'MemberExpression') return false;
  const prop = m.property as AstNode;
  const name = !m.computed && prop.type === 'Identifier' ? prop.name : prop.type === 'Literal' ? prop.value : undefined;
  return name === 'env' && memberPath(m) === 'process.env';
}

export const literalString = (n: AstNode | undefined): string | undefined =>
  n?.type === 'Literal' && typeof n.value === 'string'
    ? n.value
    : n?.type === 'TemplateLiteral' && n.expressions.length === 0
      ? (n.quasis[0]?.value.cooked as string)
      : undefined;

/** A literal that is an encoded blob: long base64 or hex with a spread of symbols. */
export function isEncodedLiteral(s: string): boolean {
  if (s.length < 64) return false;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(s)) return new Set(s.toLowerCase()).size >= 10;
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(s)) return new Set(s).size >= 24 && /[0-9]/.test(s) && /[A-Z]/.test(s) && /[a-z]/.test(s);
  return false;
}

/** Whether `offset` lies inside a string literal or a template's text. */
export function stringLiteralAt(ast: AstNode, offset: number): boolean {
  return !!findNodeAround(
    ast as never,
    offset,
    (type: string, n: AstNode) => (type === 'Literal' && typeof n.value === 'string') || type === 'TemplateElement',
  );
}
