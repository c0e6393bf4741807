import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readDiscussions } from '../../src/sources/discussions/read-sources.js';
import { threadMessages } from '../../src/sources/discussions/threading.js';
import type { DiscussionMessage } from '../../src/sources/discussions/types.js';
import { FIX } from './helpers.js';

test('loops, self-references, duplicates and missing roots are threaded without hanging', async () => {
  const r = await readDiscussions([join(FIX, 'hostile', 'ids-and-loops.mbox')]);
  const t = threadMessages(r.messages);
  assert.equal(t.duplicates, 1, 'the second <la@example.org> is dropped');
  assert.equal(t.loops, 1);
  const key = (id: string): string | undefined => r.messages.find((m) => m.id === id)?.threadKey;
  assert.equal(key('la@example.org'), key('lb@example.org'), 'A and B reply to each other: one thread');
  assert.equal(key('lc@example.org'), 'lc@example.org');
  assert.equal(key('lf@example.org'), 'missing-root@example.org');
  assert.equal(key('lg@example.org'), 'missing-root@example.org', 'siblings of a missing root meet');
  const total = [...t.threads.values()].reduce((a, l) => a + l.length, 0);
  assert.equal(total, r.messages.length - 1);
});

test('replies in the paraphrased xz archive join their threads by In-Reply-To', async () => {
  const r = await readDiscussions([join(FIX, 'xz-devel-2022-paraphrase')]);
  const t = threadMessages(r.messages);
  const java = [...t.threads.values()].find((l) => l[0]!.subject === '[xz-devel] XZ for Java')!;
  assert.deepEqual(
    java.map((m) => m.from.name),
    ['Dennis Ens', 'Lasse Collin', 'Jigar Kumar', 'Lasse Collin', 'Jigar Kumar', 'Dennis Ens', 'Lasse Collin'],
  );
});

test('a reply that lost its headers joins by subject', async () => {
  const base = { references: [], body: '', source: { file: 'x' }, format: 'mbox' as const, from: { name: 'a', address: 'a@x' } };
  const msgs: DiscussionMessage[] = [
    { ...base, id: 'r@x', subject: '[list] Release plans', date: '2022-01-01T00:00:00.000Z' },
    { ...base, id: 's@x', subject: 'Re: [list] Release plans', date: '2022-01-02T00:00:00.000Z' },
  ];
  threadMessages(msgs);
  assert.equal(msgs[1]!.threadKey, 'r@x');
});
