import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanBody, sentences } from '../../src/analyzers/discussion/text-clean.js';
import { scanMessage } from '../../src/analyzers/discussion/signals.js';
import type { DiscussionMessage } from '../../src/sources/discussions/types.js';

const msg = (body: string, subject = 'Re: topic'): DiscussionMessage => ({
  id: 'x@y',
  from: { name: 'A', address: 'a@b' },
  subject,
  references: [],
  body,
  source: { file: 'f' },
  format: 'mbox',
});
const phrases = (body: string, subject?: string): string[] => scanMessage(msg(body, subject)).hits.map((h) => h.phrase);

describe('own text', () => {
  test('quotes, attribution, signature and patch are stripped', () => {
    const c = cleanBody('On Mon, X wrote:\n> quoted demand\nmy words\n\n-- \nsig line\n');
    assert.deepEqual(
      c.lines.map((l) => l.text),
      ['my words', ''],
    );
    const p = cleanBody('fix the bug\n---\n a.c | 2 +-\n 1 file changed\n\ndiff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n');
    assert.equal(p.hasPatch, true);
    assert.deepEqual(
      p.lines.map((l) => l.text),
      ['fix the bug'],
    );
  });
  test('sentences join wrapped lines, keep version numbers whole and know their line', () => {
    const s = sentences(cleanBody('intro line\n\nWhy wait until 5.4.0 to change\nmaintainer? Next one.\n'));
    assert.deepEqual(s, [
      { text: 'intro line', line: 1 },
      { text: 'Why wait until 5.4.0 to change maintainer?', line: 3 },
      { text: 'Next one.', line: 4 },
    ]);
  });
  test('quoted pressure is not counted for the person quoting it', () => {
    assert.deepEqual(phrases('> Progress will not happen until there is new maintainer.\n\nI disagree, things are moving.'), []);
  });
});

describe('lexicon', () => {
  test('handover, abandonment, pace and denigration phrases', () => {
    assert.deepEqual(phrases('Progress will not happen until there is new maintainer. Why wait until 5.4.0 to change maintainer?'), [
      'until-new-maintainer',
      'change-maintainer',
      'why-delay',
    ]);
    assert.deepEqual(phrases('Is XZ for Java still maintained? I see no commits.'), ['still-maintained']);
    assert.deepEqual(phrases('You ignore the many patches bit rotting away on this mailing list.'), ['patches-wait-years', 'you-choke']);
  });
  test('ordinary talk does not match', () => {
    assert.deepEqual(phrases('When will the next release be? We would love to ship the fix.'), []);
    assert.deepEqual(phrases('If you are still alive, please reply to claim the funds.'), []);
    assert.deepEqual(phrases('That would make the maintainer tools more complex.'), []);
    assert.deepEqual(phrases('There is a new maintainer for the driver now.'), []);
  });
  test('burn-out only in the first person', () => {
    assert.deepEqual(phrases('My ability to care has been limited due to mental health issues.'), ['mental-health', 'ability-to-care']);
    assert.deepEqual(phrases('Burnout is a problem for many maintainers in the community.'), []);
  });
  test('patch mails are code, not pressure', () => {
    const s = scanMessage(
      msg("The maintainer lost interest or doesn't care, so this patch fixes it.\n\nSigned-off-by: A <a@b>\n", '[PATCH] fix'),
    );
    assert.equal(s.pressure, 0);
    assert.equal(s.hasPatch, true);
  });
  test('off-topic mail (spam) carries no pressure', () => {
    const s = scanMessage(msg('I am willing to hand over the project under your care. Let someone else take over my estate.', 'URGENT'));
    assert.equal(s.pressure, 0);
  });
});
