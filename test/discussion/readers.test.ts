import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDiscussions } from '../../src/sources/discussions/read-sources.js';
import { splitMbox } from '../../src/sources/discussions/mbox-split.js';
import { FIX, makeInbox, tempDir } from './helpers.js';

describe('mbox', () => {
  test('splits only at separators after a blank line, unescapes >From, keeps line numbers', async () => {
    const r = await readDiscussions([join(FIX, 'hostile', 'malformed.mbox')]);
    assert.deepEqual(
      r.messages.map((m) => m.id),
      ['m1@example.org', 'm2@example.org', 'm3@example.org'],
    );
    const m1 = r.messages[0]!;
    assert.match(m1.body, /^From here on this line is part of the body/m);
    assert.match(m1.body, /^From escaped line$/m);
    assert.equal(m1.source.line, 3);
    assert.equal(r.messages[1]!.body.trim(), 'crlf body');
    assert.equal(r.messages[2]!.body, 'no trailing newline');
    // junk before the first separator and the binary block are reported, with their lines
    assert.deepEqual(
      r.problems.map((p) => p.line),
      [1, 21],
    );
    assert.equal(r.stats.skipped, 2);
  });

  test('a message over the size cap is truncated and reported', async () => {
    const dir = tempDir('big');
    const f = join(dir, 'big.mbox');
    writeFileSync(f, `From x Mon Jan  3 10:00:00 2022\nFrom: a@b.c\nMessage-ID: <big@b>\n\n${'x'.repeat(5000)}\n`);
    const r = await readDiscussions([f], { limits: { maxMessageBytes: 1000 } });
    assert.equal(r.messages.length, 1);
    assert.ok(r.messages[0]!.body.length < 1000);
    assert.equal(r.problems[0]!.code, 'E_ARCHIVE_LIMIT');
  });

  test('a huge header block is refused, the next message is still read', async () => {
    const dir = tempDir('hdr');
    const f = join(dir, 'huge.mbox');
    const huge = Array.from({ length: 5000 }, (_, i) => `X-Junk-${i}: ${'y'.repeat(80)}`).join('\n');
    writeFileSync(
      f,
      `From x Mon Jan  3 10:00:00 2022\nFrom: a@b.c\n${huge}\nMessage-ID: <h1@b>\n\nbody\n\nFrom x Mon Jan  3 10:00:00 2022\nFrom: b@b.c\nMessage-ID: <h2@b>\n\nok\n`,
    );
    const r = await readDiscussions([f]);
    assert.deepEqual(
      r.messages.map((m) => m.id),
      ['h2@b'],
    );
    assert.match(r.problems[0]!.message, /huge\.mbox:1: header block of \d+ bytes exceeds/);
  });

  test('splitter yields raw messages lazily from a stream', async () => {
    const seen: number[] = [];
    for await (const m of splitMbox(join(FIX, 'hostile', 'ids-and-loops.mbox'), 1 << 20)) seen.push(m.line);
    assert.equal(seen.length, 7);
    assert.equal(seen[0], 1);
  });

  test('broken encodings give text, not exceptions', async () => {
    const r = await readDiscussions([join(FIX, 'hostile', 'broken-encodings.mbox')]);
    const by = new Map(r.messages.map((m) => [m.id, m]));
    assert.equal(by.get('e1@example.org')!.from.name, 'Jürgen Müller');
    assert.equal(by.get('e1@example.org')!.subject, 'café €');
    assert.match(by.get('e1@example.org')!.body, /softbreak and bad escape =ZZ/);
    assert.equal(by.get('e2@example.org')!.body, 'Hello world');
    assert.match(by.get('e3@example.org')!.body, /Is this project dead\?/);
    assert.equal(by.get('e4@example.org')!.body, 'plain version with é');
    assert.equal(by.get('e5@example.org')!.date, undefined);
    assert.equal(by.get('e5@example.org')!.body, '');
  });

  test('missing paths and unknown files are problems, not crashes', async () => {
    const dir = tempDir('junk');
    writeFileSync(join(dir, 'notes.bin'), Buffer.from([0, 1, 2, 3]));
    const r = await readDiscussions([join(dir, 'nope.mbox'), join(dir, 'notes.bin')]);
    assert.equal(r.messages.length, 0);
    assert.deepEqual(
      r.problems.map((p) => p.code),
      ['E_INPUT_NOT_FOUND', 'E_UNSUPPORTED'],
    );
  });
});

describe('public-inbox', () => {
  const mail = (i: number, extra = ''): string =>
    `From: User ${i} <u${i}@example.org>\nSubject: msg ${i}\nMessage-ID: <pi${i}@example.org>\nDate: Mon, ${i + 1} Jan 2022 10:00:00 +0000\n${extra}\nbody ${i}\n`;

  test('reads every m blob of a v2 epoch, oldest first, skipping deletion commits', async () => {
    const inbox = makeInbox([mail(0), mail(1, 'In-Reply-To: <pi0@example.org>\n'), mail(2)], 1);
    const r = await readDiscussions([inbox]);
    assert.deepEqual(
      r.sources.map((s) => s.format),
      ['public-inbox'],
    );
    assert.deepEqual(
      r.messages.map((m) => m.id),
      ['pi0@example.org', 'pi1@example.org', 'pi2@example.org'],
    );
    assert.equal(r.messages[1]!.inReplyTo, 'pi0@example.org');
    assert.match(r.messages[0]!.source.commit ?? '', /^[0-9a-f]{40}$/);
    assert.equal(r.problems.length, 0);
  });

  test('a folder holding an inbox is found by the walker', async () => {
    // A private holder folder: walking the shared temp directory's parent would read every other run's files.
    const holder = tempDir('holder');
    renameSync(makeInbox([mail(5)]), join(holder, 'list'));
    const r = await readDiscussions([holder]);
    assert.ok(r.messages.some((m) => m.id === 'pi5@example.org'));
  });
});

describe('issue exports', () => {
  test('GitHub issues and comments become threads keyed by repo#number; bots are skipped', async () => {
    const r = await readDiscussions([join(FIX, 'github-export')]);
    const c = r.messages.find((m) => m.id.startsWith('gh:example/quill#9/c'));
    assert.ok(c);
    assert.equal(c.threadKey, 'example/quill#9');
    assert.equal(c.inReplyTo, 'gh:example/quill#9');
    const issue = r.messages.find((m) => m.id === 'gh:example/quill#9')!;
    assert.equal(issue.from.address, 'github:oliver-g-dev');
    assert.equal(issue.from.accountCreatedAt, '2023-01-15T00:00:00.000Z');
    assert.equal(issue.from.association, 'NONE');
    assert.ok(!r.messages.some((m) => m.from.address.includes('dependabot')));
    assert.equal(r.stats.skipped, 1);
  });

  test('GH Archive event lines (IssuesEvent opened, IssueCommentEvent) are read as JSON lines', async () => {
    const dir = tempDir('gha');
    const f = join(dir, '2023-03-01-10.json.txt');
    const repo = { name: 'example/quill' };
    const issue = {
      number: 4,
      title: 'Is this dead?',
      user: { login: 'newbie' },
      created_at: '2023-03-01T10:00:00Z',
      body: 'Is this project dead?',
      html_url: 'https://github.invalid/example/quill/issues/4',
    };
    writeFileSync(
      f,
      [
        JSON.stringify({
          type: 'IssuesEvent',
          repo,
          actor: { login: 'newbie' },
          created_at: '2023-03-01T10:00:00Z',
          payload: { action: 'opened', issue },
        }),
        JSON.stringify({
          type: 'IssueCommentEvent',
          repo,
          actor: { login: 'owner' },
          created_at: '2023-03-01T11:00:00Z',
          payload: {
            action: 'created',
            issue,
            comment: {
              id: 77,
              user: { login: 'owner' },
              author_association: 'OWNER',
              body: 'No, just slow.',
              created_at: '2023-03-01T11:00:00Z',
            },
          },
        }),
        JSON.stringify({ type: 'WatchEvent', repo, actor: { login: 'x' }, payload: { action: 'started' } }),
        '{not json',
      ].join('\n'),
    );
    const r = await readDiscussions([f]);
    assert.deepEqual(
      r.messages.map((m) => m.id),
      ['gh:example/quill#4', 'gh:example/quill#4/c77'],
    );
    assert.equal(r.messages[1]!.from.association, 'OWNER');
    assert.equal(r.messages[0]!.format, 'gharchive');
    assert.match(r.problems[0]!.message, /:4: not valid JSON/);
  });

  test('truncated JSON and missing fields are reported by place, the rest kept', async () => {
    const r = await readDiscussions([join(FIX, 'hostile', 'truncated-export.json'), join(FIX, 'hostile', 'missing-fields.json')]);
    const msgs = r.problems.map((p) => p.message).join('\n');
    assert.match(msgs, /truncated-export\.json: neither JSON nor JSON lines/);
    assert.match(msgs, /missing-fields\.json\[0\]: issue without user\.login/);
    assert.match(msgs, /missing-fields\.json\[1\]: no usable created_at/);
    assert.match(msgs, /missing-fields\.json\[3\]: not an object/);
    assert.ok(r.messages.some((m) => m.format === 'gitlab' && m.body === 'a gitlab note'));
    assert.ok(!r.messages.some((m) => m.body === 'changed the label'), 'system notes are skipped');
  });
});
