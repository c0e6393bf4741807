/**
 * Classifies a package-manager command line (`npm install x`, `npx y`, `pnpm add z`...) by what it
 * would put on disk: an install into the project, a one-off package run (npx / dlx), a global
 * install, or nothing to check (run, test, view... are passed through unchanged).
 */
import { VigilError } from '../../core/errors.js';

export const TOOLS = ['npm', 'npx', 'pnpm', 'yarn', 'bun'] as const;
export type Tool = (typeof TOOLS)[number];

export type Invocation =
  /** Changes the project's dependencies: plan in a copy of the project, diff with its lockfile. */
  | { kind: 'project'; tool: Tool; sub: string; args: string[] }
  /** `npm ci` / frozen installs: installs exactly the lockfile; what is new is what is not installed yet. */
  | { kind: 'frozen'; tool: Tool; sub: string; args: string[] }
  /** Fetches packages outside the project (npx, dlx, global install): everything they bring is new. */
  | { kind: 'fetch'; tool: Tool; specs: string[]; args: string[] }
  /** Installs nothing: run unchanged. */
  | { kind: 'passthrough'; tool: Tool; args: string[] };

const NPM_INSTALL = new Set([
  'install',
  'i',
  'in',
  'ins',
  'inst',
  'insta',
  'instal',
  'isnt',
  'isnta',
  'isntal',
  'isntall',
  'add',
  'update',
  'up',
  'upgrade',
  'udpate',
  'install-test',
  'it',
  'dedupe',
  'ddp',
]);
const NPM_CI = new Set(['ci', 'clean-install', 'ic', 'install-clean', 'isntall-clean', 'install-ci-test', 'cit']);
const NPM_EXEC = new Set(['exec', 'x']);
const PNPM_INSTALL = new Set(['add', 'install', 'i', 'update', 'up', 'upgrade']);
const YARN_INSTALL = new Set(['add', 'install', 'up', 'upgrade']);
const BUN_INSTALL = new Set(['add', 'a', 'install', 'i', 'update']);

/** npm flags that take a value (so the next word is not a package spec). */
const NPM_VALUE_FLAGS = new Set([
  '--registry',
  '--cache',
  '--prefix',
  '-C',
  '--userconfig',
  '--workspace',
  '-w',
  '--tag',
  '--omit',
  '--include',
  '--install-strategy',
  '--loglevel',
  '--package',
  '-p',
  '--call',
  '-c',
  '--save-prefix',
  '--before',
]);

/** First word that is not a flag (skipping the values of flags that take one). */
function splitSubcommand(args: string[]): { sub?: string; index: number } {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return { index: -1 };
    if (a.startsWith('-')) {
      if (NPM_VALUE_FLAGS.has(a)) i++;
      continue;
    }
    return { sub: a, index: i };
  }
  return { index: -1 };
}

/** Positional words after index `from` (package specs), skipping flags and their values. */
export function positionalSpecs(args: string[], from: number): string[] {
  const out: string[] = [];
  for (let i = from; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (a.startsWith('-')) {
      if (NPM_VALUE_FLAGS.has(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

const isGlobal = (args: string[]) => args.some((a) => a === '-g' || a === '--global' || a === '--location=global');

/** `npx [-p SPEC]... [--package=SPEC] CMD [args]`: the packages npx would fetch. */
function npxSpecs(args: string[]): string[] {
  const specs: string[] = [];
  let command: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-p' || a === '--package') specs.push(args[++i] ?? '');
    else if (a.startsWith('--package=')) specs.push(a.slice('--package='.length));
    else if (a === '-c' || a === '--call') return specs.filter(Boolean);
    else if (a === '--') {
      command = args[i + 1];
      break;
    } else if (!a.startsWith('-')) {
      command = a;
      break;
    }
  }
  if (specs.length === 0 && command) specs.push(command);
  return specs.filter(Boolean);
}

export function parseInvocation(argv: string[]): Invocation {
  const [tool, ...args] = argv;
  if (!tool) throw new VigilError('E_USAGE', 'guard needs a command to run', { hint: 'vigil guard -- npm install PACKAGE' });
  if (!(TOOLS as readonly string[]).includes(tool)) {
    throw new VigilError('E_USAGE', `guard wraps ${TOOLS.join(', ')} (got "${tool}")`, { hint: 'vigil guard -- npm install PACKAGE' });
  }
  const t = tool as Tool;
  if (t === 'npx') return { kind: 'fetch', tool: t, specs: npxSpecs(args), args };
  const { sub, index } = splitSubcommand(args);
  if (!sub) return { kind: 'passthrough', tool: t, args };
  const rest = positionalSpecs(args, index + 1);
  if (t === 'npm') {
    if (NPM_EXEC.has(sub)) return { kind: 'fetch', tool: t, specs: npxSpecs(args.slice(index + 1)), args };
    if ((sub === 'init' || sub === 'create') && rest[0]) return { kind: 'fetch', tool: t, specs: [initializerPackage(rest[0])], args };
    if (NPM_CI.has(sub)) return { kind: 'frozen', tool: t, sub, args };
    if (NPM_INSTALL.has(sub))
      return isGlobal(args) ? { kind: 'fetch', tool: t, specs: rest, args } : { kind: 'project', tool: t, sub, args };
    return { kind: 'passthrough', tool: t, args };
  }
  if (t === 'pnpm') {
    if (sub === 'dlx') return { kind: 'fetch', tool: t, specs: rest.slice(0, 1), args };
    if (PNPM_INSTALL.has(sub))
      return isGlobal(args) ? { kind: 'fetch', tool: t, specs: rest, args } : frozenOr(t, sub, args, '--frozen-lockfile');
    return { kind: 'passthrough', tool: t, args };
  }
  if (t === 'yarn') {
    if (sub === 'dlx') return { kind: 'fetch', tool: t, specs: rest.slice(0, 1), args };
    if (sub === 'global' && rest[0] === 'add') return { kind: 'fetch', tool: t, specs: rest.slice(1), args };
    if (YARN_INSTALL.has(sub)) return frozenOr(t, sub, args, '--frozen-lockfile', '--immutable');
    return { kind: 'passthrough', tool: t, args };
  }
  // bun
  if (sub === 'x') return { kind: 'fetch', tool: t, specs: rest.slice(0, 1), args };
  if (BUN_INSTALL.has(sub))
    return isGlobal(args) ? { kind: 'fetch', tool: t, specs: rest, args } : frozenOr(t, sub, args, '--frozen-lockfile');
  return { kind: 'passthrough', tool: t, args };
}

function frozenOr(tool: Tool, sub: string, args: string[], ...frozenFlags: string[]): Invocation {
  return args.some((a) => frozenFlags.includes(a)) ? { kind: 'frozen', tool, sub, args } : { kind: 'project', tool, sub, args };
}

/** `npm init foo` runs `create-foo`; `npm init @s` → `@s/create`; `npm init @s/foo` → `@s/create-foo`. */
export function initializerPackage(spec: string): string {
  if (spec.startsWith('@')) {
    const [scope, rest] = spec.split('/', 2) as [string, string | undefined];
    return rest ? `${scope}/create-${rest}` : `${scope}/create`;
  }
  return `create-${spec}`;
}
