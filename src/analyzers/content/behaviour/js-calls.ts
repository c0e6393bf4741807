/**
 * Pass 2 of the behaviour scan for calls and `new`: what a call reads (sources), reshapes
 * (transforms) or where it sends, runs or writes (sinks), and how its arguments taint callback
 * parameters and declared functions' parameters. Module-level functions over the file's
 * JsBehaviourState (js-state.ts), so their optimised code serves every file.
 */
import type { AstNode } from '../js-parse.js';
import { isProcessEnv, lastSegment, literalString, memberPath } from '../ast-utils.js';
import {
  CP_FUNCS,
  CP_MODULES,
  DNS_METHODS,
  FS_CHMOD,
  FS_DESTROY,
  FS_COPY,
  FS_WRITE,
  IDENTITY_OS,
  NET_GLOBAL_CALLS,
  NET_GLOBAL_CTORS,
  NET_MODULES,
  PERSISTENCE_PATHS,
  SEND_METHODS,
} from './catalog.js';
import { shellBehaviour } from './shell-behaviour.js';
import { argsRange, type JsBehaviourState } from './js-state.js';
import type { SinkKind } from './types.js';

const FS_MODULES = new Set(['fs', 'fs/promises', 'fs-extra', 'graceful-fs']);
const SERIALIZE_ENV =
  /^(JSON\.stringify|Object\.keys|Object\.entries|Object\.values|Object\.getOwnPropertyNames|querystring\.stringify|qs\.stringify|Buffer\.from|String|btoa|encodeURIComponent|util\.inspect)$/;
const GIT_API = /api\.github\.com|\/repos\/[^/]+\/[^/]+\/(contents|actions|git)|\/gists\b|\/user\/repos\b|\/api\/v4\/projects/;
const SHELL_PROGRAM = /^(\/bin\/|\/usr\/bin\/)?(sh|bash|zsh|dash|cmd(\.exe)?|powershell(\.exe)?|pwsh)$/i;

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

/** Callback parameters of `n` receive what the rest of the call carries (source call results, `.then`, `.on('data')`). */
function taintCallbacks(st: JsBehaviourState, n: AstNode): void {
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
      for (const name of names) for (const [s, e] of pieces) st.assign(name, s, e, f.body.start);
    }
  }
}

export function onCall(st: JsBehaviourState, n: AstNode, isNew: boolean): void {
  const callee = n.callee as AstNode;
  const args = n.arguments as AstNode[];
  const path = memberPath(callee);
  const last =
    (path === undefined ? undefined : lastSegment(path)) ??
    (callee.type === 'MemberExpression' && !callee.computed ? callee.property.name : undefined);
  const m = st.modOf(callee);
  const mod = m?.mod;
  taintCallbacks(st, n);
  if (
    callee.type === 'MemberExpression' &&
    (last === 'includes' || last === 'indexOf') &&
    callee.object.type === 'ArrayExpression' &&
    callee.object.elements.length > 0 &&
    (callee.object.elements as (AstNode | null)[]).every((e) => e && literalString(e) !== undefined)
  )
    st.listLookups.push(n);
  // `list.push(x)`, `map.set(k, x)`, `form.append(k, x)`: the container carries x.
  if (
    callee.type === 'MemberExpression' &&
    callee.object.type === 'Identifier' &&
    last &&
    /^(push|unshift|add|set|append|concat)$/.test(last) &&
    args.length
  ) {
    // The container is usually declared outside the callback that fills it: program scope.
    st.assign(callee.object.name, args[0]!.start, args[args.length - 1]!.end, 0);
  }
  if (callee.type === 'Identifier' && st.fnDecls.has(callee.name)) {
    const fd = st.fnDecls.get(callee.name)!;
    (fd.params as AstNode[]).forEach((p, i) => {
      if (p.type === 'Identifier' && args[i]) st.assign(p.name, args[i]!.start, args[i]!.end, fd.body.start);
    });
  }

  // Sources
  if (mod === 'os' && IDENTITY_OS.has(m!.fn) && m!.fn !== 'homedir') st.addSource('identity', n, `os.${m!.fn}()`);
  if (path && SERIALIZE_ENV.test(path) && args.some(isProcessEnv)) st.addSource('env-all', n, `${path}(process.env)`);
  if (path === 'navigator.clipboard.readText' || (mod === 'clipboardy' && /^read/.test(m!.fn)))
    st.addSource('clipboard', n, path ?? 'clipboard');
  if (mod === 'keytar' && /^(getPassword|findCredentials|findPassword)$/.test(m!.fn)) st.addSource('keychain', n, `keytar.${m!.fn}`);
  if (path === 'localStorage.getItem' || path === 'sessionStorage.getItem' || path === 'window.localStorage.getItem')
    st.addSource('browser-secret', n, path);

  // Transforms
  if (last === 'toString' && ['base64', 'hex', 'base64url'].includes(literalString(args[0]) ?? ''))
    st.addTransform(literalString(args[0]) === 'hex' ? 'hex' : 'base64', n);
  if (path === 'btoa') st.addTransform('base64', n);
  if (
    last === 'createCipheriv' ||
    last === 'createCipher' ||
    last === 'publicEncrypt' ||
    (path?.startsWith('crypto.subtle') && last === 'encrypt')
  )
    st.addTransform('encrypt', n);
  if (mod === 'zlib' && /^(gzip|deflate|brotliCompress)/.test(m!.fn)) st.addTransform('compress', n);
  if (path === 'JSON.stringify') st.addTransform('serialize', n);
  if (last === 'reverse' && callee.object?.type === 'CallExpression' && memberPath(callee.object.callee)?.endsWith('.split'))
    st.addTransform('reverse', n);
  if (path === 'String.fromCharCode' && args.some((a) => a.type !== 'Literal')) st.addTransform('char-codes', n);
  if ((last === 'createHash' && literalString(args[0])) || last === 'digest') st.signal('checksum', n, path);

  // Sinks
  const ranges = argsRange(args);
  if (mod && NET_MODULES.has(mod) && sendsOrConnects(mod, m!.fn)) {
    const kind = NET_MODULES.get(mod)!;
    if (kind === 'dns') {
      if (DNS_METHODS.test(m!.fn) && args[0] && literalString(args[0]) === undefined)
        st.addSink('dns', n, [[args[0].start, args[0].end]], `dns.${m!.fn}(<computed>)`);
    } else {
      const git = st.literalsIn(n.start, n.end).some((l) => GIT_API.test(l));
      st.addSink(git ? 'git-api' : kind, n, ranges, `${mod}${m!.fn ? `.${m!.fn}` : ''}`);
      st.addSource('remote', n, `${mod} response`);
    }
  } else if (path && (NET_GLOBAL_CALLS.has(path) || (isNew && NET_GLOBAL_CTORS.has(path) && path !== 'Image'))) {
    const git = st.literalsIn(n.start, n.end).some((l) => GIT_API.test(l));
    st.addSink(git ? 'git-api' : 'network', n, ranges, path);
    st.addSource('remote', n, `${path} response`);
  } else if (
    callee.type === 'MemberExpression' &&
    callee.object.type === 'Identifier' &&
    st.netObjects.has(callee.object.name) &&
    last &&
    SEND_METHODS.has(last)
  ) {
    st.addSink(st.netObjects.get(callee.object.name)!, n, ranges, `${callee.object.name}.${last}`);
  }
  if (mod && CP_MODULES.has(mod) && (CP_FUNCS.test(m!.fn) || mod !== 'child_process')) {
    // A command held in a variable (`const c = 'curl …' + u; exec(c)`) is read from where it was built.
    const built = args[0]?.type === 'Identifier' ? st.locals.text(args[0]) : undefined;
    const cmdLits =
      built !== undefined
        ? [built, ...st.literalsIn(args[1]?.start ?? 0, args[args.length - 1]?.end ?? 0)]
        : st.literalsIn(args[0]?.start ?? 0, args[args.length - 1]?.end ?? 0);
    const cmdText = cmdLits.join(' ');
    const sh = shellBehaviour(cmdText, st.file);
    const kind: SinkKind = sh.sinks.some((s) => s.kind === 'shell-net' || s.kind === 'dns' || s.kind === 'socket') ? 'shell-net' : 'exec';
    st.addSink(kind, n, ranges, `${mod}.${m!.fn}`);
    const execAt = st.b.sinks.length - 1;
    st.setTarget(st.targetKeys(args[0]));
    const firstSrc = st.b.sources.length;
    for (const s of sh.sources) st.addSource(s.kind, n, `${s.detail} (in the command)`);
    for (const s of sh.sinks) if (s.kind.startsWith('write-') || s.kind === 'destroy') st.addSink(s.kind, n, ranges, s.detail);
    if (sh.signals.some((s) => s.kind === 'reverse-shell')) st.signal('reverse-shell', n, 'shell bound to a socket in the command');
    // The command's own flows (`curl … | sh`, secrets piped to curl) are flows of this call; what
    // the command fetched or decoded and then runs is an exec of this call.
    let runs = -1;
    for (const f of sh.flows) {
      const srcs = f.sources.map((i) => firstSrc + i).filter((i) => i < st.b.sources.length);
      if (!srcs.length) continue;
      const execFlow = sh.sinks[f.sink]?.kind === 'exec';
      if (execFlow && runs < 0) {
        st.addSink('exec', n, ranges, `${mod}.${m!.fn}: ${sh.sinks[f.sink]!.detail ?? 'runs what it received'}`);
        runs = st.b.sinks.length - 1;
      }
      const sink = execFlow ? runs : execAt;
      if (sink >= 0 && !st.b.flows.some((x) => x.sink === sink)) st.b.flows.push({ sources: srcs, sink, transforms: [] });
    }
    if (literalString(args[0]) && SHELL_PROGRAM.test(literalString(args[0])!)) st.spawnsShell ??= n;
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
    if (!(args.length > 0 && args.every((a) => literalString(a) !== undefined))) st.addSink('eval', n, ranges, path ?? 'eval');
  }
  if (mod && FS_MODULES.has(mod)) {
    if (FS_WRITE.test(m!.fn)) {
      // copyFile(from, to) writes its second argument, with the first one's content; the others write their first.
      const copy = FS_COPY.test(m!.fn);
      const dest = copy ? args[1] : args[0];
      const data = copy ? args.slice(0, 1) : args.slice(1);
      const target = dest ? st.literalsIn(dest.start, dest.end) : [];
      // A path from the module's own folder that stays in the package is its own file (own-dir.ts).
      const found = PERSISTENCE_PATHS.find((x) => target.some((t) => x.re.test(t)));
      const p = found && dest !== undefined && st.inOwnDir(dest.start, dest.end) ? undefined : found;
      st.addSink(
        p?.kind ?? 'write-file',
        n,
        data.length ? [[data[0]!.start, data[data.length - 1]!.end]] : ranges,
        p ? `${m!.fn}: ${p.label} (${target.find((t) => p.re.test(t))!.slice(0, 80)})` : m!.fn,
      );
      st.setTarget(st.targetKeys(dest));
      if (m!.fn === 'createWriteStream') st.writeStreamAt.set(n.start, st.b.sinks.length - 1);
      if (!p && dest) {
        st.writeSinks.push(st.b.sinks.length - 1);
        st.paths.sink(st.b.sinks.length - 1, [[dest.start, dest.end]]);
      }
    } else if (FS_DESTROY.test(m!.fn)) st.addSink('destroy', n, ranges, m!.fn);
    else if (FS_CHMOD.test(m!.fn)) {
      st.addSink('chmod', n, ranges, m!.fn);
      st.setTarget(st.targetKeys(args[0]));
    }
  }
  // `download.pipe(fs.createWriteStream(p))` / `.pipe(out)`: what is piped is what the stream writes.
  if (last === 'pipe' && callee.type === 'MemberExpression' && args[0]) {
    const idx = args[0].type === 'Identifier' ? st.writeStreamNamed.get(args[0].name) : st.writeStreamAt.get(args[0].start);
    if (idx !== undefined) st.taint.sink(idx, [[callee.object.start, callee.object.end]]);
  }
  if (
    path === 'Object.defineProperty' &&
    args[0] &&
    /^(window|globalThis|self)$/.test(memberPath(args[0]) ?? '') &&
    /^(fetch|ethereum|XMLHttpRequest)$/.test(literalString(args[1]) ?? '')
  ) {
    st.addSink('hook-global', n, ranges, `defineProperty(${memberPath(args[0])}, '${literalString(args[1])}')`);
  }
}
