/**
 * One traversal of a syntax tree, kept for several passes. The scanner and the behaviour pass each
 * read the whole tree two or three times; walking it once and replaying the visits costs a fraction
 * of walking it again (acorn-walk's dispatch dominated content analysis). The record holds the
 * visits acorn-walk's `simple` makes with its `base` walker, in the same order (children before
 * their node; category visits such as `Function` included), restricted to the types some pass
 * reads (RECORDED): most visits (`Expression`/`Statement` categories, blocks, expression
 * statements…) are never read, and recording them cost as much as replaying the rest.
 */
import { base } from 'acorn-walk';
import type { AstNode } from './js-parse.js';

/** Every visit type a pass replays. A replay asking for another type is a programming error. */
export const RECORDED = [
  'ArrayExpression',
  'AssignmentExpression',
  'BinaryExpression',
  'CallExpression',
  'ExportAllDeclaration',
  'ExportNamedDeclaration',
  'ForInStatement',
  'ForOfStatement',
  'Function',
  'FunctionDeclaration',
  'Identifier',
  'ImportDeclaration',
  'ImportExpression',
  'Literal',
  'MemberExpression',
  'NewExpression',
  'ReturnStatement',
  'TemplateElement',
  'TemplateLiteral',
  'VariableDeclarator',
] as const;
export type RecordedType = (typeof RECORDED)[number];

/** Type → small id (1-based; 0: not recorded). A Map keeps the lookup off the megamorphic path. */
const ID = new Map<string, number>(RECORDED.map((t, i) => [t, i + 1]));

export interface WalkRecord {
  /** The visit's type id (index + 1 into RECORDED), one per recorded visit. */
  readonly ids: Uint8Array;
  readonly nodes: AstNode[];
  /**
   * Per visit, the position of the first visit made while its node was walked: the visits of a
   * node's subtree are the block [sub[i], i] (children before their node), so a pass can take or
   * skip a whole subtree without reading its nodes.
   */
  readonly sub: Int32Array;
  /** Positions of one type's visits, by id, built on its first single-type replay. */
  byType: (number[] | undefined)[] | undefined;
}

/** Every record is made here, with all its fields: one object shape for the code that reads records (no field added later). */
export function walkRecord(ids: Uint8Array, nodes: AstNode[], sub: Int32Array): WalkRecord {
  return { ids, nodes, sub, byType: undefined };
}

/**
 * What a pass does per visit type. `state` is the replay's third argument: a pass whose visitors
 * are module-level functions reading their file's state from it keeps one set of functions (and
 * their optimised code) for every file, where closures made per file were optimised again after
 * the previous file's were collected.
 */
export type Visitors<S = undefined> = Partial<Record<RecordedType, (node: AstNode, state: S) => void>>;

type Recurse = (node: AstNode, state: unknown, override?: string) => void;
type Walker = (node: AstNode, state: unknown, c: Recurse) => void;
const walkers = base as unknown as Record<string, Walker | undefined>;
/** `Statement`, `Expression` and `MemberPattern` only pass the node on to its own type's walker (acorn-walk's skipThrough). */
const passThrough = walkers.Statement;
/** Leaves (identifiers, literals, `break`…) share acorn-walk's `ignore` walker: there is nothing to call. */
const leaf = walkers.Identifier;

/** What a visit of one type does: its walker (undefined for a leaf) and its record id (0: not recorded). */
interface Step {
  walk: Walker | undefined;
  id: number;
}
/** Per visit type, resolved once: one Map lookup per node instead of a keyed load and an id lookup. */
const steps = new Map<string, Step>();

function stepOf(type: string): Step {
  let s = steps.get(type);
  if (!s) {
    const walk = walkers[type];
    if (!walk) throw new Error(`No walker function defined for node type ${type}`);
    steps.set(type, (s = { walk: walk === leaf ? undefined : walk, id: ID.get(type) ?? 0 }));
  }
  return s;
}

/**
 * The callback acorn-walk's walkers recurse through, with the record as the walk's state. One
 * function for every walk, not a closure per file: the walkers' optimised code checks which
 * function they call, and a closure per file failed that check (and was recompiled) once the
 * previous file's closure was collected.
 */
const visit: Recurse = (node, state, override) => {
  const b = state as Builder;
  const entry = b.n;
  // A pass-through category is neither recorded nor needs its own dispatch (the two common ones are not even looked up).
  let s = override === undefined || override === 'Expression' || override === 'Statement' ? stepOf(node.type) : stepOf(override);
  if (s.walk === passThrough) s = stepOf(node.type);
  if (s.walk !== undefined) s.walk(node, state, visit);
  if (s.id !== 0) {
    const at = b.n++;
    if (at === b.ids.length) grow(b);
    b.ids[at] = s.id;
    b.sub[at] = entry;
    b.nodes.push(node);
  }
};

/**
 * A record being made. Type ids and subtree starts are typed arrays, grown by doubling: outside
 * the garbage-collected heap, nothing for a collection to scan or copy (a bundle's walk records
 * hundreds of thousands of visits, and arrays of numbers grown by push were copied and scavenged).
 */
interface Builder {
  ids: Uint8Array;
  sub: Int32Array;
  nodes: AstNode[];
  n: number;
}

function grow(b: Builder): void {
  const ids = new Uint8Array(b.ids.length * 2);
  ids.set(b.ids);
  const sub = new Int32Array(b.sub.length * 2);
  sub.set(b.sub);
  b.ids = ids;
  b.sub = sub;
}

export function recordWalk(ast: AstNode): WalkRecord {
  const b: Builder = { ids: new Uint8Array(1024), sub: new Int32Array(1024), nodes: [], n: 0 };
  visit(ast, b);
  return walkRecord(b.ids.subarray(0, b.n), b.nodes, b.sub.subarray(0, b.n));
}

/** The nodes visited as `type`, in visit order. */
export function visitsOf(record: WalkRecord, type: RecordedType): AstNode[] {
  return positions(record, ID.get(type)!).map((i) => record.nodes[i]!);
}

function positions(record: WalkRecord, id: number): number[] {
  const by = (record.byType ??= []);
  let at = by[id];
  if (!at) {
    at = [];
    const { ids } = record;
    for (let i = 0; i < ids.length; i++) if (ids[i] === id) at.push(i);
    by[id] = at;
  }
  return at;
}

/**
 * What `simple(ast, visitors, base)` would call (for the RECORDED types), in its order, without
 * walking the tree again; each visitor is called with the node and `state`.
 */
export function replay<S = undefined>(record: WalkRecord, visitors: Visitors<S>, state?: S): void {
  const table: (((node: AstNode, state: S) => void) | undefined)[] = new Array<undefined>(RECORDED.length + 1).fill(undefined);
  let only = 0;
  let count = 0;
  for (const [type, visit] of Object.entries(visitors)) {
    if (!visit) continue;
    const id = ID.get(type);
    if (id === undefined) throw new Error(`replay: visits of ${type} are not recorded (add it to RECORDED)`);
    table[id] = visit;
    only = id;
    count++;
  }
  const { ids, nodes } = record;
  if (count === 1) {
    const visit = table[only]!;
    for (const i of positions(record, only)) visit(nodes[i]!, state as S);
    return;
  }
  for (let i = 0; i < ids.length; i++) {
    const visit = table[ids[i]!];
    if (visit !== undefined) visit(nodes[i]!, state as S);
  }
}
