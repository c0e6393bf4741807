import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attachScores } from '../../src/scoring/attach.js';
import { readScores } from '../../src/report/html/read-facts.js';
import { VigilError } from '../../src/core/errors.js';
import { C, graphInventory, resultOf, served } from './helpers.js';

test('attachScores: facts.scoring in the report shape, unknown signals once, only malformed-field problems added', async () => {
  const r = resultOf(graphInventory());
  const getPackument = async (name: string) => {
    if (name === C.debug.name) throw new VigilError('E_REGISTRY_HTTP', 'registry answered 500');
    const c = Object.values(C).find((x) => x.name === name)!;
    return served(c, ['solo'], { funding: name === C.parser.name ? { url: 42 } : 'https://github.com/sponsors/solo' });
  };
  const s = await attachScores(r, { getPackument });
  const read = readScores(r.facts['scoring']);
  assert.equal(read.size, graphInventory().components.length);
  assert.ok(read.get(C.parser.purl)!.factors.some((f) => f.startsWith('fragility.maintainers = 1')));
  assert.deepEqual(
    r.problems.map((p) => p.code),
    ['E_MANIFEST_PARSE'],
  );
  assert.match(r.problems[0]!.message, /tiny-parser@1\.2\.3: funding is an object without a string "url"/);
  assert.ok(r.unavailable.some((u) => u.subject === 'scoring' && u.field === 'criticality.privileged'));
  // The package whose packument failed: its maintainers are unknown, said per component.
  assert.match(
    s.scores[C.debug.purl]!.factors.find((f) => f.name === 'fragility.maintainers')!.explanation,
    /registry metadata not fetched/,
  );
});
