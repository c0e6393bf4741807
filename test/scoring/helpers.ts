/** Builders for scoring tests: a small graph with a framework, a parser, a dev tool and a cycle. */
import type { ScanResult } from '../../src/core/result.js';
import { newResult } from '../../src/core/result-builder.js';
import type { Edge, Inventory, InventoryComponent } from '../../src/core/types.js';
import type { Packument } from '../../src/sources/npm/types.js';
import { comp, manifestOf, packumentOf } from '../helpers/factories.js';

export const C = {
  framework: comp('framework', '4.0.0'),
  parser: comp('tiny-parser', '1.2.3'),
  debug: comp('debug', '2.6.9'),
  plugin: comp('plugin', '1.0.0'),
  cycleA: comp('cycle-a', '1.0.0'),
  cycleB: comp('cycle-b', '1.0.0'),
  devtool: comp('devtool', '5.0.0', { dev: true }),
  devdep: comp('devdep', '1.0.0', { dev: true }),
};

const e = (from: string, to: string, kind: Edge['kind'] = 'prod'): Edge => ({ from, to, kind });

export function graphInventory(): Inventory {
  return {
    sources: [{ file: 'package-lock.json', format: 'package-lock.json v3' }],
    roots: [
      { id: 'root:app', name: 'app', path: '.' },
      { id: 'root:web', name: 'web', path: 'web' },
    ],
    components: Object.values(C),
    edges: [
      e('root:app', C.framework.purl),
      e('root:web', C.framework.purl),
      e('root:app', C.plugin.purl),
      e('root:app', C.devtool.purl, 'dev'),
      e(C.framework.purl, C.parser.purl),
      e(C.framework.purl, C.debug.purl),
      e(C.plugin.purl, C.parser.purl),
      e(C.plugin.purl, C.cycleA.purl),
      e(C.cycleA.purl, C.cycleB.purl),
      e(C.cycleB.purl, C.cycleA.purl),
      e(C.cycleB.purl, C.parser.purl),
      e(C.devtool.purl, C.devdep.purl),
      e(C.devtool.purl, C.parser.purl),
    ],
    problems: [],
  };
}

export function resultOf(inv: Inventory): ScanResult {
  const r = newResult('scan', '.');
  r.inventory = inv;
  return r;
}

/** A packument as a registry that serves maintainers and real times would. */
export function served(
  c: InventoryComponent,
  maintainers: string[],
  extra: { published?: string; funding?: unknown; deprecated?: string } = {},
): Packument {
  const m = manifestOf(c.name, c.version, {
    ...(extra.funding !== undefined ? { funding: extra.funding } : {}),
    ...(extra.deprecated ? { deprecated: extra.deprecated } : {}),
  });
  return packumentOf(m, {
    maintainers: maintainers.map((name) => ({ name, email: `${name}@example.org` })),
    time: extra.published ? { created: extra.published, modified: extra.published, [c.version]: extra.published } : undefined,
    available: { maintainers: true, npmUser: true, time: !!extra.published, signatures: false, attestations: false },
  });
}

/** Every number in a JSON-able value is finite (no NaN / Infinity anywhere). */
export function assertFinite(v: unknown, path = '$'): void {
  if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`non-finite number at ${path}: ${v}`);
  if (Array.isArray(v)) v.forEach((x, i) => assertFinite(x, `${path}[${i}]`));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) assertFinite(x, `${path}.${k}`);
}
