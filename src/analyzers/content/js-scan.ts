/**
 * AST scan of one JavaScript file: capabilities, endpoints, relative requires, and the AST-level
 * obfuscation signals (decode-then-execute, appended loaders, invisible identifiers).
 */
import { MODULE_CAPS, NET_GLOBALS, findEndpoints, sensitivePath } from './catalog.js';
import type { AstNode } from './js-parse.js';
import type { FileScan, RawCap } from './scan-types.js';
import { LineIndex } from './text-utils.js';
import { detectAppendedLoader } from './appended-loader.js';
import { DecodeTaint, isCharCodeArray } from './decode-taint.js';
import { firstSegment, isProcessEnv, lastSegment, literalString, memberPath } from './ast-utils.js';
import { recordWalk, replay, type Visitors } from './ast-walk.js';
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

const allLiteral = (args: AstNode[]): boolean => args.every((a) => literalString(a) !== undefined);

function stripNode(spec: string): string {
  return spec.startsWith('node:') ? spec.slice(5) : spec;
}

export function scanAst(file: string, text: string, ast: AstNode, lines: LineIndex): FileScan {
  const caps: RawCap[] = [];
  const out: FileScan = { caps, endpoints: [], requires: [], obfuscation: [], hexIdents: 0 };
  // Line and excerpt are computed only for the first sites of each kind (the ones published).
  const perKind = new Map<string, number>();
  const add = (kind: RawCap['kind'], node: AstNode, detail?: string): void => {
    const n = (perKind.get(kind) ?? 0) + 1;
    perKind.set(kind, n);
    const show = n <= 4;
    caps.push({
      kind,
      offset: node.start,
      end: node.end,
      line: show ? lines.line(node.start) : 0,
      excerpt: show ? lines.excerpt(node.start) : '',
      detail,
    });
  };
  const hexIds = new Set<string>();
  let importsVm = false;
  /** Names bound to child_process (namespace) or to its functions (destructured). */
  const cpNames = new Set<string>();
  const bindCp = (id: AstNode | undefined): void => {
    if (id?.type === 'Identifier') cpNames.add(id.name);
    if (id?.type === 'ObjectPattern') for (const p of id.properties) if (p.value?.type === 'Identifier') cpNames.add(p.value.name);
  };
  const isCpSource = (n: AstNode | undefined): boolean => {
    const spec = n?.type === 'CallExpression' && memberPath(n.callee) === 'require' ? literalString(n.arguments[0]) : undefined;
    return spec === 'child_process' || spec === 'node:child_process';
  };
  const taint = new DecodeTaint();
  const callsFromCharCode = text.includes('fromCharCode');
  // An identifier holds an invisible character only if the text does, itself or as a `\u` escape.
  const mayHideInIdent = INVISIBLE_IN_IDENT.test(text) || text.includes('\\u');

  const moduleRef = (spec: string, node: AstNode): void => {
    if (spec.startsWith('.') || spec.startsWith('/')) out.requires.push(spec);
    if (spec.endsWith('.node')) return add('native-addon', node, spec);
    const cap = MODULE_CAPS.get(stripNode(spec));
    if (cap === 'vm') importsVm = true;
    if (cap) add(cap, node, stripNode(spec));
  };

  const literal = (value: string, node: AstNode): void => {
    if (value.length >= 4) {
      const s = sensitivePath(value);
      // A public key (`id_ed25519.pub`) is not a credential.
      // The ~/.ssh folder alone is where public keys are listed too; only private key names are theft.
      if (s && !(s.category === 'ssh' && /\.pub\b/i.test(value)))
        add(
          'fs-sensitive',
          node,
          `${s.label} (${s.category === 'ssh' && s.label === '~/.ssh' && !/id_(rsa|dsa|ecdsa|ed25519)|identity/i.test(value) ? 'ssh-folder' : s.category})`,
        );
      if (value.includes('.') && value.length < 4000) {
        for (const e of findEndpoints(value)) {
          out.endpoints.push({
            file,
            line: lines.line(node.start),
            excerpt: lines.excerpt(node.start),
            host: e.host,
            category: e.category,
            detail: e.host,
          });
        }
      }
    }
    taint.literal(value, node);
  };

  const calls = (node: AstNode, isNew: boolean): void => {
    const callee = node.callee as AstNode;
    const path = memberPath(callee);
    const args = node.arguments as AstNode[];
    // The path's first and last segments, without splitting it (this runs for every call of every parsed file).
    const last = path === undefined ? undefined : lastSegment(path);
    const onGlobal = path !== undefined && GLOBAL_OBJ.has(firstSegment(path));
    /** The path has exactly two segments. */
    const pair = path !== undefined && path.indexOf('.') >= 0 && path.indexOf('.') === path.lastIndexOf('.');
    if (path === 'require' || path === 'module.require') {
      const spec = literalString(args[0]);
      if (spec !== undefined) moduleRef(spec, node);
      else if (args.length > 0) add('dynamic-require', node, 'require(<computed>)');
      return taint.sink(node, args, 'require');
    }
    if (path === 'eval' || (onGlobal && last === 'eval' && pair)) {
      add('eval', node, allLiteral(args) ? 'literal' : 'dynamic');
      return taint.sink(node, args, 'eval');
    }
    if (path === 'Function' || path === 'Function.constructor' || (onGlobal && last === 'Function')) {
      add('eval', node, allLiteral(args) ? 'literal' : 'Function(<computed>)');
      return taint.sink(node, args, 'Function');
    }
    if (last && (VM_CALLS.has(last) || (VM_CALLS_NEED_IMPORT.has(last) && (importsVm || path?.startsWith('vm.')) && !isNew))) {
      add('vm', node, path);
      return taint.sink(node, args, path!);
    }
    if (last === '_compile') {
      add('vm', node, 'module._compile');
      return taint.sink(node, args, '_compile');
    }
    if (isNew && (path === 'vm.Script' || (path === 'Script' && importsVm)) && args.length > 0) {
      add('vm', node, 'vm.Script');
      return taint.sink(node, args, 'vm.Script');
    }
    if (isNew && path === 'module.constructor') return add('vm', node, 'new module.constructor');
    if (path && (NET_GLOBALS.has(path) || (pair && onGlobal && NET_GLOBALS.has(last!)) || path === 'navigator.sendBeacon')) {
      add('network', node, path);
    }
    if (path === 'process.binding' || path === 'process._linkedBinding') {
      const b = literalString(args[0]);
      if (b === 'spawn_sync' || b === 'process_wrap') add('child-process', node, `process.binding('${b}')`);
    }
    if (path === 'process.dlopen') add('native-addon', node, 'process.dlopen');
    if (path && /^WebAssembly\.(instantiate|instantiateStreaming|compile|compileStreaming|Module|Instance)$/.test(path))
      add('wasm', node, path);
    if (last === 'createDecipher' || last === 'createDecipheriv') add('crypto-decipher', node, last);
    if (path && SERIALIZERS.has(path) && args.some(isProcessEnv)) add('env-serialize', node, `${path}(process.env)`);
    if (isNew && path === 'URLSearchParams' && args.some(isProcessEnv)) add('env-serialize', node, 'new URLSearchParams(process.env)');
    if (taint.isDecodeCall(path, args)) add('decode', node, path);
    if (
      last &&
      CP_CALLS.test(last) &&
      (cpNames.has(path!) || cpNames.has(firstSegment(path!)) || /^(require\(['"](node:)?child_process['"]\))/.test(path!))
    )
      taint.sink(node, args, last);
  };

  // One traversal, replayed by every pass over this file (here and in the behaviour pass).
  const walk = recordWalk(ast);
  const visits: Visitors = {
    ImportDeclaration(n: AstNode) {
      const s = literalString(n.source);
      if (s !== undefined) moduleRef(s, n);
      if (s === 'child_process' || s === 'node:child_process') for (const sp of n.specifiers ?? []) cpNames.add(sp.local?.name);
    },
    ExportNamedDeclaration(n: AstNode) {
      const s = literalString(n.source ?? undefined);
      if (s !== undefined) moduleRef(s, n);
    },
    ExportAllDeclaration(n: AstNode) {
      const s = literalString(n.source);
      if (s !== undefined) moduleRef(s, n);
    },
    ImportExpression(n: AstNode) {
      const s = literalString(n.source);
      if (s !== undefined) moduleRef(s, n);
      else add('dynamic-require', n, 'import(<computed>)');
    },
    CallExpression(n: AstNode) {
      calls(n, false);
    },
    NewExpression(n: AstNode) {
      calls(n, true);
    },
    MemberExpression(n: AstNode) {
      if (isProcessEnv(n.object)) {
        const name = !n.computed ? n.property.name : literalString(n.property);
        if (name) add('env-read', n, name);
      }
    },
    ForInStatement(n: AstNode) {
      if (isProcessEnv(n.right)) add('env-serialize', n, 'for (… in process.env)');
    },
    FunctionDeclaration(n: AstNode) {
      if (n.id?.type === 'Identifier') taint.assign(n.id.name, n.body, n.start);
    },
    Function(n: AstNode) {
      taint.fn(n);
    },
    VariableDeclarator(n: AstNode) {
      if (n.init?.type === 'Identifier' && n.init.name === 'require') add('dynamic-require', n, 'require aliased');
      if (n.id?.type === 'Identifier' && n.init) taint.assign(n.id.name, n.init, n.start);
      if (isCpSource(n.init)) bindCp(n.id);
    },
    AssignmentExpression(n: AstNode) {
      if (n.left?.type === 'Identifier') taint.assign(n.left.name, n.right, n.start);
      if (isCpSource(n.right)) bindCp(n.left);
    },
    Literal(n: AstNode) {
      if (typeof n.value === 'string') literal(n.value, n);
    },
    ArrayExpression(n: AstNode) {
      if (callsFromCharCode && isCharCodeArray(n, 12)) taint.charCodes(n);
    },
    TemplateElement(n: AstNode) {
      const v = n.value?.cooked;
      if (typeof v === 'string') literal(v, n);
    },
    Identifier(n: AstNode) {
      const name = n.name as string;
      if (name.startsWith('_0x') && /^_0x[0-9a-f]{3,}$/i.test(name)) hexIds.add(name);
      if (mayHideInIdent && INVISIBLE_IN_IDENT.test(name)) {
        out.obfuscation.push({
          technique: 'invisible-identifier',
          line: lines.line(n.start),
          excerpt: lines.excerpt(n.start),
          detail: `identifier with invisible characters`,
        });
      }
    },
  };
  replay(walk, visits);
  out.hexIdents = hexIds.size;
  const refVisits: Visitors = { Identifier: (n: AstNode) => taint.ref(n.name as string, n.start) };
  if (taint.needsRefs()) replay(walk, refVisits);
  keepUntilNext('ast-scan', text.length, [visits, refVisits]);
  for (const hit of taint.resolve()) {
    out.obfuscation.push({ technique: 'encoded-exec', line: lines.line(hit.start), excerpt: lines.excerpt(hit.start), detail: hit.detail });
  }
  const appended = detectAppendedLoader(ast, text, caps, lines);
  if (appended) out.obfuscation.push(appended);
  if (!BEHAVIOUR_GATE.test(text)) return out;
  if (text.length < unitScan.minBytes) {
    out.behaviour = scanBehaviour(file, text, ast, lines, walk);
    return out;
  }
  // A large file (a bundle): the behaviour pass reads the units around capability sites and source or sink tokens.
  const sites = [...caps.map((c) => c.offset), ...tokenSites(text, BEHAVIOUR_SITES)].sort((a, b) => a - b);
  out.behaviour = scanBehaviour(file, text, ast, lines, subWalk(walk, unitRanges(walk, sites, text.length)), walk);
  out.behaviourByUnits = true;
  return out;
}
