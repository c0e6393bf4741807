import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { discuss } from '../../src/app/discuss.js';
import { DISCUSSION_RULES } from '../../src/analyzers/discussion/rules.js';
import type { Campaign } from '../../src/analyzers/discussion/campaign.js';
import { FIX } from './helpers.js';

const facts = (r: Awaited<ReturnType<typeof discuss>>) =>
  r.facts.discussion as {
    campaigns: Campaign[];
    identities: { names: string[]; messages: number; contributedCode: boolean | null; accountAgeDays?: number }[];
    maintainers: string[];
  };
const atLeastMedium = (r: Awaited<ReturnType<typeof discuss>>) =>
  r.findings.filter((f) => ['medium', 'high', 'critical'].includes(f.severity));

describe('synthetic campaign (quill)', async () => {
  const r = await discuss([join(FIX, 'synthetic-campaign')]);
  test('one high pressure-campaign finding naming the three new identities', () => {
    const c = r.findings.filter((f) => f.rule === 'discussion/pressure-campaign');
    assert.equal(c.length, 1);
    assert.equal(c[0]!.severity, 'high');
    for (const n of ['Rahul Verma', 'Oliver Grant', 'Sven Mertens']) assert.match(c[0]!.title, new RegExp(n));
    assert.match(c[0]!.explanation, /went silent/);
    assert.match(c[0]!.explanation, /same mail client/);
  });
  test('evidence carries message ids, dates and quoted lines', () => {
    const c = r.findings.find((f) => f.rule === 'discussion/pressure-campaign')!;
    const first = c.evidence[0]!;
    assert.equal(first.kind, 'message');
    assert.equal(first.messageId, 'r1@securemail.example');
    assert.equal(first.date, '2023-02-10T11:10:00.000Z');
    assert.match(first.excerpt ?? '', /^> At this rate it will never be merged\./);
    assert.ok(
      c.evidence.some((e) => /burnout/.test(e.excerpt ?? '')),
      'the maintainer burn-out reply is quoted',
    );
    assert.ok(
      c.evidence.some((e) => /give Kai commit access/.test(e.excerpt ?? '')),
      'the endorsement is quoted',
    );
  });
  test('the newcomer endorsement and the maintainer burn-out are reported separately', () => {
    const e = r.findings.find((f) => f.rule === 'discussion/newcomer-endorsement')!;
    assert.match(e.title, /Kai Lindqvist/);
    assert.equal(e.severity, 'medium');
    const b = r.findings.find((f) => f.rule === 'discussion/maintainer-burnout')!;
    assert.equal(b.severity, 'info');
    assert.match(b.title, /Maren Holt/);
  });
  test('facts hold the campaign timeline and identities', () => {
    const f = facts(r);
    assert.equal(f.campaigns.length, 1);
    const kinds = new Set(f.campaigns[0]!.timeline.map((e) => e.kind));
    assert.deepEqual([...kinds].sort(), ['burnout', 'endorsement', 'pressure']);
    assert.ok(f.maintainers[0]!.startsWith('Maren Holt'));
    const kai = f.identities.find((i) => i.names.includes('Kai Lindqvist'))!;
    assert.equal(kai.contributedCode, true, 'patches sent to the list count as code');
  });
});

describe('healthy list', async () => {
  const r = await discuss([join(FIX, 'healthy-list')]);
  test('release requests, a ping, a NAK and a call for help are not a campaign', () => {
    assert.deepEqual(
      atLeastMedium(r).map((f) => f.title),
      [],
    );
    assert.equal(facts(r).campaigns.filter((c) => c.severity !== 'low').length, 0);
  });
  test('but it was read and analysed (not an empty pass)', () => {
    assert.equal((r.facts.discussion as { archive: { messages: number } }).archive.messages, 15);
    assert.ok(r.findings.length <= 2);
  });
});

describe('xz-devel 2022, paraphrased', async () => {
  const r = await discuss([join(FIX, 'xz-devel-2022-paraphrase')]);
  test('Jigar Kumar and Dennis Ens form a high campaign', () => {
    const c = r.findings.find((f) => f.rule === 'discussion/pressure-campaign')!;
    assert.equal(c.severity, 'high');
    assert.match(c.title, /Jigar Kumar, Dennis Ens/);
    assert.ok(c.evidence.some((e) => /mental health/.test(e.excerpt ?? '')));
    assert.ok(c.evidence.some((e) => /practically a co-maintainer/.test(e.excerpt ?? '')));
  });
  test('Jia Tan is the endorsed newcomer', () => {
    const e = r.findings.find((f) => f.rule === 'discussion/newcomer-endorsement')!;
    assert.match(e.title, /Jia Tan/);
  });
});

describe('GitHub export', async () => {
  const r = await discuss([join(FIX, 'github-export')]);
  test('young accounts with no platform role form a high campaign', () => {
    const c = r.findings.find((f) => f.rule === 'discussion/pressure-campaign')!;
    assert.equal(c.severity, 'high');
    assert.match(c.explanation, /accounts created less than 90 days earlier/);
    assert.match(c.explanation, /none of them ever contributed code/);
    assert.ok(c.evidence.every((e) => e.url?.startsWith('https://github.invalid/example/quill/issues/')));
  });
  test('account age is computed per identity', () => {
    const sven = facts(r).identities.find((i) => i.names.includes('sven-m-oss'))!;
    assert.equal(sven.accountAgeDays, 6);
  });
});

test('every rule the analyzer emits has a complete catalogue entry', async () => {
  const ids = new Set(DISCUSSION_RULES.map((x) => x.id));
  assert.equal(ids.size, 6);
  for (const rule of DISCUSSION_RULES) {
    assert.ok(rule.title && rule.meaning && rule.why && rule.suppress, rule.id);
    assert.match(rule.example, /xz-devel/);
  }
  const r = await discuss([join(FIX, 'synthetic-campaign'), join(FIX, 'healthy-list')]);
  for (const f of r.findings) assert.ok(ids.has(f.rule), f.rule);
});

test('hostile inputs give a partial result with problems', async () => {
  const r = await discuss([join(FIX, 'hostile')]);
  assert.ok(r.problems.length >= 5);
  assert.ok((r.facts.discussion as { archive: { messages: number } }).archive.messages >= 10);
  assert.equal(r.command, 'discuss');
});
