import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { benignSamples, maliciousSamples } from '../../bench/lib/corpus.js';
import { readDirectory } from '../../src/sources/archive/index.js';
import { analyzeContent } from '../../src/analyzers/content/index.js';
import type { PackageFile, PackageFiles } from '../../src/sources/archive/types.js';

export const CONTENT_FIXTURES = fileURLToPath(new URL('../fixtures/content/', import.meta.url));

export async function analyzeFixture(name: string) {
  return analyzeContent(await readDirectory(CONTENT_FIXTURES + name), `pkg:npm/fixture-${name}@1.0.0`);
}

/** A PackageFiles from inline files (path → text or bytes). */
export function filesOf(entries: Record<string, string | Buffer>, origin = 'inline'): PackageFiles {
  const files: PackageFile[] = Object.entries(entries).map(([path, c]) => {
    const data = typeof c === 'string' ? Buffer.from(c) : c;
    return { path, size: data.length, data };
  });
  return { origin, files, skipped: [], totalSize: files.reduce((n, f) => n + f.size, 0) };
}

/** Every file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** The text of every file of every detection-corpus sample (malicious and benign). */
export function corpusTexts(): string[] {
  return [...maliciousSamples(), ...benignSamples()].flatMap((s) => filesUnder(s.dir)).map((f) => readFileSync(f, 'utf8'));
}

/** A small deterministic generator (no flakiness). */
export function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}
