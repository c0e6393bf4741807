/**
 * Every fact family is declared once (core/facts.ts, listed in app/fact-registry.ts): keys are
 * unique, every analyzer that hands on facts has its family under its own id, and what the
 * producers write is read back by the family's reader unchanged; a value of the wrong shape is
 * skipped by the reader, never passed on as if it were the family's type.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FACT_FAMILIES, factFamily } from '../../src/app/fact-registry.js';
import { ALL_ANALYZERS } from '../../src/analyzers/registry.js';
import { componentFact, readComponentFacts, readResultFacts } from '../../src/core/facts.js';
import { inspect } from '../../src/app/inspect.js';
import { CONTENT_FACTS } from '../../src/analyzers/content/types.js';
import { HISTORY_FACTS } from '../../src/analyzers/history/facts.js';
import { FUNDING_FACTS } from '../../src/fund/plan-types.js';
import { CONTENT_FIXTURES } from '../content/helpers.js';

/** Analyzers whose output is findings only. */
const NO_FACTS = new Set([
  'npm-deprecated',
  'npm-manifest-confusion',
  'npm-missing-repository',
  'npm-remote-dependency',
  'npm-resolved-source',
]);

test('fact families: one declaration per key, each with a version and a description', () => {
  const keys = FACT_FAMILIES.map((f) => f.key);
  assert.deepEqual(keys, [...new Set(keys)], 'a key declared twice');
  for (const f of FACT_FAMILIES) {
    assert.ok(Number.isInteger(f.version) && f.version >= 1, `${f.key}: version`);
    assert.ok(f.about.length > 10, `${f.key}: about`);
  }
});

test('every analyzer that hands on facts has its family under its own id', () => {
  const missing = ALL_ANALYZERS.filter((a) => !NO_FACTS.has(a.id) && !factFamily(a.id)).map((a) => a.id);
  assert.deepEqual(missing, []);
  for (const id of NO_FACTS)
    assert.ok(
      ALL_ANALYZERS.some((a) => a.id === id),
      `${id} is no longer an analyzer: drop it from NO_FACTS`,
    );
});

test('what inspect writes is registered and read back by each family reader unchanged', async () => {
  const r = await inspect(CONTENT_FIXTURES + 'reverse-shell-install', { cwd: '/' });
  const keys = Object.keys(r.facts);
  assert.ok(keys.includes('content'), keys.join(','));
  for (const key of keys) {
    const family = factFamily(key);
    assert.ok(family, `facts.${key} is not a registered family`);
    if (family.scope === 'component')
      assert.deepEqual([...readComponentFacts(r, family).keys()], Object.keys(r.facts[key]!), `facts.${key}: a value fails its shape`);
    else assert.ok(readResultFacts(r, family), `facts.${key} fails its shape`);
  }
  const purl = 'pkg:npm/fixture-reverse-shell-install@1.0.0';
  assert.equal(componentFact(r, CONTENT_FACTS, purl)?.schema, CONTENT_FACTS.version);
});

test('a stored value of another shape or version is skipped by the reader, not cast', () => {
  const stored = {
    facts: {
      content: { a: { schema: 1, capabilities: [] }, b: { schema: CONTENT_FACTS.version, capabilities: [] } },
      history: { repo: { repo: 'x', commits: 'many', people: [] } },
      funding: { allocations: [] },
    },
  };
  assert.deepEqual([...readComponentFacts(stored, CONTENT_FACTS).keys()], ['b']);
  assert.equal(readComponentFacts(stored, HISTORY_FACTS).size, 0);
  assert.equal(readResultFacts(stored, FUNDING_FACTS), undefined);
});
