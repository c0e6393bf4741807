/**
 * A private temporary copy of what a package manager reads to plan an install: manifests,
 * lockfiles and registry configuration — never node_modules, never sources. Planning happens there,
 * so the project itself is never written.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

/** Files copied when present at the project root. */
const ROOT_FILES = [
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  '.npmrc',
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  '.pnpmfile.cjs',
  'yarn.lock',
  '.yarnrc',
  '.yarnrc.yml',
];
/** Folders copied whole when present (yarn Berry's pinned release and plugins). */
const ROOT_DIRS = ['.yarn/releases', '.yarn/plugins', '.yarn/patches', 'patches'];
const SKIP_DIRS = new Set(['node_modules', '.git', '.yarn', '.pnpm-store']);
/** Workspace manifests are searched this deep below the root. */
const MAX_DEPTH = 4;

export interface TempProject {
  dir: string;
  remove(): void;
}

export function makeTempDir(prefix = 'vigil-guard-'): TempProject {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Copy the planning inputs of `project` (and, for workspaces, every nested package.json). */
export function copyPlanningInputs(project: string): TempProject {
  const t = makeTempDir();
  try {
    for (const f of ROOT_FILES) if (existsSync(join(project, f))) copyFileSync(join(project, f), join(t.dir, f));
    for (const d of ROOT_DIRS) if (existsSync(join(project, d))) cpSync(join(project, d), join(t.dir, d), { recursive: true });
    for (const m of hasWorkspaces(project) ? nestedManifests(project, 0) : []) {
      const to = join(t.dir, relative(project, m));
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(m, to);
    }
    return t;
  } catch (e) {
    t.remove();
    throw e;
  }
}

function hasWorkspaces(project: string): boolean {
  if (existsSync(join(project, 'pnpm-workspace.yaml'))) return true;
  try {
    return 'workspaces' in (JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as object);
  } catch {
    return false;
  }
}

function nestedManifests(dir: string, depth: number): string[] {
  if (depth >= MAX_DEPTH) return [];
  const out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const n of names) {
    if (SKIP_DIRS.has(n) || n.startsWith('.')) continue;
    const p = join(dir, n);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (!st.isDirectory()) continue;
    if (existsSync(join(p, 'package.json'))) out.push(join(p, 'package.json'));
    out.push(...nestedManifests(p, depth + 1));
  }
  return out;
}
