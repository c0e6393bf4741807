/** `vigil history` command: ScanResult with facts.history[subject], timeline text, analyzer plugin, rule catalogue. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { historyCommand } from '../../src/cli/commands/history.js';
import type { CommandContext } from '../../src/cli/command.js';
import { historyAnalyzer, HISTORY_RULES, type HistoryFacts } from '../../src/analyzers/history/index.js';
import { day, FixtureRepo, MAINTAINER as M } from './fixture-repo.js';
import { servicesOf } from '../helpers/factories.js';

let repo: FixtureRepo;
before(() => {
  repo = new FixtureRepo();
  for (let i = 0; i < 3; i++) repo.commit(M, day('2020-01-01', i * 40), `c${i}`, { [`f${i}.c`]: 'int x;\n' });
});
after(() => repo.remove());

function ctx(positionals: string[], values: Record<string, unknown> = {}): CommandContext {
  return {
    options: { values, sources: {}, positionals },
    cwd: process.cwd(),
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    events: () => {},
    env: {},
  };
}

describe('history command', () => {
  test('returns a ScanResult with the facts under history[subject]', async () => {
    const out = await historyCommand.run(ctx([repo.dir]));
    assert.equal(out.kind, 'result');
    if (out.kind !== 'result') return;
    assert.equal(out.result.command, 'history');
    const all = out.result.facts.history as Record<string, HistoryFacts>;
    const [subject, facts] = Object.entries(all)[0]!;
    assert.ok(subject.startsWith('vigil-history-'));
    assert.equal(facts.commits, 3);
    assert.deepEqual(facts.people[0]?.months, { '2020-01': 1, '2020-02': 1, '2020-03': 1 });
  });

  test('--timeline prints the contributor timeline', async () => {
    const out = await historyCommand.run(ctx([repo.dir], { timeline: true }));
    assert.equal(out.kind, 'text');
    if (out.kind === 'text') assert.match(out.text, /Lasse Maintainer .* 3 +first commit 2020-01-01/);
  });

  test('usage errors: no path, two paths', async () => {
    await assert.rejects(historyCommand.run(ctx([])), /needs the path/);
    await assert.rejects(historyCommand.run(ctx(['a', 'b'])), /unexpected argument/);
  });
});

describe('history analyzer plugin and catalogue', () => {
  test('applies to components with meta.repoPath, subject is the purl', async () => {
    const comp = {
      purl: 'pkg:npm/x@1.0.0',
      ecosystem: 'npm',
      name: 'x',
      version: '1.0.0',
      locations: [],
      dev: false,
      optional: false,
      meta: { repoPath: repo.dir },
    };
    assert.equal(historyAnalyzer.appliesTo(comp), true);
    assert.equal(historyAnalyzer.appliesTo({ ...comp, meta: {} }), false);
    const out = await historyAnalyzer.analyze({
      component: comp,
      inventory: { sources: [], roots: [], components: [], edges: [], problems: [] },
      services: servicesOf(),
      offline: true,
    });
    // The engine files facts under the purl: the analyzer hands on HistoryFacts unwrapped.
    assert.ok(out.facts && 'commits' in out.facts && !('pkg:npm/x@1.0.0' in out.facts));
  });

  test('every rule has a full catalogue entry with a unique id', () => {
    for (const r of HISTORY_RULES) {
      assert.match(r.id, /^history\//);
      for (const k of ['title', 'meaning', 'why', 'example', 'suppress'] as const) assert.ok(r[k].length > 10, `${r.id}.${k}`);
    }
    assert.equal(new Set(HISTORY_RULES.map((r) => r.id)).size, HISTORY_RULES.length);
  });
});
