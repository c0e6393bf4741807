/**
 * AST scan of one JavaScript file: capabilities, endpoints, relative requires, and the AST-level
 * obfuscation signals (decode-then-execute, appended loaders, invisible identifiers).
 *
 * The visitors are module-level functions over the file's AstScanState (ast-scan-state.ts), not
 * closures made per file, so their optimised code serves every file.
 */
import { NET_GLOBALS } from './catalog.js';
import type { AstNode } from './js-parse.js';
import type { FileScan } from './scan-types.js';
import type { LineIndex } from './text-utils.js';
import { detectAppendedLoader } from './appended-loader.js';
import { isCharCodeArray } from './decode-taint.js';
import { firstSegment, isProcessEnv, lastSegment, literalString, loaderName, memberPath } from './ast-utils.js';
import { normaliseLoaderCalls } from './loader-aliases.js';
import { recordWalk, replay, type Visitors } from './ast-walk.js';
import { AstScanState } from './ast-scan-state.js';
import { keepUntilNext } from './code-keeper.js';
import { BEHAVIOUR_GATE, BEHAVIOUR_SITES, scanBehaviour } from './behaviour/js-behaviour.js';
import { subWalk, tokenSites, unitRanges, unitScan } from './units.js';

const VM_CALLS = new Set(['runInNewContext', 'runInThisContext']);
const VM_CALLS_NEED_IMPORT = new Set(['runInContext', 'compileFunction', 'Script']);
const GLOBAL_OBJ = new Set(['window', 'global', 'globalThis', 'self']);
const SERIALIZERS = new Set([
  'JSON.stringify',
  'Object.keys',
  'Object.entries',
  'Object.values',
  'Object.getOwnPropertyNames',
  'querystring.stringify',
  'qs.stringify',
  'Buffer.from',
  'String',
  'btoa',
  'encodeURIComponent',
  'util.inspect',
]);
const CP_CALLS = /^(exec|execSync|spawn|spawnSync|execFile|execFileSync|fork)$/;
const INVISIBLE_IN_IDENT = /[\u200b-\u200d\u2060\u3164\uffa0\u115f\u1160]/;
const HEX_IDENT = /^_0x[0-9a-f]{3,}$/i;

const allLiteral = (args: AstNode[]): boolean => args.every((a) => literalString(a) !== undefined);

type St = AstScanState;

function calls(st: St, node: AstNode, isNew: boolean): void {
  const { taint } = st;
  const callee = node.callee as AstNode;
  const path = memberPath(callee);
  const args = node.arguments as AstNode[];
  // The path's first and last segments, without splitting it (this runs for every call of every parsed file).
  const last = path === undefined ? undefined : lastSegment(path);
  const onGlobal = path !== undefined && GLOBAL_OBJ.has(firstSegment(path));
  /** The path has exactly two segments. */
  const pair = path !== undefined && path.indexOf('.') >= 0 && path.indexOf('.') === path.lastIndexOf('.');
  if (path === 'require') {
    const spec = literalString(args[0]);
    if (spec !== undefined) st.moduleRef(spec, node);
    else if (args.length > 0) st.add('dynamic-require', node, 'require(<computed>)');
    return taint.sink(node, args, 'require');
  }
  if (path === 'eval' || (onGlobal && last === 'eval' && pair)) {
    st.add('eval', node, allLiteral(args) ? 'literal' : 'dynamic');
    return taint.sink(node, args, 'eval');
  }
  if (path === 'Function' || path === 'Function.constructor' || (onGlobal && last === 'Function')) {
    st.add('eval', node, allLiteral(args) ? 'literal' : 'Function(<computed>)');
    return taint.sink(node, args, 'Function');
  }
  if (last && (VM_CALLS.has(last) || (VM_CALLS_NEED_IMPORT.has(last) && (st.importsVm || path?.startsWith('vm.')) && !isNew))) {
    st.add('vm', node, path);
    return taint.sink(node, args, path!);
  }
  if (last === '_compile') {
    st.add('vm', node, 'module._compile');
    return taint.sink(node, args, '_compile');
  }
  if (isNew && (path === 'vm.Script' || (path === 'Script' && st.importsVm)) && args.length > 0) {
    st.add('vm', node, 'vm.Script');
    return taint.sink(node, args, 'vm.Script');
  }
  if (isNew && path === 'module.constructor') return st.add('vm', node, 'new module.constructor');
  if (path && (NET_GLOBALS.has(path) || (pair && onGlobal && NET_GLOBALS.has(last!)) || path === 'navigator.sendBeacon')) {
    st.add('network', node, path);
  }
  if (path === 'process.binding' || path === 'process._linkedBinding') {
    const b = literalString(args[0]);
    if (b === 'spawn_sync' || b === 'process_wrap') st.add('child-process', node, `process.binding('${b}')`);
  }
  if (path === 'process.dlopen') st.add('native-addon', node, 'process.dlopen');
  if (path && /^WebAssembly\.(instantiate|instantiateStreaming|compile|compileStreaming|Module|Instance)$/.test(path))
    st.add('wasm', node, path);
  if (last === 'createDecipher' || last === 'createDecipheriv') st.add('crypto-decipher', node, last);
  if (path && SERIALIZERS.has(path) && args.some(isProcessEnv)) st.add('env-serialize', node, `${path}(process.env)`);
  if (isNew && path === 'URLSearchParams' && args.some(isProcessEnv)) st.add('env-serialize', node, 'new URLSearchParams(process.env)');
  if (taint.isDecodeCall(path, args)) st.add('decode', node, path);
  if (
    last &&
    CP_CALLS.test(last) &&
    (st.cpNames.has(path!) || st.cpNames.has(firstSegment(path!)) || /^(require\(['"](node:)?child_process['"]\))/.test(path!))
  )
    taint.sink(node, args, last);
}

const VISITS: Visitors<St> = {
  ImportDeclaration(n, st) {
    const s = literalString(n.source);
    if (s !== undefined) st.moduleRef(s, n);
    if (s === 'child_process' || s === 'node:child_process') for (const sp of n.specifiers ?? []) st.cpNames.add(sp.local?.name);
  },
  ExportNamedDeclaration(n, st) {
    const s = literalString(n.source ?? undefined);
    if (s !== undefined) st.moduleRef(s, n);
  },
  ExportAllDeclaration(n, st) {
    const s = literalString(n.source);
    if (s !== undefined) st.moduleRef(s, n);
  },
  ImportExpression(n, st) {
    const s = literalString(n.source);
    if (s !== undefined) st.moduleRef(s, n);
    else st.add('dynamic-require', n, 'import(<computed>)');
  },
  CallExpression(n, st) {
    calls(st, n, false);
  },
  NewExpression(n, st) {
    calls(st, n, true);
  },
  MemberExpression(n, st) {
    if (isProcessEnv(n.object)) {
      const name = !n.computed ? n.property.name : literalString(n.property);
      if (name) st.add('env-read', n, name);
    }
  },
  ForInStatement(n, st) {
    if (isProcessEnv(n.right)) st.add('env-serialize', n, 'for (… in process.env)');
  },
  FunctionDeclaration(n, st) {
    if (n.id?.type === 'Identifier') st.taint.assign(n.id.name, n.body, n.start);
  },
  Function(n, st) {
    st.taint.fn(n);
  },
  VariableDeclarator(n, st) {
    if (n.init?.type === 'Identifier' && loaderName(n.init.name) === 'require') st.add('dynamic-require', n, 'require aliased');
    if (n.id?.type === 'Identifier' && n.init) st.taint.assign(n.id.name, n.init, n.start);
    if (st.isCpSource(n.init)) st.bindCp(n.id);
  },
  AssignmentExpression(n, st) {
    if (n.left?.type === 'Identifier') st.taint.assign(n.left.name, n.right, n.start);
    if (st.isCpSource(n.right)) st.bindCp(n.left);
  },
  Literal(n, st) {
    if (typeof n.value === 'string') st.literal(n.value, n);
  },
  ArrayExpression(n, st) {
    if (st.callsFromCharCode && isCharCodeArray(n, 12)) st.taint.charCodes(n);
  },
  TemplateElement(n, st) {
    const v = n.value?.cooked;
    if (typeof v === 'string') st.literal(v, n);
  },
  Identifier(n, st) {
    const name = n.name as string;
    if (name.startsWith('_0x') && HEX_IDENT.test(name)) st.hexIds.add(name);
    if (st.mayHideInIdent && INVISIBLE_IN_IDENT.test(name)) {
      st.out.obfuscation.push({
        technique: 'invisible-identifier',
        line: st.lines.line(n.start),
        excerpt: st.lines.excerpt(n.start),
        detail: `identifier with invisible characters`,
      });
    }
  },
};

const REF_VISITS: Visitors<St> = {
  Identifier(n, st) {
    st.taint.ref(n.name as string, n.start);
  },
};

export function scanAst(file: string, text: string, ast: AstNode, lines: LineIndex): FileScan {
  // An identifier holds an invisible character only if the text does, itself or as a `\u` escape.
  const st = new AstScanState(file, lines, text.includes('fromCharCode'), INVISIBLE_IN_IDENT.test(text) || text.includes('\\u'));
  const { out, taint } = st;
  // One traversal, replayed by every pass over this file (here and in the behaviour pass).
  const walk = recordWalk(ast);
  // A bundle's loader shim or createRequire result called with a module name is read as `require` by every pass.
  normaliseLoaderCalls(walk, text);
  replay(walk, VISITS, st);
  out.hexIdents = st.hexIds.size;
  if (taint.needsRefs()) replay(walk, REF_VISITS, st);
  keepUntilNext('ast-scan', text.length, [st, ast, walk]);
  for (const hit of taint.resolve()) {
    out.obfuscation.push({ technique: 'encoded-exec', line: lines.line(hit.start), excerpt: lines.excerpt(hit.start), detail: hit.detail });
  }
  const appended = detectAppendedLoader(ast, text, out.caps, lines);
  if (appended) out.obfuscation.push(appended);
  if (!BEHAVIOUR_GATE.test(text)) return out;
  if (text.length < unitScan.minBytes) {
    out.behaviour = scanBehaviour(file, text, ast, lines, walk);
    return out;
  }
  // A large file (a bundle): the behaviour pass reads the units around capability sites and source or sink tokens.
  const sites = [...out.caps.map((c) => c.offset), ...tokenSites(text, BEHAVIOUR_SITES)].sort((a, b) => a - b);
  out.behaviour = scanBehaviour(file, text, ast, lines, subWalk(walk, unitRanges(walk, sites, text.length)), walk);
  out.behaviourByUnits = true;
  return out;
}
