// Preload for end-to-end tests (`node --import this bin/vigil.js …`): replaces the analyzer named by
// VIGIL_TEST_THROW_IN in the built registry with one that throws VIGIL_TEST_THROW_KIND ('TypeError'
// by default, or 'VigilError'). Proves a bug in an analyzer is never reported as a finding-free scan.
import { ALL_ANALYZERS } from '../../dist/analyzers/registry.js';
import { VigilError } from '../../dist/core/errors.js';

const id = process.env.VIGIL_TEST_THROW_IN;
const kind = process.env.VIGIL_TEST_THROW_KIND ?? 'TypeError';
const i = ALL_ANALYZERS.findIndex((a) => a.id === id);
if (i < 0) throw new Error(`throwing-analyzer: no analyzer with id ${id}`);
ALL_ANALYZERS[i] = {
  ...ALL_ANALYZERS[i],
  analyze() {
    if (kind === 'VigilError') throw new VigilError('E_ARCHIVE', 'injected expected failure');
    const missing = undefined;
    return missing.findings; // a genuine TypeError, as a real bug would raise
  },
};
