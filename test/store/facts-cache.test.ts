/**
 * Caches keyed by what produced them (principle 13): a cached analysis is served only to the same
 * code on the same input. Changing a rule file — with every version string untouched — must miss.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { codeHash } from '../../src/core/code-hash.js';
import { createFactsCache } from '../../src/store/facts-cache.js';
import { runComponent } from '../../src/engine/component-runner.js';
import type { ComponentAnalyzer } from '../../src/analyzers/types.js';
import { contentAnalyzer } from '../../src/analyzers/content/analyzer.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { comp, inventoryOf, servicesOf } from '../helpers/factories.js';

const SRC = resolve(import.meta.dirname, '..', '..', 'src');

/** A copy of the content analyzer's folder under a temporary src root, to edit its rules. */
function copyOfContent(): { root: string; rules: string; done(): void } {
  const root = mkdtempSync(join(tmpdir(), 'vigil-code-'));
  cpSync(join(SRC, 'analyzers', 'content'), join(root, 'analyzers', 'content'), { recursive: true });
  return { root, rules: join(root, 'analyzers', 'content', 'rules.ts'), done: () => rmSync(root, { recursive: true, force: true }) };
}

test('the code hash changes when a rule changes, and only then', () => {
  const copy = copyOfContent();
  try {
    const before = codeHash(['analyzers/content'], copy.root);
    assert.equal(codeHash(['analyzers/content'], copy.root), before, 'same code, same hash');
    assert.equal(before, codeHash(['analyzers/content']), 'a faithful copy hashes like the real folder');
    const text = readFileSync(copy.rules, 'utf8');
    assert.match(text, /severity: 'high'/);
    writeFileSync(copy.rules, text.replace("severity: 'high'", "severity: 'medium'"));
    assert.notEqual(codeHash(['analyzers/content'], copy.root), before);
  } finally {
    copy.done();
  }
});

test('an unknown code path is an error, not a key that never changes', () => {
  assert.throws(() => codeHash(['analyzers/no-such-analyzer']), /no code at analyzers\/no-such-analyzer/);
});

test('the scan engine re-runs an analyzer whose rules changed although its id and version did not', async () => {
  const copy = copyOfContent();
  try {
    let calls = 0;
    const analyzer: ComponentAnalyzer = {
      kind: 'component',
      id: contentAnalyzer.id,
      version: contentAnalyzer.version,
      code: ['analyzers/content'],
      needs: {},
      rules: [],
      appliesTo: () => true,
      analyze: () => {
        calls++;
        return { findings: [], facts: { run: calls } };
      },
    };
    const store = new MemoryStore();
    const c = comp('left-pad', '1.3.0', { integrity: 'sha512-AAAA' });
    const cache = createFactsCache(store, { codeHash: (p) => codeHash(p, copy.root) });
    const deps = {
      npm: {} as never, // offline: never asked; only its (absent) source policy is read
      readPackage: undefined as never,
      store,
      cache,
      inventory: inventoryOf(c),
      offline: true,
      services: servicesOf(),
    };
    const first = await runComponent(c, [analyzer], deps);
    const warm = await runComponent(c, [analyzer], deps);
    assert.equal(calls, 1, 'same code, same input: served from the store');
    assert.deepEqual(warm.facts, first.facts);

    writeFileSync(copy.rules, readFileSync(copy.rules, 'utf8').replace("severity: 'high'", "severity: 'medium'"));
    const upgraded = createFactsCache(store, { codeHash: (p) => codeHash(p, copy.root) });
    const after = await runComponent(c, [analyzer], { ...deps, cache: upgraded });
    assert.equal(calls, 2, 'a changed rule set never reuses the stored output');
    assert.deepEqual(after.facts, { content: { run: 2 } });
  } finally {
    copy.done();
  }
});
