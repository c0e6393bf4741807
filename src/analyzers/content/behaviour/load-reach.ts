/**
 * Load reach: whether a function can run while a package's modules load (an install hook's script
 * and what it requires, or a module being imported), not only when some caller invokes it later.
 * File-level reach says a module is loaded; a write inside a function that nothing calls during
 * that load is a capability of the package, not something its install or its import does.
 *
 * A function is named by what binds it: a declaration or variable (a name of its module), an
 * export (a name its importers use), a property, method or member it is assigned to (a name any
 * file may use). Code at the top level of a module, and functions without such a name (callbacks,
 * immediately invoked functions, methods of an object handed to a call) run when their
 * surroundings run. A named function runs when its name is used where it is visible, in code that
 * runs: called, passed on, stored, read (`lib.setup()`, `(0, lib.setup)()`, `setTimeout(setup)`,
 * `[a, b].forEach(…)`, `obj['setup']`). Declaring or exporting it is no use.
 *
 * Over-approximation is the safe side: a name shared by unrelated functions, a module that hands
 * itself out whole (`module.exports = fn`), or a file that cannot be read or parsed within the
 * budget counts as running.
 */
import { posix } from 'node:path';
import { parseJs, type AstNode } from '../js-parse.js';
import { memberPath } from '../ast-utils.js';
import { resolveInPackage } from '../install-scripts.js';
import type { SinkKind } from './types.js';

/** The writes whose chain asks whether their function runs at load. */
export const PERSISTENCE_SINKS: ReadonlySet<SinkKind> = new Set<SinkKind>(['write-persistence', 'write-npmrc', 'write-package']);

/**
 * Limits of one question: names followed, bytes of files parsed to answer it, and places one name is
 * looked up at in one file. Past any of them the function counts as running.
 */
export const LOAD_REACH_LIMITS = { names: 96, parseBytes: 24 * 1024 * 1024, usesPerFile: 4096 };

/**
 * A name to look for, and where it is visible: in its own module (`file`), in the modules that
 * import `file` and `file` itself (`importers`), or anywhere (`all`: properties and methods).
 */
export interface Name {
  name: string;
  scope: 'file' | 'importers' | 'all';
  file: string;
}

/** One step of the path from a tree's root to a position: the node, and the key its parent holds it under. */
interface Step {
  node: AstNode;
  key: string;
}

const SKIP_KEYS = new Set(['type', 'start', 'end', 'loc', 'range', 'raw', 'regex', 'name', 'operator', 'kind']);
const FUNCTION = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
/** Code that runs while its module loads. */
const AT_LOAD = 'load';

function isNode(v: unknown): v is AstNode {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}

/** The child of `node` whose range holds `pos` (children do not overlap), with its key. */
function childAt(node: AstNode, pos: number): Step | undefined {
  for (const key in node) {
    if (SKIP_KEYS.has(key)) continue;
    const v = node[key];
    if (Array.isArray(v)) {
      const c = inList(v, pos);
      if (c) return { node: c, key };
    } else if (isNode(v) && v.start <= pos && pos < v.end) return { node: v, key };
  }
  return undefined;
}

/**
 * The element of a list of nodes (in source order) whose range holds `pos`: a binary search, since
 * a bundle's program body or a table's elements can number hundreds of thousands and a name may be
 * looked up at as many places. A hole (`[a, , b]`) sends the search to a scan.
 */
function inList(list: unknown[], pos: number): AstNode | undefined {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = list[mid];
    if (!isNode(c)) {
      for (const x of list) if (isNode(x) && x.start <= pos && pos < x.end) return x;
      return undefined;
    }
    if (pos < c.start) hi = mid - 1;
    else if (pos >= c.end) lo = mid + 1;
    else return c;
  }
  return undefined;
}

/** The nodes from the root down to the innermost one whose range holds `pos`. */
export function pathTo(ast: AstNode, pos: number): Step[] {
  const path: Step[] = [{ node: ast, key: '' }];
  for (let s = childAt(ast, pos); s && path.length < 4000; s = childAt(s.node, pos)) path.push(s);
  return path;
}

const keyName = (key: AstNode | undefined, computed: boolean): string | undefined =>
  !key
    ? undefined
    : !computed && key.type === 'Identifier'
      ? key.name
      : key.type === 'Literal' && typeof key.value === 'string'
        ? key.value
        : undefined;

const isExportsObject = (n: AstNode | undefined): boolean => {
  const m = memberPath(n);
  return m === 'exports' || m === 'module.exports';
};

/**
 * Whether the object literal at path[i] is handed to a call, itself or inside other object and
 * array literals (`yargs.command({ handler() {…} })`): the callee may call its methods, in this
 * package or another, so they run with the call.
 */
function handedToCall(path: Step[], i: number): boolean {
  for (let j = i; j > 0; j--) {
    const { node, key } = path[j]!;
    if (node.type !== 'ObjectExpression' && node.type !== 'ArrayExpression' && node.type !== 'Property') return false;
    const up = path[j - 1]!.node;
    if ((up.type === 'CallExpression' || up.type === 'NewExpression') && key === 'arguments') return true;
  }
  return false;
}

/** The names a declaration at path[i] (a function, class or variable declarator) is visible under. */
function declared(path: Step[], i: number, name: string, file: string): Name[] {
  const out: Name[] = [{ name, scope: 'file', file }];
  for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
    const t = path[j]!.node.type;
    if (t === 'ExportNamedDeclaration') out.push({ name, scope: 'importers', file });
    if (t === 'ExportDefaultDeclaration') out.push({ name: 'default', scope: 'importers', file });
  }
  return out;
}

/** The names a function or class at path[i] is bound to (none: it runs with its surroundings). */
function bindings(path: Step[], i: number, file: string): Name[] {
  const { node, key } = path[i]!;
  if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id) return declared(path, i, node.id.name, file);
  const parent = path[i - 1]?.node;
  if (!parent) return [];
  if (parent.type === 'VariableDeclarator' && key === 'init' && parent.id?.type === 'Identifier')
    return declared(path, i - 1, parent.id.name, file);
  if (parent.type === 'AssignmentExpression' && key === 'right') {
    const left = parent.left;
    if (left.type === 'Identifier') return [{ name: left.name, scope: 'all', file }];
    if (left.type !== 'MemberExpression') return [];
    // The whole module is the function: whoever requires it may call it.
    if (isExportsObject(left)) return [{ name: AT_LOAD, scope: 'file', file }];
    const name = keyName(left.property, left.computed);
    if (!name) return [];
    return [{ name, scope: isExportsObject(left.object) ? 'importers' : 'all', file }];
  }
  if (parent.type === 'Property' && key === 'value') {
    if (handedToCall(path, i - 2)) return [];
    const name = keyName(parent.key, parent.computed);
    return name ? [{ name, scope: 'all', file }] : [];
  }
  if ((parent.type === 'PropertyDefinition' || parent.type === 'MethodDefinition') && key === 'value') {
    if (parent.kind === 'constructor') {
      // A constructor runs when its class is built: it goes by the class's names.
      for (let j = i - 2; j >= 0; j--) {
        const t = path[j]!.node.type;
        if (t === 'ClassDeclaration' || t === 'ClassExpression') return bindings(path, j, file);
      }
      return [];
    }
    const name = keyName(parent.key, parent.computed);
    return name ? [{ name, scope: 'all', file }] : [];
  }
  return [];
}

/**
 * The names of the innermost named function around the code at path[from] (going up): empty when
 * that code runs at the top level of its module, or only inside functions without a name.
 */
function namedAround(path: Step[], from: number, file: string): Name[] {
  for (let i = from; i > 0; i--) {
    if (!FUNCTION.has(path[i]!.node.type)) continue;
    const names = bindings(path, i, file);
    if (names.length) return names;
  }
  return [];
}

/** The name of the function that holds the code at `pos` (see namedAround); undefined at load. */
export function callerAt(ast: AstNode, pos: number): string | undefined {
  const path = pathTo(ast, pos);
  const names = namedAround(path, path.length - 1, '');
  return names.find((n) => n.name !== AT_LOAD)?.name;
}

/**
 * What an occurrence of a name at path's last node means for the function of that name: nothing
 * (`[]`) when it only declares it; the names to follow next when it sits in a named function (that
 * function must run first) or exports or imports it under another name (`exports.run = main`:
 * uses of `run` in its importers call it); AT_LOAD when code that runs while the module loads uses it.
 */
function useContext(path: Step[], file: string): Name[] {
  const last = path.length - 1;
  const { key } = path[last]!;
  const parent = path[last - 1]?.node;
  if (!parent) return [];
  const load: Name[] = [{ name: AT_LOAD, scope: 'file', file }];
  if (parent.type === 'ImportSpecifier')
    return key === 'imported' && parent.local ? [{ name: parent.local.name, scope: 'file', file }] : [];
  if (parent.type === 'ExportSpecifier') {
    const as = key === 'local' ? keyName(parent.exported, false) : undefined;
    return as ? [{ name: as, scope: 'importers', file }] : [];
  }
  if (key === 'id' || key === 'params') return [];
  if ((parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition') && key === 'key') return [];
  // `const { x: y } = require('./m')`, `{ x }`: the module's x is bound to a local name; its uses are the uses.
  if (parent.type === 'Property' && key === 'key' && path[last - 2]?.node.type === 'ObjectPattern') {
    const local = parent.value?.type === 'AssignmentPattern' ? parent.value.left : parent.value;
    return local?.type === 'Identifier' ? [{ name: local.name, scope: 'file', file }] : [];
  }
  if (parent.type === 'Property' && key === 'key' && !parent.shorthand) return [];
  if (parent.type === 'ExportDefaultDeclaration') return [{ name: 'default', scope: 'importers', file }];
  for (let i = last - 1; i > 0; i--) {
    const n = path[i]!.node;
    // TypeScript's re-export getters: `Object.defineProperty(exports, 'x', { get: function () { return m.y; } })`.
    if (n.type === 'CallExpression' && memberPath(n.callee) === 'Object.defineProperty' && isExportsObject(n.arguments?.[0])) {
      const as = keyName(n.arguments[1], true);
      return as ? [{ name: as, scope: 'importers', file }] : load;
    }
  }
  // `exports.x = …` (the target), `exports.x = y`, `exports.x = m.y`, `module.exports = { x: y, y }`: exports.
  for (let i = last - 1; i > 0; i--) {
    const n = path[i]!.node;
    if (n.type === 'AssignmentExpression' && (isExportsObject(n.left) || isExportsObject(n.left?.object))) {
      if (path[i + 1]!.key === 'left') return [];
      const right = path[i + 1]!.node;
      const depth = last - i;
      const whole = isExportsObject(n.left);
      const as = whole ? undefined : keyName(n.left.property, n.left.computed);
      if (depth === 1 || (depth === 2 && right.type === 'MemberExpression')) return as ? [{ name: as, scope: 'importers', file }] : load;
      if (depth === 3 && right.type === 'ObjectExpression' && path[i + 2]!.node.type === 'Property') {
        const prop = keyName(path[i + 2]!.node.key, path[i + 2]!.node.computed);
        return whole && prop ? [{ name: prop, scope: 'importers', file }] : load;
      }
    }
    if (FUNCTION.has(n.type)) break;
  }
  // The assignment target `obj.x = …` defines x.
  if (
    parent.type === 'MemberExpression' &&
    key === 'property' &&
    path[last - 2]?.node.type === 'AssignmentExpression' &&
    path[last - 1]!.key === 'left'
  )
    return [];
  const around = namedAround(path, last - 1, file);
  return around.length ? around : load;
}

const IDENT = /[A-Za-z0-9_$]/;
const JS_FILE = /\.(c|m)?js$|#js\d+$/;
const RELATIVE_SPEC = /['"`](\.{1,2}\/[^'"`\n]{0,200})['"`]/g;

/**
 * Answers, for the files that may load (an entry's reach, or every file of the package when the
 * reach was cut short), whether a named function runs while they load. Each file is parsed at most
 * once, and only when its text names a function asked about.
 */
export class LoadReach {
  private readonly trees = new Map<string, AstNode | null>();
  private readonly importerCache = new Map<string, string[]>();
  private parsedBytes = 0;
  private readonly memo = new Map<string, boolean>();
  private readonly has: Set<string>;

  constructor(
    private readonly files: readonly string[],
    private readonly text: (file: string) => string | undefined,
  ) {
    this.has = new Set(files);
  }

  /** Whether the function named `name`, declared or assigned in `file`, can run while the files load (true when it cannot tell). */
  runs(name: string, file: string): boolean {
    const k = `${file}\n${name}`;
    let answer = this.memo.get(k);
    if (answer === undefined) {
      const start = this.bindingsOf(file, name);
      answer = start === undefined || this.search(start.length ? start : [{ name, scope: 'all', file }]);
      this.memo.set(k, answer);
    }
    return answer;
  }

  /** The names under which the functions called `name` in `file` are visible (their binding sites); undefined when unreadable. */
  private bindingsOf(file: string, name: string): Name[] | undefined {
    const text = this.text(file);
    const ast = text === undefined ? null : this.tree(file, text);
    if (!text || !ast) return undefined;
    const out: Name[] = [];
    let seen = 0;
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      if (++seen > LOAD_REACH_LIMITS.usesPerFile) return undefined;
      if (IDENT.test(text[at - 1] ?? '') || IDENT.test(text[at + name.length] ?? '')) continue;
      const path = pathTo(ast, at);
      const last = path.length - 1;
      const { node: leaf, key } = path[last]!;
      const parent = path[last - 1]?.node;
      if (!parent || leaf.start !== at) continue;
      if (key === 'id' && (parent.type === 'FunctionDeclaration' || parent.type === 'ClassDeclaration'))
        out.push(...bindings(path, last - 1, file));
      else if (key === 'id' && parent.type === 'VariableDeclarator' && parent.init && FUNCTION.has(parent.init.type))
        out.push(...declared(path, last - 1, name, file));
      else if (parent.type === 'AssignmentExpression' && key === 'left' && FUNCTION.has(parent.right?.type))
        out.push({ name, scope: 'all', file });
      else if (parent.type === 'MemberExpression' && key === 'property' && path[last - 2]?.node.type === 'AssignmentExpression')
        out.push({ name, scope: isExportsObject(parent.object) ? 'importers' : 'all', file });
      else if ((parent.type === 'Property' || parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition') && key === 'key')
        out.push({ name, scope: 'all', file });
    }
    return out;
  }

  /** Breadth-first over uses: true as soon as one sits in code that runs at load. */
  private search(start: Name[]): boolean {
    const seen = new Set<string>();
    const queue: Name[] = [];
    const add = (n: Name): boolean => {
      if (n.name === AT_LOAD) return true;
      const k = n.scope === 'all' ? `all\n${n.name}` : `${n.scope}\n${n.file}\n${n.name}`;
      if (seen.has(k) || seen.has(`all\n${n.name}`)) return false;
      seen.add(k);
      queue.push(n);
      return false;
    };
    for (const n of start) if (add(n)) return true;
    while (queue.length) {
      if (seen.size > LOAD_REACH_LIMITS.names) return true;
      const n = queue.shift()!;
      for (const file of this.where(n)) {
        const uses = this.uses(file, n.name);
        if (uses === undefined) return true;
        for (const u of uses) if (add(u)) return true;
        // An importer that handles the module object as a whole (passes it on, indexes it with a
        // computed key, iterates it) may call any export: that counts as a use of this one.
        if (n.scope === 'importers' && file !== n.file) {
          const whole = this.wholeModuleUses(file, n.file, n.name);
          if (whole === undefined) return true;
          for (const u of whole) if (add(u)) return true;
        }
      }
    }
    return false;
  }

  private where(n: Name): readonly string[] {
    if (n.scope === 'all') return this.files;
    if (n.scope === 'file') return [n.file];
    return [n.file, ...this.importers(n.file)];
  }

  /** What each use of `name` in `file` leads to; undefined when the file cannot be read or parsed. */
  private uses(file: string, name: string): Name[] | undefined {
    if (!JS_FILE.test(file)) return []; // JSON, shell: nothing there calls a function
    const text = this.text(file);
    if (text === undefined) return undefined;
    let at = text.indexOf(name);
    if (at < 0) return [];
    const ast = this.tree(file, text);
    if (!ast) return undefined;
    const out: Name[] = [];
    let seen = 0;
    for (; at >= 0; at = text.indexOf(name, at + name.length)) {
      if (++seen > LOAD_REACH_LIMITS.usesPerFile) return undefined;
      if (IDENT.test(text[at - 1] ?? '') || IDENT.test(text[at + name.length] ?? '')) continue;
      const path = pathTo(ast, at);
      const leaf = path[path.length - 1]!.node;
      const named =
        leaf.type === 'Identifier'
          ? leaf.start === at && leaf.name === name
          : leaf.type === 'Literal' && leaf.start === at - 1 && leaf.value === name;
      if (!named) continue; // a comment, or part of a longer token or string
      out.push(...useContext(path, file));
    }
    return out;
  }

  /**
   * Where `importer` uses the module `target` other than by a fixed export name: the module object
   * passed on, spread, iterated or indexed with a computed key, or bound as a whole (`const m =
   * require(…)`, `import * as m`) and then so used; and, for `default`, the name a default import
   * binds. undefined when the importer cannot be parsed.
   */
  private wholeModuleUses(importer: string, target: string, name: string): Name[] | undefined {
    const text = this.text(importer);
    if (text === undefined) return undefined;
    const ast = this.tree(importer, text);
    if (!ast) return undefined;
    const out: Name[] = [];
    for (const m of text.matchAll(RELATIVE_SPEC)) {
      if (this.resolve(importer, m[1]!) !== target) continue;
      const path = pathTo(ast, m.index! + 1);
      const lit = path.length - 1;
      if (path[lit]!.node.type !== 'Literal') continue;
      const parent = path[lit - 1]!.node;
      if (parent.type === 'ImportDeclaration') {
        for (const sp of (parent.specifiers ?? []) as AstNode[]) {
          if (sp.type === 'ImportNamespaceSpecifier') out.push(...this.bindingUses(importer, text, ast, sp.local.name, name));
          if (sp.type === 'ImportDefaultSpecifier' && name === 'default') out.push({ name: sp.local.name, scope: 'file', file: importer });
        }
        continue;
      }
      // The module value: require(…), import(…), or either awaited.
      let at = lit - 1;
      if (!(parent.type === 'CallExpression' && memberPath(parent.callee) === 'require') && parent.type !== 'ImportExpression') continue;
      while (at > 0 && (path[at - 1]!.node.type === 'AwaitExpression' || path[at - 1]!.node.type === 'ChainExpression')) at--;
      out.push(...this.valueUses(importer, text, ast, path, at, name));
    }
    return out;
  }

  /** How the module value at path[at] is used (see wholeModuleUses). */
  private valueUses(file: string, text: string, ast: AstNode, path: Step[], at: number, name: string): Name[] {
    const up = path[at - 1]?.node;
    const key = path[at]!.key;
    if (up?.type === 'MemberExpression' && key === 'object') {
      // A fixed name (`.x`, `['x']`) is found by the name search; a computed one may be any export.
      return !up.computed || up.property.type === 'Literal' ? [] : this.contextAt(path, at - 1, file);
    }
    if (up?.type === 'VariableDeclarator' && key === 'init') {
      if (up.id.type === 'Identifier') return this.bindingUses(file, text, ast, up.id.name, name);
      if (up.id.type === 'ObjectPattern' && !(up.id.properties as AstNode[]).some((p) => p.type === 'RestElement')) return [];
    }
    if (up?.type === 'ExpressionStatement') return []; // loaded for its side effects only
    return this.opaque(path, at, file, name);
  }

  /**
   * A use of the whole module at path[at]: exported on (`module.exports = { m }`), its exports become
   * the importer's, to look for in the importer's importers; anything else may call `name` there.
   */
  private opaque(path: Step[], at: number, file: string, name: string): Name[] {
    const ctx = useContext(path.slice(0, at + 1), file);
    if (ctx.length && ctx.every((c) => c.scope === 'importers')) return [{ name, scope: 'importers', file }];
    return this.contextAt(path, at, file);
  }

  /** Uses of a local name bound to a whole module, other than reading a fixed member. */
  private bindingUses(file: string, text: string, ast: AstNode, local: string, name: string): Name[] {
    const out: Name[] = [];
    let seen = 0;
    for (let at = text.indexOf(local); at >= 0; at = text.indexOf(local, at + local.length)) {
      if (++seen > LOAD_REACH_LIMITS.usesPerFile) return [{ name: AT_LOAD, scope: 'file', file }];
      if (IDENT.test(text[at - 1] ?? '') || IDENT.test(text[at + local.length] ?? '')) continue;
      const path = pathTo(ast, at);
      const last = path.length - 1;
      const { node, key } = path[last]!;
      if (node.type !== 'Identifier' || node.start !== at || node.name !== local) continue;
      const up = path[last - 1]?.node;
      if (!up || key === 'id' || key === 'local' || (up.type === 'MemberExpression' && key === 'property' && !up.computed)) continue;
      if (up.type === 'MemberExpression' && key === 'object' && (!up.computed || up.property.type === 'Literal')) continue;
      out.push(...this.opaque(path, last, file, name));
    }
    return out;
  }

  /** The function whose running makes the code at path[i] run (AT_LOAD at the top level). */
  private contextAt(path: Step[], i: number, file: string): Name[] {
    const around = namedAround(path, i, file);
    return around.length ? around : [{ name: AT_LOAD, scope: 'file', file }];
  }

  /** Files of the set whose relative requires or imports name `file`. */
  private importers(file: string): string[] {
    let out = this.importerCache.get(file);
    if (out) return out;
    out = [];
    for (const f of this.files) {
      const text = f === file ? undefined : this.text(f);
      if (!text || !JS_FILE.test(f)) continue;
      for (const m of text.matchAll(RELATIVE_SPEC)) {
        if (this.resolve(f, m[1]!) === file) {
          out.push(f);
          break;
        }
      }
    }
    this.importerCache.set(file, out);
    return out;
  }

  /** The file of the set a relative specifier in `from` names (as the install-time closure resolves it). */
  private resolve(from: string, spec: string): string | undefined {
    return resolveInPackage(posix.dirname(from.split('#')[0]!), spec, (p) => this.has.has(p));
  }

  private tree(file: string, text: string): AstNode | null {
    let t = this.trees.get(file);
    if (t !== undefined) return t;
    this.parsedBytes += text.length;
    t = this.parsedBytes > LOAD_REACH_LIMITS.parseBytes ? null : (parseJs(text)?.ast ?? null);
    this.trees.set(file, t);
    return t;
  }
}
