/**
 * The kept analysis of a change set: served for the very same inputs within a day, with today's
 * suppressions applied; any other input (bytes, download URL, edges, platforms) misses; an
 * incomplete analysis is never kept.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, Inventory, InventoryComponent } from '../../src/core/types.js';
import { finalizeResult, newResult } from '../../src/core/result-builder.js';
import { readVerdict, verdictKey, writeVerdict, VERDICT_FRESH_MS, type MemoStore } from '../../src/app/guard/verdict-memo.js';
import type { PlannedChange } from '../../src/app/guard/changes.js';

const mapStore = (): MemoStore & { size: () => number } => {
  const m = new Map<string, unknown>();
  return { getAnalysis: (k) => structuredClone(m.get(k)), putAnalysis: (k, v) => void m.set(k, structuredClone(v)), size: () => m.size };
};

const comp = (name: string, integrity: string): InventoryComponent => ({
  purl: `pkg:npm/${name}@1.0.0`,
  ecosystem: 'npm',
  name,
  version: '1.0.0',
  locations: [{ file: 'package-lock.json' }],
  integrity,
  resolved: `http://127.0.0.1:9/${name}/-/${name}-1.0.0.tgz`,
  dev: false,
  optional: false,
});
const inv = (cs: InventoryComponent[]): Inventory => ({
  sources: [],
  roots: [{ id: 'root:app', name: 'app', path: '.' }],
  components: cs,
  edges: cs.map((c) => ({ from: 'root:app', to: c.purl, kind: 'prod' as const })),
  problems: [],
});
const finding: Finding = {
  rule: 'npm/install-script',
  severity: 'medium',
  confidence: 'high',
  subject: 'pkg:npm/scripted@1.0.0',
  title: 'runs a postinstall script',
  evidence: [],
  explanation: 'x',
  analyzer: { id: 'install-script', version: '1' },
} as unknown as Finding;

function analysed(cs: InventoryComponent[]) {
  const r = newResult('guard', '/p');
  r.inventory = inv(cs);
  r.findings = [structuredClone(finding)];
  r.facts = { content: Object.fromEntries(cs.map((c) => [c.purl, {}])) };
  return finalizeResult(r);
}

test('the same change set is answered from the store, with the suppressions of the day applied on reading', () => {
  const store = mapStore();
  const cs = [comp('scripted', 'sha512-AAA')];
  const changes: PlannedChange[] = cs.map((c) => ({ component: c, kind: 'new' }));
  const key = verdictKey(changes, inv(cs), { offline: false, platforms: [{ os: 'linux', cpu: 'x64' }] });
  writeVerdict(store, key, analysed(cs), 1_000);
  const plain = readVerdict(store, key, '/p', inv(cs), [], 2_000)!;
  assert.equal(plain.findings.length, 1);
  assert.equal(plain.findings[0]!.suppressed, undefined);
  assert.deepEqual(Object.keys(plain.facts['content']!), ['pkg:npm/scripted@1.0.0']);
  const allowed = readVerdict(
    store,
    key,
    '/p',
    inv(cs),
    [{ rule: 'npm/install-script', subject: 'scripted', reason: 'reviewed', source: 't' }],
    2_000,
  )!;
  assert.equal(allowed.findings[0]!.suppressed?.reason, 'reviewed');
  assert.equal(allowed.summary.suppressed, 1);
  assert.equal(readVerdict(store, key, '/p', inv(cs), [], 1_000 + VERDICT_FRESH_MS), undefined, 'a day old: analysed again');
});

test('other bytes, another download URL, other edges or platforms: another key', () => {
  const cs = [comp('scripted', 'sha512-AAA')];
  const changes: PlannedChange[] = cs.map((c) => ({ component: c, kind: 'new' }));
  const o = { offline: false, platforms: [{ os: 'linux', cpu: 'x64' }] };
  const base = verdictKey(changes, inv(cs), o);
  const other = (c: InventoryComponent) => verdictKey([{ component: c, kind: 'new' }], inv([c]), o);
  assert.notEqual(other(comp('scripted', 'sha512-BBB')), base);
  assert.notEqual(other({ ...cs[0]!, resolved: 'http://127.0.0.2:9/x.tgz' }), base);
  assert.notEqual(verdictKey(changes, { ...inv(cs), edges: [] }, o), base);
  assert.notEqual(verdictKey(changes, inv(cs), { ...o, platforms: 'all' }), base);
  assert.notEqual(verdictKey(changes, inv(cs), { ...o, offline: true }), base);
  assert.equal(verdictKey(changes, inv(cs), o), base);
});

test('an analysis with problems (a package that could not be read) is not kept', () => {
  const store = mapStore();
  const cs = [comp('flaky', 'sha512-CCC')];
  const r = analysed(cs);
  r.problems.push({ code: 'E_NETWORK', message: 'tarball download failed', subject: cs[0]!.purl });
  writeVerdict(store, 'k', r);
  assert.equal(store.size(), 0);
});

test('a kept entry of another shape (a damaged or older file) is analysed again, not half-read', () => {
  const store = mapStore();
  const cs = [comp('scripted', 'sha512-AAA')];
  const key = verdictKey(
    cs.map((c) => ({ component: c, kind: 'new' })),
    inv(cs),
    { offline: false, platforms: 'all' },
  );
  writeVerdict(store, key, analysed(cs), 1_000);
  const kept = store.getAnalysis(key) as Record<string, unknown>;
  for (const field of ['findings', 'problems', 'unavailable', 'skipped', 'content']) {
    store.putAnalysis(key, { ...kept, [field]: null });
    assert.equal(readVerdict(store, key, '/p', inv(cs), [], 2_000), undefined, field);
  }
});
