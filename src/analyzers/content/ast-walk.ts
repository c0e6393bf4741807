/**
 * One traversal of a syntax tree, kept for several passes. The scanner and the behaviour pass each
 * read the whole tree two or three times; walking it once and replaying the visits costs a fraction
 * of walking it again (acorn-walk's dispatch dominated content analysis). The record holds exactly
 * the visits acorn-walk's `simple` makes with its `base` walker, in the same order (children before
 * their node; category visits such as `Function`, `Statement`, `Expression` included).
 */
import { base } from 'acorn-walk';
import type { AstNode } from './js-parse.js';

export interface WalkRecord {
  /** The visit's type: the node's own, or the category acorn-walk visited it as. */
  readonly types: string[];
  readonly nodes: AstNode[];
}

export type Visitors = Partial<Record<string, (node: AstNode) => void>>;

type Recurse = (node: AstNode, state: unknown, override?: string) => void;
const walkers = base as unknown as Record<string, ((node: AstNode, state: unknown, c: Recurse) => void) | undefined>;

export function recordWalk(ast: AstNode): WalkRecord {
  const types: string[] = [];
  const nodes: AstNode[] = [];
  const c: Recurse = (node, state, override) => {
    const type = override || node.type;
    const walk = walkers[type];
    if (!walk) throw new Error(`No walker function defined for node type ${type}`);
    walk(node, state, c);
    types.push(type);
    nodes.push(node);
  };
  c(ast, undefined);
  return { types, nodes };
}

/** What `simple(ast, visitors, base)` would call, in its order, without walking the tree again. */
export function replay(record: WalkRecord, visitors: Visitors): void {
  const { types, nodes } = record;
  for (let i = 0; i < types.length; i++) {
    const visit = visitors[types[i]!];
    if (visit) visit(nodes[i]!);
  }
}
