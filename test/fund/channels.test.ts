import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parsePackageFunding } from '../../src/sources/funding/package-funding.js';
import { recogniseUrl } from '../../src/sources/funding/recognise.js';
import { readTreeFunding } from '../../src/sources/funding/source-tree.js';
import { preferredChannel } from '../../src/fund/plan.js';

const FX = 'test/fixtures/fund';

describe('recogniseUrl', () => {
  const cases: [string, string, string][] = [
    ['https://github.com/sponsors/Alice', 'github', 'github:alice'],
    ['https://github.com/alice', 'github', 'github:alice'],
    ['https://opencollective.com/webpack/donate', 'open_collective', 'open_collective:webpack'],
    ['https://liberapay.com/erin/', 'liberapay', 'liberapay:erin'],
    ['https://www.patreon.com/c/carol', 'patreon', 'patreon:carol'],
    ['https://ko-fi.com/dave', 'ko_fi', 'ko_fi:dave'],
    ['https://tidelift.com/funding/github/npm/chalk', 'tidelift', 'tidelift:npm/chalk'],
    ['https://tidelift.com/subscription/pkg/npm-debug?utm_source=x', 'tidelift', 'tidelift:npm/debug'],
    ['https://polar.sh/grace', 'polar', 'polar:grace'],
    ['https://example.org/Donate/', 'custom', 'url:example.org/donate'],
    ['https://github.com/alice/repo', 'custom', 'url:github.com/alice/repo'],
  ];
  for (const [url, platform, recipient] of cases) {
    test(url, () => {
      const r = recogniseUrl(url);
      assert.ok(!('error' in r), JSON.stringify(r));
      assert.equal(r.platform, platform);
      assert.equal(r.recipient, recipient);
    });
  }
  for (const bad of ['not a url', 'ftp://example.org/x', 'javascript:alert(1)', 'http://localhost/pay', 'https://u:p@example.org/']) {
    test(`refuses ${bad}`, () => assert.ok('error' in recogniseUrl(bad)));
  }
});

describe('package.json funding', () => {
  test('string, { type, url }, arrays of both; duplicates once; fragments dropped', () => {
    const r = parsePackageFunding({ type: 'github', url: 'https://github.com/sponsors/a' }, 'x@1');
    assert.deepEqual(
      r.channels.map((c) => [c.recipient, c.declaredType]),
      [['github:a', 'github']],
    );
    assert.deepEqual(
      parsePackageFunding('https://opencollective.com/b', 'x@1').channels.map((c) => c.recipient),
      ['open_collective:b'],
    );
    const fs = readTreeFunding(join(FX, 'package-json-shapes'));
    assert.deepEqual(
      fs.channels.map((c) => c.recipient),
      ['github:alice', 'open_collective:shapes', 'url:example.org/donate'],
    );
    assert.equal(fs.channels[2]!.address, 'https://example.org/donate');
    assert.deepEqual(fs.problems, []);
  });

  test('hostile shapes become one Problem each, the valid entry is kept, nothing throws', () => {
    const r = readTreeFunding(join(FX, 'package-json-hostile'));
    assert.deepEqual(
      r.channels.map((c) => c.recipient),
      ['github:ok'],
    );
    assert.equal(r.problems.length, 8);
    for (const p of r.problems) {
      assert.equal(p.code, 'E_MANIFEST_PARSE');
      assert.match(p.message, /package\.json: funding(\[\d\])?( is|:) /);
    }
    assert.ok(r.problems.some((p) => /funding\[0\] is a number/.test(p.message)));
    assert.ok(r.problems.some((p) => /funding\[2\] is a nested array/.test(p.message)));
    assert.ok(r.problems.some((p) => /not an http\(s\) URL/.test(p.message)));
  });

  test('empty and absent funding: no channels, no problems', () => {
    for (const v of [undefined, null, []]) assert.deepEqual(parsePackageFunding(v, 'x'), { channels: [], problems: [] });
    assert.equal(parsePackageFunding({}, 'x').problems.length, 1);
    assert.equal(parsePackageFunding(true, 'x').problems.length, 1);
  });
});

describe('.github/FUNDING.yml', () => {
  test('every documented platform and custom URLs', () => {
    const r = readTreeFunding(join(FX, 'funding-yml-all-platforms'));
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.channels.map((c) => c.recipient),
      [
        'github:octo-alice',
        'github:bob',
        'patreon:carol',
        'open_collective:webpack',
        'ko_fi:dave',
        'tidelift:npm/chalk',
        'community_bridge:some-project',
        'liberapay:erin',
        'issuehunt:frank',
        'lfx_crowdfunding:lfx-project',
        'polar:grace',
        'buy_me_a_coffee:heidi',
        'thanks_dev:u/gh/ivan',
        'url:example.org/donate',
        'url:paypal.me/judy',
      ],
    );
    assert.ok(r.channels.every((c) => c.source === 'FUNDING.yml' && c.address.startsWith('https://')));
  });

  test('malformed values are Problems with file and line; the good entry survives', () => {
    const r = readTreeFunding(join(FX, 'funding-yml-malformed'));
    assert.deepEqual(
      r.channels.map((c) => c.recipient),
      ['liberapay:ok-user'],
    );
    const lines = r.problems.map((p) => [p.line, p.message.replace(/^.*FUNDING\.yml: /, '')]);
    assert.deepEqual(lines, [
      [1, 'github: "../../etc/passwd" is not an account name'],
      [2, 'patreon: expected a name or URL, got a nested structure'],
      [3, 'open_collective: expected a name or URL, got number'],
      [4, 'not an http(s) URL: "javascript:alert(1)"'],
      [6, 'unknown platform "unknown_platform"'],
    ]);
  });

  test('not YAML at all: one Problem naming the file, no channels', () => {
    const r = readTreeFunding(join(FX, 'funding-yml-not-yaml'));
    assert.equal(r.channels.length, 0);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0]!.message, /FUNDING\.yml: not valid YAML/);
    assert.equal(typeof r.problems[0]!.line, 'number');
  });
});

describe('funding.json (FLOSS/fund)', () => {
  test('payment-provider URLs recognised, bank kept as text, all grouped under the entity', () => {
    const r = readTreeFunding(join(FX, 'funding-json-floss'));
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.channels.map((c) => [c.platform, c.recipient, c.address]),
      [
        ['open_collective', 'floss:alice@example.org', 'https://opencollective.com/tiny-parser'],
        ['bank', 'floss:alice@example.org', 'IBAN XX00 0000 0000 0000'],
      ],
    );
    assert.equal(preferredChannel(r.channels)!.platform, 'open_collective');
  });

  test('malformed manifest: a Problem per bad channel, the usable one kept', () => {
    const r = readTreeFunding(join(FX, 'funding-json-malformed'));
    assert.deepEqual(
      r.channels.map((c) => [c.platform, c.address]),
      [['custom', 'ask by mail']],
    );
    assert.equal(r.problems.length, 6);
    assert.ok(r.problems.some((p) => /entity\.name/.test(p.message)));
    assert.ok(r.problems.some((p) => /credentials refused/.test(p.message)));
    assert.ok(r.problems.some((p) => /"crypto" is not bank/.test(p.message)));
  });
});
