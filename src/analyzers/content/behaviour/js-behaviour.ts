/**
 * Behaviour of one parsed JavaScript file: sources, transforms, sinks and signals with their
 * lines, and the source → sink flows FlowTaint proves inside the file. Pure AST reading.
 */
import { simple, base } from 'acorn-walk';
import type { AstNode } from '../js-parse.js';
import { firstSegment, isProcessEnv, lastSegment, literalString, memberPath } from '../ast-utils.js';
import { recordWalk, replay, type Visitors, type WalkRecord } from '../ast-walk.js';
import { keepUntilNext } from '../code-keeper.js';
import type { LineIndex } from '../text-utils.js';
import {
  ADDRESS_PATTERN,
  CP_FUNCS,
  CP_MODULES,
  DNS_METHODS,
  ETH_ADDRESS_LITERAL,
  EXAMPLE_HOST,
  FS_CHMOD,
  FS_DESTROY,
  FS_WRITE,
  IDENTITY_ENV,
  IDENTITY_OS,
  literalSource,
  NET_GLOBAL_CALLS,
  NET_GLOBAL_CTORS,
  NET_MODULES,
  PERSISTENCE_PATHS,
  isLocationEnvName,
  isSecretEnvName,
  SEND_METHODS,
} from './catalog.js';
import { FlowTaint } from './flow.js';
import { LocalStrings } from './local-strings.js';
import { TokenScan } from '../token-scan.js';
import { FunctionScopes } from '../function-scopes.js';
import { emptyBehaviour, shellBehaviour } from './shell-behaviour.js';
import type { FileBehaviour, SinkKind, SourceKind, TransformKind } from './types.js';

const FS_MODULES = new Set(['fs', 'fs/promises', 'fs-extra', 'graceful-fs']);
const SERIALIZE_ENV =
  /^(JSON\.stringify|Object\.keys|Object\.entries|Object\.values|Object\.getOwnPropertyNames|querystring\.stringify|qs\.stringify|Buffer\.from|String|btoa|encodeURIComponent|util\.inspect)$/;
const GIT_API = /api\.github\.com|\/repos\/[^/]+\/[^/]+\/(contents|actions|git)|\/gists\b|\/user\/repos\b|\/api\/v4\/projects/;
const HOOK_TARGETS =
  /^(window|globalThis|self|global)\.(fetch|XMLHttpRequest)$|^XMLHttpRequest\.prototype\.(open|send|setRequestHeader)$|^(window\.)?ethereum\.(request|send|sendAsync)$|^(window|globalThis)\.ethereum$/;
const SHELL_PROGRAM = /^(\/bin\/|\/usr\/bin\/)?(sh|bash|zsh|dash|cmd(\.exe)?|powershell(\.exe)?|pwsh)$/i;
const MEDIA_FILE = /\.(png|jpe?g|gif|bmp|ico|webp|wav|mp3)$/i;
const GEO_PROP = /^(country|country_?code|country_?name|countryCode|countryName|timeZone|timezone)$/;
const URL_HOST = /^(?:https?|wss?):\/\/([a-z0-9.-]+|\[[0-9a-f:]+\])(?::\d+)?(?:[/?#]|$)/i;

/**
 * Files worth a behaviour pass: they name a source, a sink or a sabotage shape. Everything else
 * (most of a UI library's components) has no chain to find.
 */
export const BEHAVIOUR_GATE =
  /process\.env(?!\.NODE_ENV\b)|\bos\b|hostname|userInfo|networkInterfaces|readFile|readdir|createReadStream|writeFile|appendFile|createWriteStream|\brmSync\b|\brm\(|unlink|chmod|\.npmrc|\.ssh|User Data|Local Storage|wallet|keytar|clipboard|ethereum|document\.cookie|169\.254|fetch|XMLHttpRequest|WebSocket|sendBeacon|https?['"]|\bnet['"]|dgram|\bdns\b|tls['"]|axios|got['"]|request['"]|child_process|execa|shelljs|\beval\b|Function\s*\(|\bvm\b|_compile|require\s*\(\s*[^'"`\s)]|import\s*\(\s*[^'"`\s)]|\.(png|jpe?g|gif|bmp|ico|webp|wav|mp3)['"`]|timeZone|country|while\s*\(\s*(?:true|1|!0)\s*\)|for\s*\(\s*;\s*;|<\s*Infinity/;

/**
 * Where a large file's units are (units.ts): every token of BEHAVIOUR_GATE, and the hash checks
 * that make a download chain low (a mitigation outside the units would be missed).
 */
export const BEHAVIOUR_SITES = new TokenScan(new RegExp(`${BEHAVIOUR_GATE.source}|createHash|\\.digest\\(`));

const ROUTE_METHODS = /^(get|post|put|patch|delete|del|all|use|head|options)$/;
const stripNode = (s: string): string => (s.startsWith('node:') ? s.slice(5) : s);

/** Functions of the core network modules that open a connection or send; the rest (`net.isIP`, `http.STATUS_CODES`) do neither. */
const CORE_NET_FNS: Readonly<Record<string, RegExp>> = {
  http: /^(request|get)$/,
  https: /^(request|get)$/,
  http2: /^connect$/,
  net: /^(connect|createConnection|Socket|Stream)$/,
  tls: /^(connect|TLSSocket)$/,
  dgram: /^(createSocket|Socket)$/,
};
const sendsOrConnects = (mod: string, fn: string): boolean =>
  CORE_NET_FNS[mod]
    ? CORE_NET_FNS[mod].test(fn)
    : !/^(is[A-Z]\w*|isCancel|CancelToken|Cancel|all|spread|mergeConfig|toFormData|formToJSON|getAdapter|HttpStatusCode)$/.test(fn);

/**
 * `walk`: the visits to read, when the caller already has them: the file's recorded traversal, or
 * only its units (units.ts); then `whole` is the whole traversal, from which module bindings and
 * relative imports are read.
 */
export function scanBehaviour(
  file: string,
  text: string,
  ast: AstNode,
  lines: LineIndex,
  walk: WalkRecord = recordWalk(ast),
  whole: WalkRecord = walk,
): FileBehaviour {
  const b = emptyBehaviour();
  const taint = new FlowTaint();
  /** Second taint over file paths: persistence locations built in variables reach a write's target. */
  const paths = new FlowTaint();
  const pathLabels: ((typeof PERSISTENCE_PATHS)[number] & { lit: string })[] = [];
  const writeSinks: number[] = [];
  /**
   * Third taint over request destinations: a network call's first argument built from a location
   * in the environment (label 0: the user configured where it goes) or from a hard-coded URL
   * host (label 1: the package decided).
   */
  const dest = new FlowTaint();
  const netSinks: number[] = [];
  /** Hosts of URL literals; label i + 1 in `dest` stands for destHosts[i]. */
  const destHosts: string[] = [];
  /** Value ranges that hold what a file contains, not where it is (`require(p)`, `fs.readFileSync(p)`, `JSON.parse(…)`). */
  const contentReads = new Map<number, number[]>();
  const assign = (name: string, start: number, end: number, at: number): void => {
    taint.assign(name, start, end, at);
    if (!contentReads.get(end)?.some((s) => s >= start && s - start <= 8)) paths.assign(name, start, end, at);
    dest.assign(name, start, end, at);
  };
  /** Parameter name → the functions that declare it (a member write to a parameter stays in its function). */
  const paramScopes = new Map<string, [number, number][]>();
  /** `return` argument ranges, in source order: a declared function's value is what it returns. */
  const returns: [number, number][] = [];
  const calls: { name: string; range: [number, number] }[] = [];
  /** First parameters of request handlers (the incoming request), with the handler's range. */
  const requestParams: { name: string; start: number; end: number }[] = [];
  /** `var`/`let`/`const` declaration positions by name (for the scope an assignment writes to). */
  const decls = new Map<string, number[]>();
  /** Assignments, resolved to their binding's scope once every function is known. */
  const pending: { name: string; start: number; end: number; pos: number; member?: boolean }[] = [];
  /** Strings built in local variables (a command assembled before it is run). */
  const locals = new LocalStrings();
  /** Declared functions (by name): calls pass their arguments' taint to the parameters. */
  const fnDecls = new Map<string, AstNode>();
  const at = (n: AstNode): { file: string; line: number; excerpt: string } => ({
    file,
    line: lines.line(n.start),
    excerpt: lines.excerpt(n.start),
  });
  const addSource = (kind: SourceKind, n: AstNode, detail?: string, pos = n.start): number => {
    if (b.sources.length >= 300) return -1;
    const i = b.sources.push({ kind, ...at(n), ...(detail ? { detail } : {}) }) - 1;
    taint.source(pos, i);
    return i;
  };
  const addTransform = (kind: TransformKind, n: AstNode, detail?: string): void => {
    if (b.transforms.length < 60) b.transforms.push({ kind, ...at(n), ...(detail ? { detail } : {}) });
  };
  const addSink = (kind: SinkKind, n: AstNode, ranges: [number, number][], detail?: string): void => {
    if (b.sinks.length >= 200) return;
    const i = b.sinks.push({ kind, ...at(n), ...(detail ? { detail } : {}) }) - 1;
    taint.sink(i, ranges);
    const first = (n.arguments as AstNode[] | undefined)?.[0];
    if ((kind === 'network' || kind === 'git-api') && first) {
      netSinks.push(i);
      dest.sink(i, [[first.start, first.end]]);
    }
  };
  /** Sets the target of the sink just added. */
  const setTarget = (t: string[] | undefined): void => {
    const last = b.sinks[b.sinks.length - 1];
    if (t && last && !last.target) last.target = t;
  };
  const signal = (kind: FileBehaviour['signals'][number]['kind'], n: AstNode, detail?: string): void => {
    if (b.signals.filter((s) => s.kind === kind).length < 4) b.signals.push({ kind, ...at(n), ...(detail ? { detail } : {}) });
  };

  /** Local name → module specifier (and member, for destructured / property bindings). */
  const bound = new Map<string, { mod: string; member?: string }>();
  /** Names holding a request / socket / XHR object. */
  const netObjects = new Map<string, SinkKind>();
  const literals: { start: number; end: number; value: string }[] = [];
  /** Paths and strings built from literal pieces (`*` for the computed parts). */
  const composites: { start: number; end: number; value: string }[] = [];
  let sawPub = false;
  let spawnsShell: AstNode | undefined;
  const geoNames = new Set<string>();
  const containsGeo = (x: AstNode): boolean =>
    x.end - x.start < 300 && /\.(country(_?code|_?name)?|countryCode|countryName|timeZone|timezone)\b/.test(text.slice(x.start, x.end));
  const geoProps: AstNode[] = [];
  const compares: AstNode[] = [];
  /** `[literal, …].includes(x)` / `.indexOf(x)` calls. */
  const listLookups: AstNode[] = [];
  const requireSpec = (n: AstNode | undefined): string | undefined =>
    n?.type === 'CallExpression' && memberPath(n.callee) === 'require'
      ? literalString(n.arguments[0])
      : n?.type === 'AwaitExpression' && n.argument?.type === 'ImportExpression'
        ? literalString(n.argument.source)
        : undefined;
  const bind = (id: AstNode | undefined, mod: string, member?: string): void => {
    if (id?.type === 'Identifier') bound.set(id.name, { mod, ...(member ? { member } : {}) });
    if (id?.type === 'ObjectPattern') {
      for (const p of id.properties) {
        const key = p.key?.type === 'Identifier' ? p.key.name : literalString(p.key);
        const v = p.value?.type === 'AssignmentPattern' ? p.value.left : p.value;
        if (key && v?.type === 'Identifier') bound.set(v.name, { mod, member: key });
      }
    }
  };

  /** Names and literals a path / command argument is built from (module objects and globals left out). */
  const targetKeys = (arg: AstNode | undefined): string[] | undefined => {
    if (!arg) return undefined;
    const keys = new Set<string>();
    const visit = (x: AstNode): void => {
      if (x.type === 'Identifier') {
        if (!bound.has(x.name) && !/^(__dirname|__filename|process|require|module|exports|String|Buffer)$/.test(x.name)) keys.add(x.name);
      } else if (literalString(x) !== undefined) {
        const v = literalString(x)!.trim().replace(/^\.\//, '');
        if (v.length >= 2 && /[\w]/.test(v)) keys.add(`'${v}'`);
      }
    };
    visit(arg);
    simple(arg as never, { Identifier: visit, Literal: visit, TemplateLiteral: visit }, base);
    return keys.size ? [...keys].slice(0, 8) : undefined;
  };
  /** Sink index of a write stream, by the node that created it and by the name holding it (for `.pipe(…)`). */
  const writeStreamAt = new Map<number, number>();
  const writeStreamNamed = new Map<string, number>();

  // path.join('…', x, '…') / path.resolve: the literal pieces as one path.
  const joinedPath = (n: AstNode): void => {
    const c = n.callee as AstNode;
    const name = c.type === 'MemberExpression' && !c.computed ? c.property.name : c.type === 'Identifier' ? c.name : undefined;
    if (name !== 'join' && name !== 'resolve') return;
    const root = c.type === 'MemberExpression' ? memberPath(c.object) : c.name;
    const mod = root ? bound.get(root) : undefined;
    if (!(root === 'path' || mod?.mod === 'path')) return;
    const args = n.arguments as AstNode[];
    if (args.some((a) => literalString(a) !== undefined))
      composites.push({ start: n.start, end: n.end, value: args.map((a) => literalString(a) ?? '*').join('/') });
  };
  // Module bindings and relative imports (over the whole file when only units are read).
  const importDecl = (n: AstNode): void => {
    const spec = literalString(n.source);
    if (spec === undefined) return;
    for (const sp of n.specifiers ?? []) {
      const member = sp.type === 'ImportSpecifier' ? (sp.imported?.name ?? literalString(sp.imported)) : undefined;
      bound.set(sp.local.name, { mod: stripNode(spec), ...(member && member !== 'default' ? { member } : {}) });
    }
    if (spec.startsWith('.')) b.imports.push({ spec, line: lines.line(n.start) });
  };
  const bindDeclarator = (n: AstNode): void => {
    let init = n.init;
    let member: string | undefined;
    if (init?.type === 'MemberExpression' && !init.computed && init.property.type === 'Identifier') {
      member = init.property.name;
      init = init.object;
    }
    const spec = requireSpec(init);
    if (spec !== undefined) bind(n.id, stripNode(spec), member);
  };
  const bindAssignment = (n: AstNode): void => {
    const spec = requireSpec(n.right);
    if (spec !== undefined) bind(n.left, stripNode(spec));
  };
  const requireImport = (n: AstNode): void => {
    // memberPath(callee) === 'require', without building the path of every other callee.
    const c = n.callee as AstNode;
    if (c.type === 'Identifier' ? c.name === 'require' : c.type !== 'MemberExpression' && memberPath(c) === 'require') {
      const spec = literalString(n.arguments[0]);
      if (spec?.startsWith('.')) b.imports.push({ spec, line: lines.line(n.start) });
    }
  };
  const importExpr = (n: AstNode): void => {
    const spec = literalString(n.source);
    if (spec?.startsWith('.')) b.imports.push({ spec, line: lines.line(n.start) });
  };
  const byUnits = whole !== walk;
  if (byUnits)
    replay(whole, {
      ImportDeclaration: importDecl,
      VariableDeclarator: bindDeclarator,
      AssignmentExpression: bindAssignment,
      CallExpression: requireImport,
      ImportExpression: importExpr,
    });
  // Pass 1: module bindings and literals (bindings must be known before calls are classified).
  const pass1: Visitors = {
    ImportDeclaration(n: AstNode) {
      if (!byUnits) importDecl(n);
    },
    VariableDeclarator(n: AstNode) {
      if (n.id?.type === 'Identifier') {
        const d = decls.get(n.id.name) ?? decls.set(n.id.name, []).get(n.id.name)!;
        if (d.length < 50) d.push(n.start);
      }
      locals.declare(n);
      if (!byUnits) bindDeclarator(n);
    },
    AssignmentExpression(n: AstNode) {
      if (!byUnits) bindAssignment(n);
    },
    CallExpression(n: AstNode) {
      // `cb(body)`: what a function hands to a callback is also what it produces (filtered to parameters below).
      const args = n.arguments as AstNode[];
      // Request handlers: `app.post('/path', (req, res) => …)`, `http.createServer((req, res) => …)`.
      const prop = n.callee.type === 'MemberExpression' && !n.callee.computed ? n.callee.property.name : undefined;
      const route = prop && ROUTE_METHODS.test(prop) && (literalString(args[0]) ?? '').startsWith('/');
      if (route || prop === 'createServer' || memberPath(n.callee) === 'createServer')
        for (const a of args)
          if ((a.type === 'FunctionExpression' || a.type === 'ArrowFunctionExpression') && a.params[0]?.type === 'Identifier')
            requestParams.push({ name: a.params[0].name, start: a.start, end: a.end });
      if (n.callee.type === 'Identifier' && args.length)
        calls.push({ name: n.callee.name, range: [args[0]!.start, args[args.length - 1]!.end] });
      const cp = memberPath(n.callee);
      const cl =
        (cp === undefined ? undefined : lastSegment(cp)) ??
        (n.callee.type === 'MemberExpression' && !n.callee.computed ? n.callee.property.name : undefined);
      if (cp === 'require' || cp === 'JSON.parse' || (cl && /^(readFile|readFileSync|readJson|readJsonSync|readJSON)$/.test(cl)))
        (contentReads.get(n.end) ?? contentReads.set(n.end, []).get(n.end)!).push(n.start);
      if (!byUnits) requireImport(n);
      joinedPath(n);
    },
    ImportExpression(n: AstNode) {
      if (!byUnits) importExpr(n);
    },
    Literal(n: AstNode) {
      if (typeof n.value === 'string' && n.value.length >= 3 && n.value.length < 2000)
        literals.push({ start: n.start, end: n.end, value: n.value });
      if (n.regex && ADDRESS_PATTERN.test(n.regex.pattern)) signal('address-pattern', n, `/${n.regex.pattern.slice(0, 60)}/`);
    },
    TemplateElement(n: AstNode) {
      const v = n.value?.cooked;
      if (typeof v === 'string' && v.length >= 3 && v.length < 2000) literals.push({ start: n.start, end: n.end, value: v });
    },
    TemplateLiteral(n: AstNode) {
      if (n.expressions.length > 0 && n.quasis.length < 12)
        composites.push({ start: n.start, end: n.end, value: n.quasis.map((q: AstNode) => q.value?.cooked ?? '').join('*') });
    },
    BinaryExpression(n: AstNode) {
      if (n.operator === '+' && n.end - n.start < 400) {
        const parts: string[] = [];
        const flat = (x: AstNode): void =>
          x.type === 'BinaryExpression' && x.operator === '+' ? (flat(x.left), flat(x.right)) : void parts.push(literalString(x) ?? '*');
        flat(n);
        if (parts.some((p) => p !== '*')) composites.push({ start: n.start, end: n.end, value: parts.join('') });
      }
    },
    FunctionDeclaration(n: AstNode) {
      if (n.id?.type === 'Identifier') fnDecls.set(n.id.name, n);
    },
    Function(n: AstNode) {
      locals.fn(n.start, n.end);
      for (const p of n.params as AstNode[]) {
        const id = p.type === 'AssignmentPattern' ? p.left : p.type === 'RestElement' ? p.argument : p;
        if (id?.type === 'Identifier') (paramScopes.get(id.name) ?? paramScopes.set(id.name, []).get(id.name)!).push([n.start, n.end]);
      }
    },
    ReturnStatement(n: AstNode) {
      if (n.argument) returns.push([n.argument.start, n.argument.end]);
    },
  };
  replay(walk, pass1);

  for (const c of calls) if (paramScopes.has(c.name)) returns.push(c.range);
  /** Return ranges strictly inside (from, to), in `returns` order: an index by start instead of a scan per function (quadratic on bundles). */
  const byStart = returns.map((_, i) => i).sort((x, y) => returns[x]![0] - returns[y]![0]);
  const returnsWithin = (from: number, to: number): [number, number][] => {
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
  };
  literals.sort((a, c) => a.start - c.start);
  const literalsIn = (from: number, to: number): string[] => {
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
  };
  const argsRange = (args: AstNode[]): [number, number][] => (args.length ? [[args[0]!.start, args[args.length - 1]!.end]] : []);

  // Literal sources: secret paths, browser stores, wallets; hosts; address literals.
  let ethLiterals = 0;
  for (const l of composites) {
    const s = literalSource(l.value);
    if (s && !literals.some((x) => x.start >= l.start && x.end <= l.end && literalSource(x.value)?.kind === s.kind))
      addSource(s.kind, { type: 'Literal', start: l.start, end: l.end }, s.label);
  }
  for (const l of [...literals, ...composites]) {
    const pp = PERSISTENCE_PATHS.find((x) => x.re.test(l.value));
    if (pp) paths.source(l.start, pathLabels.push({ ...pp, lit: l.value }) - 1);
  }
  for (const l of literals) {
    if (/\.pub\b/.test(l.value)) sawPub = true;
    if (MEDIA_FILE.test(l.value))
      addSource('decoded', { type: 'Literal', start: l.start, end: l.end }, `media file ${l.value.slice(-40)} (possible hidden payload)`);
    const s = literalSource(l.value);
    if (s) addSource(s.kind, { type: 'Literal', start: l.start, end: l.end }, s.label);
    const h = URL_HOST.exec(l.value)?.[1]?.toLowerCase();
    if (h && !EXAMPLE_HOST.test(h) && b.hosts.length < 20 && !b.hosts.includes(h)) b.hosts.push(h);
    if (h && !/^(localhost|127\.0\.0\.1|\[::1\])$/.test(h)) {
      if (!destHosts.includes(h)) destHosts.push(h);
      dest.source(l.start, destHosts.indexOf(h) + 1);
    }
    if (ETH_ADDRESS_LITERAL.test(l.value) && !/^0x0{40}$/i.test(l.value)) ethLiterals++;
  }
  if (ethLiterals >= 2)
    signal(
      'address-pattern',
      { type: 'Literal', start: literals.find((l) => ETH_ADDRESS_LITERAL.test(l.value))!.start, end: 0 },
      `${ethLiterals} wallet address literals`,
    );

  const modOf = (callee: AstNode): { mod: string; fn: string } | undefined => {
    if (callee.type === 'MemberExpression') {
      const spec = requireSpec(callee.object);
      const fn = !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : literalString(callee.property);
      if (spec !== undefined && fn) return { mod: stripNode(spec), fn };
    }
    const path = memberPath(callee);
    if (!path) return undefined;
    const bnd = bound.get(firstSegment(path));
    if (!bnd) return undefined;
    const fn = path.indexOf('.') >= 0 ? lastSegment(path) : (bnd.member ?? '');
    return { mod: bnd.mod, fn };
  };

  /** Callback parameters of `n` receive what the rest of the call carries (source call results, `.then`, `.on('data')`). */
  const taintCallbacks = (n: AstNode): void => {
    const fnArgs = (n.arguments as AstNode[]).filter((a) => a.type === 'FunctionExpression' || a.type === 'ArrowFunctionExpression');
    if (fnArgs.length === 0) return;
    const pieces: [number, number][] = [
      [n.callee.start, n.callee.end],
      ...(n.arguments as AstNode[]).filter((a) => !fnArgs.includes(a)).map((a): [number, number] => [a.start, a.end]),
    ];
    for (const f of fnArgs) {
      for (const p of f.params as AstNode[]) {
        const names: string[] =
          p.type === 'Identifier'
            ? [p.name]
            : p.type === 'ObjectPattern'
              ? p.properties.map((q: AstNode) => q.value?.name).filter(Boolean)
              : [];
        for (const name of names) for (const [s, e] of pieces) assign(name, s, e, f.body.start);
      }
    }
  };

  const onCall = (n: AstNode, isNew: boolean): void => {
    const callee = n.callee as AstNode;
    const args = n.arguments as AstNode[];
    const path = memberPath(callee);
    const last =
      (path === undefined ? undefined : lastSegment(path)) ??
      (callee.type === 'MemberExpression' && !callee.computed ? callee.property.name : undefined);
    const m = modOf(callee);
    const mod = m?.mod;
    taintCallbacks(n);
    if (
      callee.type === 'MemberExpression' &&
      (last === 'includes' || last === 'indexOf') &&
      callee.object.type === 'ArrayExpression' &&
      callee.object.elements.length > 0 &&
      (callee.object.elements as (AstNode | null)[]).every((e) => e && literalString(e) !== undefined)
    )
      listLookups.push(n);
    // `list.push(x)`, `map.set(k, x)`, `form.append(k, x)`: the container carries x.
    if (
      callee.type === 'MemberExpression' &&
      callee.object.type === 'Identifier' &&
      last &&
      /^(push|unshift|add|set|append|concat)$/.test(last) &&
      args.length
    ) {
      // The container is usually declared outside the callback that fills it: program scope.
      assign(callee.object.name, args[0]!.start, args[args.length - 1]!.end, 0);
    }
    if (callee.type === 'Identifier' && fnDecls.has(callee.name)) {
      const fd = fnDecls.get(callee.name)!;
      (fd.params as AstNode[]).forEach((p, i) => {
        if (p.type === 'Identifier' && args[i]) assign(p.name, args[i]!.start, args[i]!.end, fd.body.start);
      });
    }

    // Sources
    if (mod === 'os' && IDENTITY_OS.has(m!.fn) && m!.fn !== 'homedir') addSource('identity', n, `os.${m!.fn}()`);
    if (path && SERIALIZE_ENV.test(path) && args.some(isProcessEnv)) addSource('env-all', n, `${path}(process.env)`);
    if (path === 'navigator.clipboard.readText' || (mod === 'clipboardy' && /^read/.test(m!.fn)))
      addSource('clipboard', n, path ?? 'clipboard');
    if (mod === 'keytar' && /^(getPassword|findCredentials|findPassword)$/.test(m!.fn)) addSource('keychain', n, `keytar.${m!.fn}`);
    if (path === 'localStorage.getItem' || path === 'sessionStorage.getItem' || path === 'window.localStorage.getItem')
      addSource('browser-secret', n, path);

    // Transforms
    if (last === 'toString' && ['base64', 'hex', 'base64url'].includes(literalString(args[0]) ?? ''))
      addTransform(literalString(args[0]) === 'hex' ? 'hex' : 'base64', n);
    if (path === 'btoa') addTransform('base64', n);
    if (
      last === 'createCipheriv' ||
      last === 'createCipher' ||
      last === 'publicEncrypt' ||
      (path?.startsWith('crypto.subtle') && last === 'encrypt')
    )
      addTransform('encrypt', n);
    if (mod === 'zlib' && /^(gzip|deflate|brotliCompress)/.test(m!.fn)) addTransform('compress', n);
    if (path === 'JSON.stringify') addTransform('serialize', n);
    if (last === 'reverse' && callee.object?.type === 'CallExpression' && memberPath(callee.object.callee)?.endsWith('.split'))
      addTransform('reverse', n);
    if (path === 'String.fromCharCode' && args.some((a) => a.type !== 'Literal')) addTransform('char-codes', n);
    if ((last === 'createHash' && literalString(args[0])) || last === 'digest') signal('checksum', n, path);

    // Sinks
    const ranges = argsRange(args);
    if (mod && NET_MODULES.has(mod) && sendsOrConnects(mod, m!.fn)) {
      const kind = NET_MODULES.get(mod)!;
      if (kind === 'dns') {
        if (DNS_METHODS.test(m!.fn) && args[0] && literalString(args[0]) === undefined)
          addSink('dns', n, [[args[0].start, args[0].end]], `dns.${m!.fn}(<computed>)`);
      } else {
        const git = literalsIn(n.start, n.end).some((l) => GIT_API.test(l));
        addSink(git ? 'git-api' : kind, n, ranges, `${mod}${m!.fn ? `.${m!.fn}` : ''}`);
        addSource('remote', n, `${mod} response`);
      }
    } else if (path && (NET_GLOBAL_CALLS.has(path) || (isNew && NET_GLOBAL_CTORS.has(path) && path !== 'Image'))) {
      const git = literalsIn(n.start, n.end).some((l) => GIT_API.test(l));
      addSink(git ? 'git-api' : 'network', n, ranges, path);
      addSource('remote', n, `${path} response`);
    } else if (
      callee.type === 'MemberExpression' &&
      callee.object.type === 'Identifier' &&
      netObjects.has(callee.object.name) &&
      last &&
      SEND_METHODS.has(last)
    ) {
      addSink(netObjects.get(callee.object.name)!, n, ranges, `${callee.object.name}.${last}`);
    }
    if (mod && CP_MODULES.has(mod) && (CP_FUNCS.test(m!.fn) || mod !== 'child_process')) {
      // A command held in a variable (`const c = 'curl …' + u; exec(c)`) is read from where it was built.
      const built = args[0]?.type === 'Identifier' ? locals.text(args[0]) : undefined;
      const cmdLits =
        built !== undefined
          ? [built, ...literalsIn(args[1]?.start ?? 0, args[args.length - 1]?.end ?? 0)]
          : literalsIn(args[0]?.start ?? 0, args[args.length - 1]?.end ?? 0);
      const cmdText = cmdLits.join(' ');
      const sh = shellBehaviour(cmdText, file);
      const kind: SinkKind = sh.sinks.some((s) => s.kind === 'shell-net' || s.kind === 'dns' || s.kind === 'socket') ? 'shell-net' : 'exec';
      addSink(kind, n, ranges, `${mod}.${m!.fn}`);
      const execAt = b.sinks.length - 1;
      setTarget(targetKeys(args[0]));
      const firstSrc = b.sources.length;
      for (const s of sh.sources) addSource(s.kind, n, `${s.detail} (in the command)`);
      for (const s of sh.sinks) if (s.kind.startsWith('write-') || s.kind === 'destroy') addSink(s.kind, n, ranges, s.detail);
      if (sh.signals.some((s) => s.kind === 'reverse-shell')) signal('reverse-shell', n, 'shell bound to a socket in the command');
      // The command's own flows (`curl … | sh`, secrets piped to curl) are flows of this call; what
      // the command fetched or decoded and then runs is an exec of this call.
      let runs = -1;
      for (const f of sh.flows) {
        const srcs = f.sources.map((i) => firstSrc + i).filter((i) => i < b.sources.length);
        if (!srcs.length) continue;
        const execFlow = sh.sinks[f.sink]?.kind === 'exec';
        if (execFlow && runs < 0) {
          addSink('exec', n, ranges, `${mod}.${m!.fn}: ${sh.sinks[f.sink]!.detail ?? 'runs what it received'}`);
          runs = b.sinks.length - 1;
        }
        const sink = execFlow ? runs : execAt;
        if (sink >= 0 && !b.flows.some((x) => x.sink === sink)) b.flows.push({ sources: srcs, sink, transforms: [] });
      }
      if (literalString(args[0]) && SHELL_PROGRAM.test(literalString(args[0])!)) spawnsShell ??= n;
    }
    if (
      path === 'eval' ||
      path === 'Function' ||
      (last === 'Function' && /^(window|global|globalThis|self)\./.test(path ?? '')) ||
      last === '_compile' ||
      (mod === 'vm' && /^(runIn|compileFunction|Script)/.test(m!.fn)) ||
      /^vm\.(runIn\w+|compileFunction|Script)$/.test(path ?? '') ||
      (path === 'require' && args[0] && literalString(args[0]) === undefined)
    ) {
      if (!(args.length > 0 && args.every((a) => literalString(a) !== undefined))) addSink('eval', n, ranges, path ?? 'eval');
    }
    if (mod && FS_MODULES.has(mod)) {
      const target = literalsIn(args[0]?.start ?? 0, args[0]?.end ?? 0);
      if (FS_WRITE.test(m!.fn)) {
        const p = PERSISTENCE_PATHS.find((x) => target.some((t) => x.re.test(t)));
        addSink(
          p?.kind ?? 'write-file',
          n,
          args.length > 1 ? [[args[1]!.start, args[args.length - 1]!.end]] : ranges,
          p ? `${m!.fn}: ${p.label} (${target.find((t) => p.re.test(t))!.slice(0, 80)})` : m!.fn,
        );
        setTarget(targetKeys(args[0]));
        if (m!.fn === 'createWriteStream') writeStreamAt.set(n.start, b.sinks.length - 1);
        if (!p && args[0]) {
          writeSinks.push(b.sinks.length - 1);
          paths.sink(b.sinks.length - 1, [[args[0].start, args[0].end]]);
        }
      } else if (FS_DESTROY.test(m!.fn)) addSink('destroy', n, ranges, m!.fn);
      else if (FS_CHMOD.test(m!.fn)) {
        addSink('chmod', n, ranges, m!.fn);
        setTarget(targetKeys(args[0]));
      }
    }
    // `download.pipe(fs.createWriteStream(p))` / `.pipe(out)`: what is piped is what the stream writes.
    if (last === 'pipe' && callee.type === 'MemberExpression' && args[0]) {
      const idx = args[0].type === 'Identifier' ? writeStreamNamed.get(args[0].name) : writeStreamAt.get(args[0].start);
      if (idx !== undefined) taint.sink(idx, [[callee.object.start, callee.object.end]]);
    }
    if (
      path === 'Object.defineProperty' &&
      args[0] &&
      /^(window|globalThis|self)$/.test(memberPath(args[0]) ?? '') &&
      /^(fetch|ethereum|XMLHttpRequest)$/.test(literalString(args[1]) ?? '')
    ) {
      addSink('hook-global', n, ranges, `defineProperty(${memberPath(args[0])}, '${literalString(args[1])}')`);
    }
  };

  const pass2: Visitors = {
    CallExpression: (n: AstNode) => onCall(n, false),
    NewExpression: (n: AstNode) => onCall(n, true),
    MemberExpression(n: AstNode) {
      // The path is built only for the properties the checks below name (most chains are none of them).
      const last = !n.computed ? n.property.name : literalString(n.property);
      const path = last === 'cookie' || last === 'ethereum' || last === 'selectedAddress' ? memberPath(n) : undefined;
      if (isProcessEnv(n.object)) {
        const name = !n.computed ? n.property.name : literalString(n.property);
        if (name && isLocationEnvName(name)) dest.source(n.start, 0);
        if (name && isSecretEnvName(name)) addSource('env-secret', n, `process.env.${name}`);
        else if (name && IDENTITY_ENV.test(name) && name !== 'HOME' && name !== 'USERPROFILE')
          addSource('identity', n, `process.env.${name}`);
      }
      if (path === 'document.cookie') addSource('browser-secret', n, 'document.cookie');
      if (path === 'window.ethereum' || path === 'ethereum.selectedAddress') addSource('ethereum', n, path);
      const prop = !n.computed && n.property.type === 'Identifier' ? n.property.name : undefined;
      if (prop && GEO_PROP.test(prop)) geoProps.push(n);
    },
    ForInStatement(n: AstNode) {
      if (isProcessEnv(n.right)) addSource('env-all', n, 'for (… in process.env)');
      const d = n.left.type === 'VariableDeclaration' ? n.left.declarations[0]?.id : n.left;
      if (d?.type === 'Identifier') assign(d.name, n.right.start, n.right.end, n.start);
    },
    VariableDeclarator(n: AstNode) {
      // `const { countryCode } = await res.json()`: the destructured geo field is a geo name.
      if (n.id?.type === 'ObjectPattern')
        for (const p of n.id.properties ?? []) {
          const key = p.key?.type === 'Identifier' ? p.key.name : literalString(p.key);
          const v = p.value?.type === 'AssignmentPattern' ? p.value.left : p.value;
          if (key && GEO_PROP.test(key) && v?.type === 'Identifier') geoNames.add(v.name);
        }
      if (n.id?.type === 'Identifier' && n.init) {
        assign(n.id.name, n.init.start, n.init.end, n.start);
        if (containsGeo(n.init)) geoNames.add(n.id.name);
        const init = n.init.type === 'AwaitExpression' ? n.init.argument : n.init;
        if (init?.type === 'CallExpression' || init?.type === 'NewExpression') {
          const ws = writeStreamAt.get(init.start);
          if (ws !== undefined) writeStreamNamed.set(n.id.name, ws);
          const m = modOf(init.callee);
          const p = memberPath(init.callee);
          if (m && NET_MODULES.has(m.mod) && NET_MODULES.get(m.mod) !== 'dns') netObjects.set(n.id.name, NET_MODULES.get(m.mod)!);
          else if (p && NET_GLOBAL_CTORS.has(p)) netObjects.set(n.id.name, 'network');
        }
      }
      if (n.id?.type === 'ObjectPattern' && n.init)
        for (const p of n.id.properties) if (p.value?.type === 'Identifier') assign(p.value.name, n.init.start, n.init.end, n.start);
    },
    AssignmentExpression(n: AstNode) {
      const lp = memberPath(n.left);
      if (n.left.type === 'Identifier') pending.push({ name: n.left.name, start: n.right.start, end: n.right.end, pos: n.start });
      else if (n.left.type === 'MemberExpression') {
        // `obj.field = secret` taints obj; not `require.load = function () {…}`: the module loader
        // never carries data, and tainting it would taint every module it loads afterwards.
        let root = n.left;
        while (root.type === 'MemberExpression') root = root.object;
        if (root.type === 'Identifier' && root.name !== 'require')
          pending.push({ name: root.name, start: n.right.start, end: n.right.end, pos: n.start, member: true });
      }
      if (lp && HOOK_TARGETS.test(lp)) addSink('hook-global', n, [[n.right.start, n.right.end]], `${lp} replaced`);
    },
    FunctionDeclaration(n: AstNode) {
      // A call's result carries what the function returns (small functions only, as for any value range).
      if (n.id?.type === 'Identifier' && n.body.end - n.body.start <= 2500)
        for (const [rs, re] of returnsWithin(n.body.start, n.body.end)) assign(n.id.name, rs, re, n.start);
    },
    Function(n: AstNode) {
      taint.fn(n.start, n.end);
      paths.fn(n.start, n.end);
      dest.fn(n.start, n.end);
    },
    ForOfStatement(n: AstNode) {
      const d = n.left.type === 'VariableDeclaration' ? n.left.declarations[0]?.id : n.left;
      if (d?.type === 'Identifier') assign(d.name, n.right.start, n.right.end, n.start);
    },
    BinaryExpression(n: AstNode) {
      if (n.operator === '===' || n.operator === '==' || n.operator === '!==' || n.operator === '!=') compares.push(n);
    },
  };
  replay(walk, pass2);

  // Geo / locale gates: a country or time-zone property compared with a literal, or looked up in a literal list.
  for (const c of compares) {
    const id = c.left.type === 'Identifier' ? c.left : c.right.type === 'Identifier' ? c.right : undefined;
    if (id && geoNames.has(id.name) && (literalString(c.left) !== undefined || literalString(c.right) !== undefined))
      signal('geo-gate', c, lines.excerpt(c.start).slice(0, 80));
  }
  // `['XA', 'XB'].includes(country)` / `.indexOf(country)`: a geo name looked up in a literal list.
  for (const c of listLookups)
    if (c.arguments[0]?.type === 'Identifier' && geoNames.has(c.arguments[0].name))
      signal('geo-gate', c, lines.excerpt(c.start).slice(0, 80));
  for (const g of geoProps) {
    const cmp = compares.find(
      (c) => (c.left.start <= g.start && c.left.end >= g.end) || (c.right.start <= g.start && c.right.end >= g.end),
    );
    const lit = cmp && (literalString(cmp.left) !== undefined || literalString(cmp.right) !== undefined);
    if (lit || /\.includes\(\s*[^)]*\b(country|timeZone|timezone)/.test(text.slice(Math.max(0, g.start - 80), g.end + 5))) {
      signal('geo-gate', g, lines.excerpt(g.start).slice(0, 80));
    }
  }
  // A request field compared with a fixed value inside a request handler: a remote trigger.
  for (const c of compares) {
    const side = literalString(c.left) !== undefined ? c.right : literalString(c.right) !== undefined ? c.left : undefined;
    const sp = side ? memberPath(side) : undefined;
    const root = sp === undefined ? undefined : firstSegment(sp);
    if (root && sp !== root && requestParams.some((r) => r.name === root && r.start < c.start && r.end > c.end))
      signal('remote-trigger', c, lines.excerpt(c.start).slice(0, 80));
  }
  importTimeLoops(ast, (n) => signal('import-time-loop', n, 'never-ending loop at module top level'));
  if (sawPub) {
    for (let i = 0; i < b.sources.length; i++)
      if (b.sources[i]!.kind === 'ssh-dir') b.sources[i] = { ...b.sources[i]!, kind: 'identity', detail: '~/.ssh (public keys)' };
  }
  const sockets = b.sinks.some((s) => s.kind === 'socket');
  if (sockets && spawnsShell && /\.pipe\(|stdin|stdout/.test(text))
    signal('reverse-shell', spawnsShell, 'a shell process wired to a network socket');

  // An assignment writes to the binding of the nearest enclosing scope that declares the name
  // (a closure filling an outer `let body`); an undeclared name: the program for member writes
  // (`obj.field = secret` taints obj), the assignment's own function otherwise.
  // Per name, computed once: the scopes of its declarations, and its parameters' functions as
  // nested ranges (minified bundles reuse one-letter names across thousands of functions).
  const declScopes = new Map<string, [number, number][]>();
  const paramFns = new Map<string, FunctionScopes>();
  for (const a of pending) {
    let best: [number, number] | undefined;
    let ds = declScopes.get(a.name);
    if (!ds) declScopes.set(a.name, (ds = (decls.get(a.name) ?? []).map((d) => taint.scopeOf(d))));
    for (const sc of ds) if (sc[0] <= a.pos && sc[1] >= a.pos && (!best || sc[0] > best[0])) best = sc;
    const params = paramScopes.get(a.name);
    if (params) {
      let fns = paramFns.get(a.name);
      if (!fns) paramFns.set(a.name, (fns = new FunctionScopes(params)));
      // The innermost function declaring the name as a parameter and strictly around the assignment.
      const sc = fns.around(a.pos);
      if (sc[1] !== Number.MAX_SAFE_INTEGER && (!best || sc[0] > best[0])) best = sc;
    }
    assign(a.name, a.start, a.end, best ? (best[0] === 0 ? 0 : best[0] + 1) : a.member ? 0 : a.pos);
  }
  const refs: Visitors = {
    Identifier: (n: AstNode) => {
      if (!paths.empty) paths.ref(n.name as string, n.start);
      if (!dest.empty) dest.ref(n.name as string, n.start);
      if (!taint.empty) taint.ref(n.name as string, n.start);
    },
  };
  if (!paths.empty || !taint.empty || !dest.empty) replay(walk, refs);
  keepUntilNext('behaviour', text.length, [pass1, pass2, refs]);
  if (!paths.empty) {
    for (const [sink, labels] of paths.resolve()) {
      const l = pathLabels[[...labels][0]!]!;
      if (writeSinks.includes(sink))
        b.sinks[sink] = { ...b.sinks[sink]!, kind: l.kind, detail: `${b.sinks[sink]!.detail}: ${l.label} (${l.lit.slice(0, 80)})` };
    }
  }
  if (!dest.empty) {
    const got = dest.resolve();
    for (const i of netSinks) {
      const l = got.get(i);
      if (!l) continue;
      const hosts = [...l].filter((x) => x > 0).map((x) => destHosts[x - 1]!);
      b.sinks[i] = {
        ...b.sinks[i]!,
        destination: hosts.length ? 'hard-coded' : 'configured',
        ...(hosts.length ? { hosts: hosts.slice(0, 4) } : {}),
      };
    }
  }
  if (!taint.empty) {
    for (const [sink, srcs] of taint.resolve()) {
      const sources = [...srcs].filter(
        (s) =>
          b.sources[s]!.line !== b.sinks[sink]!.line ||
          b.sources[s]!.kind !== 'remote' ||
          b.sinks[sink]!.kind === 'eval' ||
          b.sinks[sink]!.kind === 'exec',
      );
      if (sources.length === 0) continue;
      const first = Math.min(...sources.map((s) => b.sources[s]!.line));
      const transforms = b.transforms
        .map((t, i) => ({ t, i }))
        .filter(({ t }) => t.line >= first && t.line <= b.sinks[sink]!.line)
        .map(({ i }) => i);
      b.flows.push({ sources, sink, transforms });
    }
  }
  return b;
}

/** Top-level `while (true)` / `for (;;)` / `for (…; i < Infinity; …)` without break or return. */
function importTimeLoops(ast: AstNode, found: (n: AstNode) => void): void {
  for (const st of (ast.body ?? []) as AstNode[]) {
    const t = st.type === 'WhileStatement' || st.type === 'DoWhileStatement' ? st.test : st.type === 'ForStatement' ? st.test : undefined;
    if (st.type !== 'WhileStatement' && st.type !== 'DoWhileStatement' && st.type !== 'ForStatement') continue;
    const endless =
      !t ||
      (t.type === 'Literal' && !!t.value) ||
      (t.type === 'UnaryExpression' && t.operator === '!' && t.argument.type === 'Literal' && !t.argument.value) ||
      (t.type === 'BinaryExpression' && /^(<|<=|!==|!=)$/.test(t.operator) && memberPath(t.right) === 'Infinity');
    if (!endless) continue;
    let exits = false;
    simple(
      st.body as never,
      { BreakStatement: () => (exits = true), ReturnStatement: () => (exits = true), ThrowStatement: () => (exits = true) },
      base,
    );
    if (!exits) found(st);
  }
}
