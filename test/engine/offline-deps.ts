/** Scan deps over a throw-away store, offline (nothing is fetched): `fn` reads through the readers they wire. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openScanDeps, type OpenedScanDeps, type WiringOptions } from '../../src/engine/wiring.js';

export async function withOfflineDeps<T>(extra: Partial<WiringOptions>, fn: (deps: OpenedScanDeps) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-deps-'));
  const deps = await openScanDeps({ storePath: join(dir, 'store.db'), offline: true, concurrency: 1, projectDir: dir, env: {}, ...extra });
  try {
    return await fn(deps);
  } finally {
    deps.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
