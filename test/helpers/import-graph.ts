/**
 * The import graph of a source tree, read with the TypeScript compiler's own pre-processor (static
 * imports, `export … from`, `import type` and `import()` with a literal specifier), and its cycles
 * (strongly connected components, Tarjan). Only relative specifiers are followed: packages are leaves.
 */
import ts from 'typescript';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** file → files it imports, both relative to `root` with `/` separators. */
export type ImportGraph = Map<string, Set<string>>;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.(ts|mts)$/.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

function resolveSpecifier(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  const candidates = [base.replace(/\.js$/, '.ts'), base.replace(/\.mjs$/, '.mts'), base, `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

export function readImportGraph(root: string): ImportGraph {
  const graph: ImportGraph = new Map();
  const rel = (p: string) => relative(root, p).split(sep).join('/');
  for (const file of sourceFiles(root)) {
    const targets = new Set<string>();
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolveSpecifier(file, fileName);
      if (target) targets.add(rel(target));
    }
    graph.set(rel(file), targets);
  }
  return graph;
}

/** The graph with every file replaced by `unit(file)`; edges inside one unit, and files without a unit, are dropped. */
export function collapse(graph: ImportGraph, unit: (file: string) => string | undefined): ImportGraph {
  const out: ImportGraph = new Map();
  for (const [from, targets] of graph) {
    const a = unit(from);
    if (a === undefined) continue;
    if (!out.has(a)) out.set(a, new Set());
    for (const t of targets) {
      const b = unit(t);
      if (b !== undefined && a !== b) out.get(a)!.add(b);
    }
  }
  return out;
}

/** Every group of nodes that reach each other (size ≥ 2), each sorted, the list sorted. */
export function cycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1) found.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** The file-level imports that tie `group` (units of `unit`) together, for a readable failure. */
export function edgesWithin(graph: ImportGraph, unit: (file: string) => string | undefined, group: string[]): string[] {
  const inGroup = new Set(group);
  const out: string[] = [];
  for (const [from, targets] of graph)
    for (const t of targets) {
      const a = unit(from);
      const b = unit(t);
      if (a !== undefined && b !== undefined && a !== b && inGroup.has(a) && inGroup.has(b)) out.push(`${from} → ${t}`);
    }
  return out;
}
