/**
 * Behaviour of one parsed JavaScript file: sources, transforms, sinks and signals with their
 * lines, and the source → sink flows FlowTaint proves inside the file. Pure AST reading.
 *
 * The passes are module-level visitor tables over the file's JsBehaviourState (js-state.ts), not
 * closures made per file: V8 keeps optimised code with the function that runs it, and closures
 * made per file (and one ~700-line function holding them) were optimised again and again.
 */
import { simple, base } from 'acorn-walk';
import type { AstNode } from '../js-parse.js';
import { firstSegment, isProcessEnv, lastSegment, literalString, loaderName, memberPath } from '../ast-utils.js';
import { recordWalk, replay, type Visitors, type WalkRecord } from '../ast-walk.js';
import type { LineIndex } from '../text-utils.js';
import {
  ADDRESS_PATTERN,
  ETH_ADDRESS_LITERAL,
  EXAMPLE_HOST,
  IDENTITY_ENV,
  literalSource,
  NET_GLOBAL_CTORS,
  NET_MODULES,
  PERSISTENCE_PATHS,
  isLocationEnvName,
  isSecretEnvName,
} from './catalog.js';
import { TokenScan } from '../token-scan.js';
import { FunctionScopes } from '../function-scopes.js';
import { onCall } from './js-calls.js';
import { keepUntilNext } from '../code-keeper.js';
import { staysInPackage } from './own-dir.js';
import { callerAt, PERSISTENCE_SINKS } from './load-reach.js';
import { JsBehaviourState, stripNode } from './js-state.js';
import type { FileBehaviour } from './types.js';

const HOOK_TARGETS =
  /^(window|globalThis|self|global)\.(fetch|XMLHttpRequest)$|^XMLHttpRequest\.prototype\.(open|send|setRequestHeader)$|^(window\.)?ethereum\.(request|send|sendAsync)$|^(window|globalThis)\.ethereum$/;
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
const CONTENT_READ = /^(readFile|readFileSync|readJson|readJsonSync|readJSON)$/;

type St = JsBehaviourState;

// path.join('…', x, '…') / path.resolve: the literal pieces as one path.
function joinedPath(st: St, n: AstNode): void {
  const c = n.callee as AstNode;
  const name = c.type === 'MemberExpression' && !c.computed ? c.property.name : c.type === 'Identifier' ? c.name : undefined;
  if (name !== 'join' && name !== 'resolve') return;
  const root = c.type === 'MemberExpression' ? memberPath(c.object) : c.name;
  const mod = root ? st.bound.get(root) : undefined;
  if (!(root === 'path' || mod?.mod === 'path')) return;
  const args = n.arguments as AstNode[];
  if (args.some((a) => literalString(a) !== undefined))
    st.composites.push({ start: n.start, end: n.end, value: args.map((a) => literalString(a) ?? '*').join('/') });
  const rest = args.slice(1).map(literalString);
  if (args[0]?.type === 'Identifier' && args[0].name === '__dirname' && rest.every((x) => x !== undefined)) {
    if (staysInPackage(st.file, rest as string[], name === 'resolve')) st.ownDirPaths.push([n.start, n.end]);
  }
}

// Module bindings and relative imports (over the whole file when only units are read).
function importDecl(n: AstNode, st: St): void {
  const spec = literalString(n.source);
  if (spec === undefined) return;
  for (const sp of n.specifiers ?? []) {
    const member = sp.type === 'ImportSpecifier' ? (sp.imported?.name ?? literalString(sp.imported)) : undefined;
    st.bound.set(sp.local.name, { mod: stripNode(spec), ...(member && member !== 'default' ? { member } : {}) });
  }
  if (spec.startsWith('.')) st.b.imports.push({ spec, line: st.lines.line(n.start) });
}
function bindDeclarator(n: AstNode, st: St): void {
  let init = n.init;
  let member: string | undefined;
  if (init?.type === 'MemberExpression' && !init.computed && init.property.type === 'Identifier') {
    member = init.property.name;
    init = init.object;
  }
  const spec = st.requireSpec(init);
  if (spec !== undefined) st.bind(n.id, stripNode(spec), member);
}
function bindAssignment(n: AstNode, st: St): void {
  const spec = st.requireSpec(n.right);
  if (spec !== undefined) st.bind(n.left, stripNode(spec));
}
function requireImport(n: AstNode, st: St): void {
  // memberPath(callee) === 'require', without building the path of every other callee (a member
  // chain only when it ends in `.require`: module.require, process.mainModule.require).
  const c = n.callee as AstNode;
  const loader =
    c.type === 'Identifier'
      ? loaderName(c.name) === 'require'
      : c.type === 'MemberExpression'
        ? c.property?.name === 'require' && memberPath(c) === 'require'
        : memberPath(c) === 'require';
  if (loader) {
    const spec = literalString(n.arguments[0]);
    if (spec?.startsWith('.')) st.b.imports.push({ spec, line: st.lines.line(n.start) });
  }
}
function importExpr(n: AstNode, st: St): void {
  const spec = literalString(n.source);
  if (spec?.startsWith('.')) st.b.imports.push({ spec, line: st.lines.line(n.start) });
}

/** Module bindings and relative imports of the whole file, when pass 1 reads only its units. */
const WHOLE: Visitors<St> = {
  ImportDeclaration: importDecl,
  VariableDeclarator: bindDeclarator,
  AssignmentExpression: bindAssignment,
  CallExpression: requireImport,
  ImportExpression: importExpr,
};

/** `left + right + …` flattened: the literal parts, `*` for the rest. */
function flatConcat(x: AstNode, parts: string[]): void {
  if (x.type === 'BinaryExpression' && x.operator === '+') {
    flatConcat(x.left, parts);
    flatConcat(x.right, parts);
  } else parts.push(literalString(x) ?? '*');
}

// Pass 1: module bindings and literals (bindings must be known before calls are classified).
const PASS1: Visitors<St> = {
  ImportDeclaration(n, st) {
    if (!st.byUnits) importDecl(n, st);
  },
  VariableDeclarator(n, st) {
    if (n.id?.type === 'Identifier') {
      const d = st.decls.get(n.id.name) ?? st.decls.set(n.id.name, []).get(n.id.name)!;
      if (d.length < 50) d.push(n.start);
    }
    st.locals.declare(n);
    if (!st.byUnits) bindDeclarator(n, st);
  },
  AssignmentExpression(n, st) {
    if (!st.byUnits) bindAssignment(n, st);
  },
  CallExpression(n, st) {
    // `cb(body)`: what a function hands to a callback is also what it produces (filtered to parameters below).
    const args = n.arguments as AstNode[];
    // Request handlers: `app.post('/path', (req, res) => …)`, `http.createServer((req, res) => …)`.
    const prop = n.callee.type === 'MemberExpression' && !n.callee.computed ? n.callee.property.name : undefined;
    const route = prop && ROUTE_METHODS.test(prop) && (literalString(args[0]) ?? '').startsWith('/');
    if (route || prop === 'createServer' || memberPath(n.callee) === 'createServer')
      for (const a of args)
        if ((a.type === 'FunctionExpression' || a.type === 'ArrowFunctionExpression') && a.params[0]?.type === 'Identifier')
          st.requestParams.push({ name: a.params[0].name, start: a.start, end: a.end });
    if (n.callee.type === 'Identifier' && args.length)
      st.calls.push({ name: n.callee.name, range: [args[0]!.start, args[args.length - 1]!.end] });
    const cp = memberPath(n.callee);
    const cl =
      (cp === undefined ? undefined : lastSegment(cp)) ??
      (n.callee.type === 'MemberExpression' && !n.callee.computed ? n.callee.property.name : undefined);
    if (cp === 'require' || cp === 'JSON.parse' || (cl && CONTENT_READ.test(cl)))
      (st.contentReads.get(n.end) ?? st.contentReads.set(n.end, []).get(n.end)!).push(n.start);
    if (!st.byUnits) requireImport(n, st);
    joinedPath(st, n);
  },
  ImportExpression(n, st) {
    if (!st.byUnits) importExpr(n, st);
  },
  Literal(n, st) {
    if (typeof n.value === 'string' && n.value.length >= 3 && n.value.length < 2000)
      st.literals.push({ start: n.start, end: n.end, value: n.value });
    if (n.regex && ADDRESS_PATTERN.test(n.regex.pattern)) st.signal('address-pattern', n, `/${n.regex.pattern.slice(0, 60)}/`);
  },
  TemplateElement(n, st) {
    const v = n.value?.cooked;
    if (typeof v === 'string' && v.length >= 3 && v.length < 2000) st.literals.push({ start: n.start, end: n.end, value: v });
  },
  TemplateLiteral(n, st) {
    if (n.expressions.length > 0 && n.quasis.length < 12)
      st.composites.push({ start: n.start, end: n.end, value: n.quasis.map((q: AstNode) => q.value?.cooked ?? '').join('*') });
  },
  BinaryExpression(n, st) {
    if (n.operator === '+' && n.end - n.start < 400) {
      const parts: string[] = [];
      flatConcat(n, parts);
      if (parts.some((p) => p !== '*')) st.composites.push({ start: n.start, end: n.end, value: parts.join('') });
    }
  },
  FunctionDeclaration(n, st) {
    if (n.id?.type === 'Identifier') st.fnDecls.set(n.id.name, n);
  },
  Function(n, st) {
    st.locals.fn(n.start, n.end);
    for (const p of n.params as AstNode[]) {
      const id = p.type === 'AssignmentPattern' ? p.left : p.type === 'RestElement' ? p.argument : p;
      if (id?.type === 'Identifier') (st.paramScopes.get(id.name) ?? st.paramScopes.set(id.name, []).get(id.name)!).push([n.start, n.end]);
    }
  },
  ReturnStatement(n, st) {
    if (n.argument) st.returns.push([n.argument.start, n.argument.end]);
  },
};

/** Literal sources: secret paths, browser stores, wallets; hosts; address literals. */
function literalSources(st: St): void {
  const { b, literals, composites } = st;
  let ethLiterals = 0;
  for (const l of composites) {
    const s = literalSource(l.value);
    if (s && !literals.some((x) => x.start >= l.start && x.end <= l.end && literalSource(x.value)?.kind === s.kind))
      st.addSource(s.kind, { type: 'Literal', start: l.start, end: l.end }, s.label);
  }
  for (const l of [...literals, ...composites]) {
    // The own-folder check only for the rare literal that names a persistence location (it scans ranges).
    const pp = PERSISTENCE_PATHS.find((x) => x.re.test(l.value));
    if (pp && !st.inOwnDir(l.start, l.end)) st.paths.source(l.start, st.pathLabels.push({ ...pp, lit: l.value }) - 1);
  }
  for (const l of literals) {
    if (/\.pub\b/.test(l.value)) st.sawPub = true;
    if (MEDIA_FILE.test(l.value))
      st.addSource(
        'decoded',
        { type: 'Literal', start: l.start, end: l.end },
        `media file ${l.value.slice(-40)} (possible hidden payload)`,
      );
    const s = literalSource(l.value);
    if (s) st.addSource(s.kind, { type: 'Literal', start: l.start, end: l.end }, s.label);
    const h = URL_HOST.exec(l.value)?.[1]?.toLowerCase();
    if (h && !EXAMPLE_HOST.test(h) && b.hosts.length < 20 && !b.hosts.includes(h)) b.hosts.push(h);
    if (h && !/^(localhost|127\.0\.0\.1|\[::1\])$/.test(h)) {
      if (!st.destHosts.includes(h)) st.destHosts.push(h);
      st.dest.source(l.start, st.destHosts.indexOf(h) + 1);
    }
    if (ETH_ADDRESS_LITERAL.test(l.value) && !/^0x0{40}$/i.test(l.value)) ethLiterals++;
  }
  if (ethLiterals >= 2)
    st.signal(
      'address-pattern',
      { type: 'Literal', start: literals.find((l) => ETH_ADDRESS_LITERAL.test(l.value))!.start, end: 0 },
      `${ethLiterals} wallet address literals`,
    );
}

const onCallVisit = (n: AstNode, st: St): void => onCall(st, n, false);
const onNewVisit = (n: AstNode, st: St): void => onCall(st, n, true);

// Pass 2: sources, transforms, sinks; assignments and functions for the taints.
const PASS2: Visitors<St> = {
  CallExpression: onCallVisit,
  NewExpression: onNewVisit,
  MemberExpression(n, st) {
    // The path is built only for the properties the checks below name (most chains are none of them).
    const last = !n.computed ? n.property.name : literalString(n.property);
    const path = last === 'cookie' || last === 'ethereum' || last === 'selectedAddress' ? memberPath(n) : undefined;
    if (isProcessEnv(n.object)) {
      const name = !n.computed ? n.property.name : literalString(n.property);
      if (name && isLocationEnvName(name)) st.dest.source(n.start, 0);
      if (name && isSecretEnvName(name)) st.addSource('env-secret', n, `process.env.${name}`);
      else if (name && IDENTITY_ENV.test(name) && name !== 'HOME' && name !== 'USERPROFILE')
        st.addSource('identity', n, `process.env.${name}`);
    }
    if (path === 'document.cookie') st.addSource('browser-secret', n, 'document.cookie');
    if (path === 'window.ethereum' || path === 'ethereum.selectedAddress') st.addSource('ethereum', n, path);
    const prop = !n.computed && n.property.type === 'Identifier' ? n.property.name : undefined;
    if (prop && GEO_PROP.test(prop)) st.geoProps.push(n);
  },
  ForInStatement(n, st) {
    if (isProcessEnv(n.right)) st.addSource('env-all', n, 'for (… in process.env)');
    const d = n.left.type === 'VariableDeclaration' ? n.left.declarations[0]?.id : n.left;
    if (d?.type === 'Identifier') st.assign(d.name, n.right.start, n.right.end, n.start);
  },
  VariableDeclarator(n, st) {
    // `const { countryCode } = await res.json()`: the destructured geo field is a geo name.
    if (n.id?.type === 'ObjectPattern')
      for (const p of n.id.properties ?? []) {
        const key = p.key?.type === 'Identifier' ? p.key.name : literalString(p.key);
        const v = p.value?.type === 'AssignmentPattern' ? p.value.left : p.value;
        if (key && GEO_PROP.test(key) && v?.type === 'Identifier') st.geoNames.add(v.name);
      }
    if (n.id?.type === 'Identifier' && n.init) {
      st.assign(n.id.name, n.init.start, n.init.end, n.start);
      if (st.containsGeo(n.init)) st.geoNames.add(n.id.name);
      const init = n.init.type === 'AwaitExpression' ? n.init.argument : n.init;
      if (init?.type === 'CallExpression' || init?.type === 'NewExpression') {
        const ws = st.writeStreamAt.get(init.start);
        if (ws !== undefined) st.writeStreamNamed.set(n.id.name, ws);
        const m = st.modOf(init.callee);
        const p = memberPath(init.callee);
        if (m && NET_MODULES.has(m.mod) && NET_MODULES.get(m.mod) !== 'dns') st.netObjects.set(n.id.name, NET_MODULES.get(m.mod)!);
        else if (p && NET_GLOBAL_CTORS.has(p)) st.netObjects.set(n.id.name, 'network');
      }
    }
    if (n.id?.type === 'ObjectPattern' && n.init)
      for (const p of n.id.properties) if (p.value?.type === 'Identifier') st.assign(p.value.name, n.init.start, n.init.end, n.start);
  },
  AssignmentExpression(n, st) {
    const lp = memberPath(n.left);
    if (n.left.type === 'Identifier') st.pending.push({ name: n.left.name, start: n.right.start, end: n.right.end, pos: n.start });
    else if (n.left.type === 'MemberExpression') {
      // `obj.field = secret` taints obj; not `require.load = function () {…}`: the module loader
      // never carries data, and tainting it would taint every module it loads afterwards.
      let root = n.left;
      while (root.type === 'MemberExpression') root = root.object;
      if (root.type === 'Identifier' && loaderName(root.name) !== 'require')
        st.pending.push({ name: root.name, start: n.right.start, end: n.right.end, pos: n.start, member: true });
    }
    if (lp && HOOK_TARGETS.test(lp)) st.addSink('hook-global', n, [[n.right.start, n.right.end]], `${lp} replaced`);
  },
  FunctionDeclaration(n, st) {
    // A call's result carries what the function returns (small functions only, as for any value range).
    if (n.id?.type === 'Identifier' && n.body.end - n.body.start <= 2500)
      for (const [rs, re] of st.returnsWithin(n.body.start, n.body.end)) st.assign(n.id.name, rs, re, n.start);
  },
  Function(n, st) {
    st.taint.fn(n.start, n.end);
    st.paths.fn(n.start, n.end);
    st.dest.fn(n.start, n.end);
  },
  ForOfStatement(n, st) {
    const d = n.left.type === 'VariableDeclaration' ? n.left.declarations[0]?.id : n.left;
    if (d?.type === 'Identifier') st.assign(d.name, n.right.start, n.right.end, n.start);
  },
  BinaryExpression(n, st) {
    if (n.operator === '===' || n.operator === '==' || n.operator === '!==' || n.operator === '!=') st.compares.push(n);
  },
};

/** References of tainted names become tainted sites (each taint that has sources and sinks). */
const REFS: Visitors<St> = {
  Identifier(n, st) {
    if (!st.paths.empty) st.paths.ref(n.name as string, n.start);
    if (!st.dest.empty) st.dest.ref(n.name as string, n.start);
    if (!st.taint.empty) st.taint.ref(n.name as string, n.start);
  },
};

/** Geo / locale gates, remote triggers, import-time loops, public keys, reverse shells: signals read after pass 2. */
function signals(st: St, ast: AstNode): void {
  const { b, compares, geoNames, lines } = st;
  // Geo / locale gates: a country or time-zone property compared with a literal, or looked up in a literal list.
  for (const c of compares) {
    const id = c.left.type === 'Identifier' ? c.left : c.right.type === 'Identifier' ? c.right : undefined;
    if (id && geoNames.has(id.name) && (literalString(c.left) !== undefined || literalString(c.right) !== undefined))
      st.signal('geo-gate', c, lines.excerpt(c.start).slice(0, 80));
  }
  // `['XA', 'XB'].includes(country)` / `.indexOf(country)`: a geo name looked up in a literal list.
  for (const c of st.listLookups)
    if (c.arguments[0]?.type === 'Identifier' && geoNames.has(c.arguments[0].name))
      st.signal('geo-gate', c, lines.excerpt(c.start).slice(0, 80));
  for (const g of st.geoProps) {
    const cmp = compares.find(
      (c) => (c.left.start <= g.start && c.left.end >= g.end) || (c.right.start <= g.start && c.right.end >= g.end),
    );
    const lit = cmp && (literalString(cmp.left) !== undefined || literalString(cmp.right) !== undefined);
    if (lit || /\.includes\(\s*[^)]*\b(country|timeZone|timezone)/.test(st.text.slice(Math.max(0, g.start - 80), g.end + 5))) {
      st.signal('geo-gate', g, lines.excerpt(g.start).slice(0, 80));
    }
  }
  // A request field compared with a fixed value inside a request handler: a remote trigger.
  for (const c of compares) {
    const side = literalString(c.left) !== undefined ? c.right : literalString(c.right) !== undefined ? c.left : undefined;
    const sp = side ? memberPath(side) : undefined;
    const root = sp === undefined ? undefined : firstSegment(sp);
    if (root && sp !== root && st.requestParams.some((r) => r.name === root && r.start < c.start && r.end > c.end))
      st.signal('remote-trigger', c, lines.excerpt(c.start).slice(0, 80));
  }
  importTimeLoops(ast, (n) => st.signal('import-time-loop', n, 'never-ending loop at module top level'));
  if (st.sawPub) {
    for (let i = 0; i < b.sources.length; i++)
      if (b.sources[i]!.kind === 'ssh-dir') b.sources[i] = { ...b.sources[i]!, kind: 'identity', detail: '~/.ssh (public keys)' };
  }
  const sockets = b.sinks.some((s) => s.kind === 'socket');
  if (sockets && st.spawnsShell && /\.pipe\(|stdin|stdout/.test(st.text))
    st.signal('reverse-shell', st.spawnsShell, 'a shell process wired to a network socket');
}

/**
 * An assignment writes to the binding of the nearest enclosing scope that declares the name
 * (a closure filling an outer `let body`); an undeclared name: the program for member writes
 * (`obj.field = secret` taints obj), the assignment's own function otherwise.
 * Per name, computed once: the scopes of its declarations, and its parameters' functions as
 * nested ranges (minified bundles reuse one-letter names across thousands of functions).
 */
function resolvePending(st: St): void {
  const declScopes = new Map<string, [number, number][]>();
  const paramFns = new Map<string, FunctionScopes>();
  for (const a of st.pending) {
    let best: [number, number] | undefined;
    let ds = declScopes.get(a.name);
    if (!ds) declScopes.set(a.name, (ds = (st.decls.get(a.name) ?? []).map((d) => st.taint.scopeOf(d))));
    for (const sc of ds) if (sc[0] <= a.pos && sc[1] >= a.pos && (!best || sc[0] > best[0])) best = sc;
    const params = st.paramScopes.get(a.name);
    if (params) {
      let fns = paramFns.get(a.name);
      if (!fns) paramFns.set(a.name, (fns = new FunctionScopes(params)));
      // The innermost function declaring the name as a parameter and strictly around the assignment.
      const sc = fns.around(a.pos);
      if (sc[1] !== Number.MAX_SAFE_INTEGER && (!best || sc[0] > best[0])) best = sc;
    }
    st.assign(a.name, a.start, a.end, best ? (best[0] === 0 ? 0 : best[0] + 1) : a.member ? 0 : a.pos);
  }
}

/** The three taints resolved: persistence paths reaching writes, request destinations, source → sink flows. */
function flows(st: St): void {
  const { b, paths, dest, taint } = st;
  if (!paths.empty) {
    for (const [sink, labels] of paths.resolve()) {
      const l = st.pathLabels[[...labels][0]!]!;
      if (st.writeSinks.includes(sink))
        b.sinks[sink] = { ...b.sinks[sink]!, kind: l.kind, detail: `${b.sinks[sink]!.detail}: ${l.label} (${l.lit.slice(0, 80)})` };
    }
  }
  if (!dest.empty) {
    const got = dest.resolve();
    for (const i of st.netSinks) {
      const l = got.get(i);
      if (!l) continue;
      const hosts = [...l].filter((x) => x > 0).map((x) => st.destHosts[x - 1]!);
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
}

/** Persistence writes are given the named function they sit in (chains ask whether it runs at load). */
function callers(st: St, ast: AstNode): void {
  st.b.sinks.forEach((s, i) => {
    if (!PERSISTENCE_SINKS.has(s.kind)) return;
    const caller = callerAt(ast, st.sinkStarts[i]!);
    if (caller) s.caller = caller;
  });
}

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
  const st = new JsBehaviourState(file, text, lines, whole !== walk);
  if (st.byUnits) replay(whole, WHOLE, st);
  replay(walk, PASS1, st);
  st.indexPositions();
  literalSources(st);
  replay(walk, PASS2, st);
  signals(st, ast);
  resolvePending(st);
  if (!st.paths.empty || !st.taint.empty || !st.dest.empty) replay(walk, REFS, st);
  keepUntilNext('behaviour', text.length, st);
  flows(st);
  callers(st, ast);
  return st.b;
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
