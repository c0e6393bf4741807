/** Scan a reconstruction through the real engine: content, release-diff and artifact analyzers. */
import { scan } from '../../src/engine/scan.js';
import { readArchive } from '../../src/sources/archive/index.js';
import { contentAnalyzer } from '../../src/analyzers/content/index.js';
import { releaseDiffAnalyzer } from '../../src/analyzers/release-diff/index.js';
import { clonesByName, createArtifactAnalyzer } from '../../src/analyzers/artifact/analyzer.js';
import type { ScanResult } from '../../src/core/result.js';
import type { Inventory } from '../../src/core/types.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { comp } from '../helpers/factories.js';
import { serve, type Reconstruction } from './reconstruct.js';

export function inventoryFor(r: Reconstruction): Inventory {
  const components = Object.entries(r.locked).map(([n, v]) => comp(n, v));
  const purl = (n: string) => components.find((c) => c.name === n)!.purl;
  const deps = new Set(Object.values(r.edges).flat());
  const edges = [
    ...components.filter((c) => !deps.has(c.name)).map((c) => ({ from: 'root:app', to: c.purl, kind: 'prod' as const })),
    ...Object.entries(r.edges).flatMap(([from, tos]) => tos.map((t) => ({ from: purl(from), to: purl(t), kind: 'prod' as const }))),
  ];
  return {
    sources: [{ file: 'package-lock.json', format: 'package-lock.json v3' }],
    roots: [{ id: 'root:app', name: 'app', path: '.' }],
    components,
    edges,
    problems: [],
  };
}

/** `withSources: false` runs without the dependency's repository (no artifact comparison). */
export async function scanReconstruction(r: Reconstruction, withSources = true): Promise<ScanResult> {
  const rig = await serve(r);
  try {
    const artifact = createArtifactAnalyzer({ cloneFor: clonesByName(withSources ? rig.repos : {}) });
    const inventory = inventoryFor(r);
    return await scan(
      { target: 'package-lock.json', analyzers: [contentAnalyzer, releaseDiffAnalyzer, artifact], history: false },
      {
        store: new MemoryStore(),
        npm: rig.npm,
        readPackage: (bytes, origin) => readArchive(bytes, { strip: 'npm', origin }),
        loadInventory: async () => ({ inventory }),
      },
    );
  } finally {
    await rig.close();
  }
}
