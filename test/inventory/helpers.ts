/** Test helpers: read a fixture and run one extractor on it. */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Edge, Inventory } from '../../src/core/types.js';
import type { ExtractContext, Extractor } from '../../src/inventory/types.js';

export const FIXTURES = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'fixtures', 'inventory');

export function fixture(rel: string): string {
  return join(FIXTURES, rel);
}

export async function extractFixture(ex: Extractor, rel: string, ctx: ExtractContext = {}): Promise<Inventory> {
  const path = fixture(rel);
  return ex.extract({ path, displayPath: basename(path), text: readFileSync(path, 'utf8') }, ctx);
}

export const purls = (inv: Inventory): string[] => inv.components.map((c) => c.purl).sort();

/** Edges without specs (pnpm does not keep ranges), as sortable strings. */
export const edgeSet = (inv: Inventory): string[] => inv.edges.map((e: Edge) => `${e.from} -> ${e.to} [${e.kind}]`).sort();

export function comp(inv: Inventory, purl: string) {
  const c = inv.components.find((x) => x.purl === purl);
  if (!c) throw new Error(`no component ${purl} in [${purls(inv).join(', ')}]`);
  return c;
}
