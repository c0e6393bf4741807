/**
 * The state of one file's behaviour pass (js-behaviour.ts) and the small operations every visit
 * uses: record a source, transform, sink or signal; bind a module; find literals and returns by
 * position. A class, not closures made per file: its methods are one set of functions for every
 * file, so V8 keeps their optimised code between files (closures made per file were optimised
 * again each time the previous file's were collected).
 */
import { simple, base } from 'acorn-walk';
import type { AstNode } from '../js-parse.js';
import { firstSegment, lastSegment, literalString, memberPath } from '../ast-utils.js';
import type { LineIndex } from '../text-utils.js';
import { PERSISTENCE_PATHS } from './catalog.js';
import { FlowTaint } from './flow.js';
import { LocalStrings } from './local-strings.js';
import { emptyBehaviour } from './shell-behaviour.js';
import type { FileBehaviour, SinkKind, SourceKind, TransformKind } from './types.js';

export const stripNode = (s: string): string => (s.startsWith('node:') ? s.slice(5) : s);

const TARGET_SKIP = /^(__dirname|__filename|process|require|module|exports|String|Buffer)$/;
const GEO_TEXT = /\.(country(_?code|_?name)?|countryCode|countryName|timeZone|timezone)\b/;

/** A position range of the source text with the string it holds (a literal, or a path/string built from literal pieces). */
export interface TextRange {
  start: number;
  end: number;
  value: string;
}

/** An assignment, resolved to its binding's scope once every function is known. */
export interface PendingAssign {
  name: string;
  start: number;
  end: number;
  pos: number;
  member?: boolean;
}

export class JsBehaviourState {
  readonly b: FileBehaviour = emptyBehaviour();
  readonly taint = new FlowTaint();
  /** Second taint over file paths: persistence locations built in variables reach a write's target. */
  readonly paths = new FlowTaint();
  readonly pathLabels: ((typeof PERSISTENCE_PATHS)[number] & { lit: string })[] = [];
  readonly writeSinks: number[] = [];
  /** Where each sink's call starts (by sink index): persistence writes are given the function they sit in. */
  readonly sinkStarts: number[] = [];
  /**
   * Third taint over request destinations: a network call's first argument built from a location
   * in the environment (label 0: the user configured where it goes) or from a hard-coded URL
   * host (label 1: the package decided).
   */
  readonly dest = new FlowTaint();
  readonly netSinks: number[] = [];
  /** Hosts of URL literals; label i + 1 in `dest` stands for destHosts[i]. */
  readonly destHosts: string[] = [];
  /** Value ranges that hold what a file contains, not where it is (`require(p)`, `fs.readFileSync(p)`, `JSON.parse(…)`). */
  readonly contentReads = new Map<number, number[]>();
  /** Parameter name → the functions that declare it (a member write to a parameter stays in its function). */
  readonly paramScopes = new Map<string, [number, number][]>();
  /** `return` argument ranges, in source order: a declared function's value is what it returns. */
  readonly returns: [number, number][] = [];
  /** Indices into `returns`, by start (set once pass 1 is done). */
  returnsByStart: number[] = [];
  readonly calls: { name: string; range: [number, number] }[] = [];
  /** First parameters of request handlers (the incoming request), with the handler's range. */
  readonly requestParams: { name: string; start: number; end: number }[] = [];
  /** `var`/`let`/`const` declaration positions by name (for the scope an assignment writes to). */
  readonly decls = new Map<string, number[]>();
  readonly pending: PendingAssign[] = [];
  /** Strings built in local variables (a command assembled before it is run). */
  readonly locals = new LocalStrings();
  /** Declared functions (by name): calls pass their arguments' taint to the parameters. */
  readonly fnDecls = new Map<string, AstNode>();
  /** Local name → module specifier (and member, for destructured / property bindings). */
  readonly bound = new Map<string, { mod: string; member?: string }>();
  /** Names holding a request / socket / XHR object. */
  readonly netObjects = new Map<string, SinkKind>();
  /** String literals, sorted by start once pass 1 is done. */
  readonly literals: TextRange[] = [];
  /** Paths and strings built from literal pieces (`*` for the computed parts). */
  readonly composites: TextRange[] = [];
  /** `path.join/resolve(__dirname, …literals)` calls that stay inside the package (own-dir.ts): what they name is no persistence location. */
  readonly ownDirPaths: [number, number][] = [];
  sawPub = false;
  spawnsShell: AstNode | undefined = undefined;
  readonly geoNames = new Set<string>();
  readonly geoProps: AstNode[] = [];
  readonly compares: AstNode[] = [];
  /** `[literal, …].includes(x)` / `.indexOf(x)` calls. */
  readonly listLookups: AstNode[] = [];
  /** Sink index of a write stream, by the node that created it and by the name holding it (for `.pipe(…)`). */
  readonly writeStreamAt = new Map<number, number>();
  readonly writeStreamNamed = new Map<string, number>();

  /**
   * `byUnits`: only some units of the file are read; module bindings and relative imports then
   * come from a replay of the whole file before pass 1.
   */
  constructor(
    readonly file: string,
    readonly text: string,
    readonly lines: LineIndex,
    readonly byUnits: boolean,
  ) {}

  /** Whether the text from `start` to `end` is (in) a path that stays inside the package. */
  inOwnDir(start: number, end: number): boolean {
    return this.ownDirPaths.some(([s, e]) => start >= s && end <= e);
  }

  assign(name: string, start: number, end: number, at: number): void {
    this.taint.assign(name, start, end, at);
    if (!this.contentReads.get(end)?.some((s) => s >= start && s - start <= 8)) this.paths.assign(name, start, end, at);
    this.dest.assign(name, start, end, at);
  }

  at(n: AstNode): { file: string; line: number; excerpt: string } {
    return { file: this.file, line: this.lines.line(n.start), excerpt: this.lines.excerpt(n.start) };
  }

  addSource(kind: SourceKind, n: AstNode, detail?: string, pos = n.start): number {
    const b = this.b;
    if (b.sources.length >= 300) return -1;
    const i = b.sources.push({ kind, ...this.at(n), ...(detail ? { detail } : {}) }) - 1;
    this.taint.source(pos, i);
    return i;
  }

  addTransform(kind: TransformKind, n: AstNode, detail?: string): void {
    if (this.b.transforms.length < 60) this.b.transforms.push({ kind, ...this.at(n), ...(detail ? { detail } : {}) });
  }

  addSink(kind: SinkKind, n: AstNode, ranges: [number, number][], detail?: string): void {
    const b = this.b;
    if (b.sinks.length >= 200) return;
    const i = b.sinks.push({ kind, ...this.at(n), ...(detail ? { detail } : {}), offset: n.start }) - 1;
    this.sinkStarts[i] = n.start;
    this.taint.sink(i, ranges);
    const first = (n.arguments as AstNode[] | undefined)?.[0];
    if ((kind === 'network' || kind === 'git-api') && first) {
      this.netSinks.push(i);
      this.dest.sink(i, [[first.start, first.end]]);
    }
  }

  /** Sets the target of the sink just added. */
  setTarget(t: string[] | undefined): void {
    const last = this.b.sinks[this.b.sinks.length - 1];
    if (t && last && !last.target) last.target = t;
  }

  signal(kind: FileBehaviour['signals'][number]['kind'], n: AstNode, detail?: string): void {
    const b = this.b;
    if (b.signals.filter((s) => s.kind === kind).length < 4)
      b.signals.push({ kind, ...this.at(n), ...(detail ? { detail } : {}), offset: n.start });
  }

  containsGeo(x: AstNode): boolean {
    return x.end - x.start < 300 && GEO_TEXT.test(this.text.slice(x.start, x.end));
  }

  requireSpec(n: AstNode | undefined): string | undefined {
    return n?.type === 'CallExpression' && memberPath(n.callee) === 'require'
      ? literalString(n.arguments[0])
      : n?.type === 'AwaitExpression' && n.argument?.type === 'ImportExpression'
        ? literalString(n.argument.source)
        : undefined;
  }

  bind(id: AstNode | undefined, mod: string, member?: string): void {
    if (id?.type === 'Identifier') this.bound.set(id.name, { mod, ...(member ? { member } : {}) });
    if (id?.type === 'ObjectPattern') {
      for (const p of id.properties) {
        const key = p.key?.type === 'Identifier' ? p.key.name : literalString(p.key);
        const v = p.value?.type === 'AssignmentPattern' ? p.value.left : p.value;
        if (key && v?.type === 'Identifier') this.bound.set(v.name, { mod, member: key });
      }
    }
  }

  /** Names and literals a path / command argument is built from (module objects and globals left out). */
  targetKeys(arg: AstNode | undefined): string[] | undefined {
    if (!arg) return undefined;
    const keys = new Set<string>();
    const visit = (x: AstNode): void => {
      if (x.type === 'Identifier') {
        if (!this.bound.has(x.name) && !TARGET_SKIP.test(x.name)) keys.add(x.name);
      } else if (literalString(x) !== undefined) {
        const v = literalString(x)!.trim().replace(/^\.\//, '');
        if (v.length >= 2 && /[\w]/.test(v)) keys.add(`'${v}'`);
      }
    };
    visit(arg);
    simple(arg as never, { Identifier: visit, Literal: visit, TemplateLiteral: visit }, base);
    return keys.size ? [...keys].slice(0, 8) : undefined;
  }

  /** The module and function a callee names (`require('x').f`, a bound name, `mod.f`), if it names one. */
  modOf(callee: AstNode): { mod: string; fn: string } | undefined {
    if (callee.type === 'MemberExpression') {
      const spec = this.requireSpec(callee.object);
      const fn = !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : literalString(callee.property);
      if (spec !== undefined && fn) return { mod: stripNode(spec), fn };
    }
    const path = memberPath(callee);
    if (!path) return undefined;
    const bnd = this.bound.get(firstSegment(path));
    if (!bnd) return undefined;
    const fn = path.indexOf('.') >= 0 ? lastSegment(path) : (bnd.member ?? '');
    return { mod: bnd.mod, fn };
  }

  /** Indexes returns and literals by position: called once, after pass 1. */
  indexPositions(): void {
    for (const c of this.calls) if (this.paramScopes.has(c.name)) this.returns.push(c.range);
    const returns = this.returns;
    this.returnsByStart = returns.map((_, i) => i).sort((x, y) => returns[x]![0] - returns[y]![0]);
    this.literals.sort((a, c) => a.start - c.start);
  }

  /** Return ranges strictly inside (from, to), in `returns` order: an index by start instead of a scan per function (quadratic on bundles). */
  returnsWithin(from: number, to: number): [number, number][] {
    const returns = this.returns;
    const byStart = this.returnsByStart;
    let lo = 0;
    let hi = byStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (returns[byStart[mid]!]![0] <= from) lo = mid + 1;
      else hi = mid;
    }
    const hits: number[] = [];
    for (let i = lo; i < byStart.length && returns[byStart[i]!]![0] < to; i++) if (returns[byStart[i]!]![1] < to) hits.push(byStart[i]!);
    return hits.sort((x, y) => x - y).map((i) => returns[i]!);
  }

  /** Values of the literals inside [from, to] (at most 50). */
  literalsIn(from: number, to: number): string[] {
    const literals = this.literals;
    let lo = 0;
    let hi = literals.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (literals[mid]!.start < from) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < literals.length && literals[i]!.start < to && out.length < 50; i++)
      if (literals[i]!.end <= to) out.push(literals[i]!.value);
    return out;
  }
}

export const argsRange = (args: AstNode[]): [number, number][] => (args.length ? [[args[0]!.start, args[args.length - 1]!.end]] : []);
