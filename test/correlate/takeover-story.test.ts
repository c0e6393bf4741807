/** The correlation layer on a reconstructed takeover, through the real scan engine and a 127.0.0.1 registry. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { severityRank } from '../../src/core/result-builder.js';
import { npmPurl } from '../../src/core/purl.js';
import { TAKEOVER_STORY_RULE } from '../../src/correlate/index.js';
import {
  ACTIVE_ACCOUNT_HIJACK,
  BENIGN_LOOKALIKES,
  DORMANT_ACCOUNT_HIJACK,
  DORMANT_HANDOVER_PAYLOAD_DEPENDENCY as ES,
  LEAKED_TOKEN_POSTINSTALL_MINER,
  PHISHED_MAINTAINER_BUNDLED_DLL,
} from './scenarios.js';
import { scanReconstruction } from './run-scan.js';

test('dormant handover + brand-new dependency whose release ships files absent from its source: one critical story', async () => {
  const r = await scanReconstruction(ES);
  const subject = npmPurl('stream-joiner', '3.3.6');
  // Every packument and tarball was read: a missing one would weaken the story, not fail loudly.
  assert.deepEqual(
    r.problems.map((p) => p.message),
    [],
  );
  // The artifact comparison flags the dependency's minified entry point and encoded test file as high.
  const unexplained = r.findings.filter((f) => f.rule === 'artifact/unexplained-file' && f.subject === npmPurl('flat-map-lite', '0.1.1'));
  assert.deepEqual(unexplained.map((f) => [f.evidence[0]?.file, f.severity]).sort(), [
    ['index.min.js', 'high'],
    ['test/data.js', 'high'],
  ]);
  assert.match(unexplained.find((f) => f.evidence[0]?.file === 'index.min.js')!.title, /minified/);
  assert.match(unexplained.find((f) => f.evidence[0]?.file === 'test/data.js')!.title, /encoded.*loaded-indirectly/);
  const story = r.findings.filter((f) => f.rule === TAKEOVER_STORY_RULE);
  assert.deepEqual(
    story.map((f) => f.subject),
    [subject],
    'one story, about the package that was taken over',
  );
  const s = story[0]!;
  assert.equal(s.severity, 'critical');
  const text = JSON.stringify(s);
  for (const name of ES.expect.names) assert.ok(text.includes(name), `story names ${name}`);
  // Evidence for each half: the handover (publisher metadata), the new dependency, the unexplained files.
  assert.ok(s.evidence.some((e) => e.field === '_npmUser' && e.after === 'mallory'));
  assert.ok(s.evidence.some((e) => e.field === 'flat-map-lite:time.created'));
  assert.ok(s.evidence.some((e) => e.file === 'test/data.js') && s.evidence.some((e) => e.file === 'index.min.js'));
  assert.match(s.explanation, /src\/correlate\/weights\.ts/);
});

test("without the dependency's source repository the story still stands on the handover and the new dependency", async () => {
  const r = await scanReconstruction(ES, false);
  const story = r.findings.find((f) => f.rule === TAKEOVER_STORY_RULE);
  assert.ok(story && severityRank(story.severity) >= severityRank('high'), story?.severity);
  assert.ok(!r.findings.some((f) => f.rule === 'artifact/unexplained-file'));
});

test('hijacked dormant account (coa/rc shape): release without gitHead after years + install-time dropper is a high story', async () => {
  const r = await scanReconstruction(DORMANT_ACCOUNT_HIJACK);
  const s = r.findings.find((f) => f.rule === TAKEOVER_STORY_RULE);
  assert.ok(s && severityRank(s.severity) >= severityRank('high'), s?.severity);
  for (const id of ['published-outside-repository', 'dormant-release', 'install-script'])
    assert.ok(
      s.evidence.some((e) => e.label?.startsWith(`${id} (+`)),
      id,
    );
});

test('hijacked active accounts (same publisher, no handover): release without a tag + install-time dropper is one high story with the whole shape', async () => {
  for (const scenario of [ACTIVE_ACCOUNT_HIJACK, LEAKED_TOKEN_POSTINSTALL_MINER, PHISHED_MAINTAINER_BUNDLED_DLL]) {
    const r = await scanReconstruction(scenario);
    const [name, version] = scenario.expect.subject.split(/@(?=[^@]+$)/) as [string, string];
    const stories = r.findings.filter((f) => f.rule === TAKEOVER_STORY_RULE);
    assert.deepEqual(
      stories.map((f) => f.subject),
      [npmPurl(name, version)],
      scenario.id,
    );
    const s = stories[0]!;
    assert.ok(severityRank(s.severity) >= severityRank('high'), `${scenario.id}: ${s.severity}`);
    const text = JSON.stringify(s);
    for (const n of scenario.expect.names) assert.ok(text.includes(n), `${scenario.id} names ${n}`);
    for (const id of ['release-without-source', 'install-script'])
      assert.ok(
        s.evidence.some((e) => e.label?.startsWith(`${id} (+`)),
        `${scenario.id}: ${id}`,
      );
  }
});

test("benign look-alikes (a co-maintainer's own modules after a dormant spell; sharp-like platform packages) raise nothing high", async () => {
  for (const scenario of BENIGN_LOOKALIKES) {
    const r = await scanReconstruction(scenario);
    const high = r.findings.filter((f) => severityRank(f.severity) >= severityRank('high'));
    assert.deepEqual(
      high.map((f) => `${f.rule} ${f.subject}`),
      [],
      scenario.id,
    );
  }
});
