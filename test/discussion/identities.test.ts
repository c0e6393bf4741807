import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildIdentities, nameKey } from '../../src/analyzers/discussion/identities.js';
import type { DiscussionMessage } from '../../src/sources/discussions/types.js';

const m = (id: string, name: string, address: string, date: string, extra: Partial<DiscussionMessage> = {}): DiscussionMessage => ({
  id,
  from: { name, address },
  date,
  subject: 's',
  references: [],
  body: '',
  source: { file: 'f' },
  format: 'mbox',
  threadKey: id,
  ...extra,
});

test('addresses and display names merge into one person; list suffixes and accents are ignored', () => {
  const msgs = [
    m('1', 'Jürgen Müller', 'jm@work.example', '2020-01-01T00:00:00Z'),
    m('2', 'Jurgen Muller via dev-list', 'jm@home.example', '2021-01-01T00:00:00Z'),
    m('3', 'J. Müller', 'jm@home.example', '2022-01-01T00:00:00Z'),
    m('4', 'John', 'john@a.example', '2022-01-01T00:00:00Z'),
    m('5', 'John', 'john@b.example', '2022-01-01T00:00:00Z'),
  ];
  const { identities, byMessage } = buildIdentities(msgs, new Map());
  assert.equal(byMessage.get('1'), byMessage.get('2'));
  assert.equal(byMessage.get('2'), byMessage.get('3'));
  assert.notEqual(byMessage.get('4'), byMessage.get('5'), 'a short common first name alone does not merge people');
  const jm = identities.get(byMessage.get('1')!)!;
  assert.equal(jm.messages, 3);
  assert.equal(jm.threads, 3);
  assert.deepEqual(jm.domains.sort(), ['home.example', 'work.example']);
  assert.equal(jm.firstMessage, '2020-01-01T00:00:00Z');
  assert.equal(jm.lastMessage, '2022-01-01T00:00:00Z');
  assert.equal(nameKey('root'), undefined);
});

test('code contributions: repository match, platform role, patches sent; account age', () => {
  const msgs = [
    m('a', 'Ann Coder', 'ann@x.example', '2022-01-01T00:00:00Z'),
    m('b', 'bob', 'github:bob', '2022-03-01T00:00:00Z', { from: { name: 'bob', address: 'github:bob', association: 'CONTRIBUTOR' } }),
    m('c', 'carl', 'github:carl', '2022-03-01T00:00:00Z', {
      from: { name: 'carl', address: 'github:carl', association: 'NONE', accountCreatedAt: '2022-02-20T00:00:00.000Z' },
    }),
    m('d', 'Dee Patcher', 'dee@x.example', '2022-01-01T00:00:00Z'),
  ];
  const repo = {
    repo: '/r',
    contributors: [{ names: ['Ann Coder'], email: 'ann@other.example', commits: 12, committed: 0, tags: [] }],
    truncated: false,
  };
  const { identities, byMessage } = buildIdentities(msgs, new Map([['d', 1]]), repo);
  const get = (id: string) => identities.get(byMessage.get(id)!)!;
  assert.equal(get('a').contributedCode, true);
  assert.match(get('a').codeEvidence ?? '', /12 commit\(s\)/);
  assert.equal(get('b').contributedCode, true);
  assert.equal(get('c').contributedCode, false);
  assert.equal(get('c').accountAgeDays, 9);
  assert.equal(get('d').contributedCode, true);
  assert.match(get('d').codeEvidence ?? '', /patch/);
});
