/**
 * The layers of src/ stay a stack: no two top-level folders (core, sources, analyzers, engine, app,
 * cli, …) import each other, directly or round a longer loop, and neither do sibling folders one
 * level down (analyzers/content, analyzers/npm, …; a folder's own files such as analyzers/types.ts
 * are its face, shared by its sub-folders), and no two files import each other.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../helpers/run-cli.js';
import { collapse, cycles, edgesWithin, readImportGraph, type ImportGraph } from '../helpers/import-graph.js';

const SRC = join(ROOT, 'src');

/** `depth` leading folders name the unit; a file standing above that depth is its own unit. */
const folderUnit =
  (depth: number) =>
  (file: string): string => {
    const parts = file.split('/');
    return parts.length > depth ? parts.slice(0, depth).join('/') : file;
  };

function explain(graph: ImportGraph, unit: (f: string) => string | undefined, found: string[][]): string {
  return found.map((g) => `loop ${g.join(' ⇄ ')}:\n  ${edgesWithin(graph, unit, g).join('\n  ')}`).join('\n');
}

const graph = readImportGraph(SRC);

test('the import graph of src/ is read (sanity: the CLI reaches the engine)', () => {
  assert.ok(graph.size > 300, `only ${graph.size} files read`);
  assert.ok(graph.get('cli/commands/scan.ts')?.size, 'cli/commands/scan.ts imports nothing?');
});

test('no import cycle between top-level folders of src/', () => {
  const unit = folderUnit(1);
  const found = cycles(collapse(graph, unit));
  assert.deepEqual(found, [], explain(graph, unit, found));
});

/** The sub-folder one level down holding `file`; files directly inside a top-level folder have none. */
const subFolder = (file: string): string | undefined => {
  const parts = file.split('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : undefined;
};

test('no import cycle between sibling sub-folders of src/ (e.g. analyzers/content ⇄ analyzers/npm)', () => {
  const unit = subFolder;
  const found = cycles(collapse(graph, unit));
  assert.deepEqual(found, [], explain(graph, unit, found));
});

test('no import cycle between files of src/', () => {
  const found = cycles(graph);
  assert.deepEqual(
    found,
    [],
    explain(graph, (f) => f, found),
  );
});

test('scoring and funding read package metadata through the neutral core type, never the npm source', () => {
  const leaks = [...graph]
    .filter(([file]) => file.startsWith('scoring/') || file.startsWith('fund/'))
    .flatMap(([file, deps]) => [...deps].filter((d) => d.startsWith('sources/npm/')).map((d) => `${file} → ${d}`));
  assert.deepEqual(leaks, []);
});

test('extractors read files, never the network: inventory/ imports formats/, not sources/, and formats/ is pure', () => {
  const leaks = [...graph]
    .filter(([file]) => file.startsWith('inventory/') || file.startsWith('formats/'))
    .flatMap(([file, deps]) =>
      [...deps]
        .filter((d) => d.startsWith('sources/') || (file.startsWith('formats/') && !d.startsWith('formats/') && !d.startsWith('core/')))
        .map((d) => `${file} → ${d}`),
    );
  assert.deepEqual(leaks, []);
  assert.ok(
    [...graph.keys()].some((f) => f.startsWith('formats/debian/')),
    'formats/debian read',
  );
});

test('the cycle finder sees loops through import type, export-from and import()', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-cycles-'));
  try {
    const files: Record<string, string> = {
      'a/one.ts': "import type { B } from '../b/two.js';\nexport type A = B;\n",
      'b/two.ts': "export { c } from '../c/index.js';\nexport type B = string;\n",
      'c/index.ts': "export const c = () => import('../a/one.js');\n",
      'd/leaf.ts': "import { c } from '../c/index.js';\nimport 'node:fs';\nexport const d = c;\n",
    };
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      writeFileSync(join(dir, f), text);
    }
    const g = readImportGraph(dir);
    assert.deepEqual(cycles(collapse(g, folderUnit(1))), [['a', 'b', 'c']]);
    assert.deepEqual(cycles(g), [['a/one.ts', 'b/two.ts', 'c/index.ts']]);
    assert.deepEqual(edgesWithin(g, folderUnit(1), ['a', 'b', 'c']).sort(), [
      'a/one.ts → b/two.ts',
      'b/two.ts → c/index.ts',
      'c/index.ts → a/one.ts',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
