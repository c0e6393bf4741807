/**
 * A package whose analysis outgrows a 32 MiB worker heap: ~4.5 MiB of small statements that decode
 * and run (so it is parsed), whose syntax tree is far larger than the heap.
 */
import type { PackageFiles } from '../../src/sources/archive/types.js';
import { filesOf } from './factories.js';

export function outgrowsSmallHeap(origin = 'npm:huge@1.0.0'): PackageFiles {
  const big = Array.from({ length: 110_000 }, (_, i) => `var v${i} = require('m${i % 50}')[${i}];`).join('\n') + '\neval(atob("eA=="));';
  return { ...filesOf({ 'package.json': '{"name":"huge","main":"index.js"}', 'index.js': big }), origin };
}
