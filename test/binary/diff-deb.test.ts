import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { diffDeb } from '../../src/app/diff-deb.js';
import { readResultFacts } from '../../src/core/facts.js';
import { BINARY_RULES } from '../../src/analyzers/binary/rules.js';
import { BINARY_DELTA_FACTS } from '../../src/analyzers/binary/delta-text.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { buildLib, gccMissing } from '../helpers/native-fixtures.js';
import { buildDeb, debToolsMissing } from '../helpers/deb-builder.js';

const skip = gccMissing() ?? debToolsMissing('xz');

const CHANGELOG = `libexample (1.1-1) unstable; urgency=medium

  * New upstream release: faster sums.

 -- Example Maintainer <maint@example.invalid>  Mon, 01 Apr 2024 10:00:00 +0000

libexample (1.0-1) unstable; urgency=medium

  * Initial release.

 -- Example Maintainer <maint@example.invalid>  Mon, 01 Jan 2024 10:00:00 +0000
`;

async function pair(v1: string, v2: string): Promise<Awaited<ReturnType<typeof diffDeb>>> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-diff-deb-'));
  try {
    const lib = 'usr/lib/x86_64-linux-gnu/libexample.so.1';
    writeFileSync(join(dir, 'old.deb'), buildDeb({ version: '1.0-1', data: { [lib]: buildLib(v1, { strip: true }) } }));
    writeFileSync(
      join(dir, 'new.deb'),
      buildDeb({
        version: '1.1-1',
        data: { [lib]: buildLib(v2, { strip: true }), 'usr/share/doc/libexample1/changelog.Debian.gz': gzipSync(CHANGELOG) },
      }),
    );
    return await diffDeb(['deb:libexample1', 'old.deb', 'new.deb'], { cwd: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('diff of two local .debs: a new IFUNC resolver walking the link map is high, beside the changelog delta', { skip }, async () => {
  const r = await pair('linkmap-v1', 'linkmap-v2');
  const rules = r.findings.map((f) => `${f.rule}:${f.severity}`).sort();
  assert.deepEqual(
    rules,
    [`${BINARY_RULES.resolverLinker}:high`, `${BINARY_RULES.newIfunc}:high`, `${BINARY_RULES.newImports}:high`].sort(),
  );
  const view = readResultFacts(r, BINARY_DELTA_FACTS)!;
  assert.equal(view.delta.pairs.length, 1);
  assert.deepEqual(view.delta.pairs[0]!.ifuncs, { before: 0, after: 1, added: ['resolver@unnamed'] });
  assert.ok(view.delta.pairs[0]!.riskyImportsAdded.some((x) => x.symbol === 'dl_iterate_phdr' && x.class === 'linker'));
  assert.deepEqual(
    view.source.entries.map((e) => e.lines),
    [['* New upstream release: faster sums.']],
  );
  const text = renderTerminal(r);
  assert.match(text, /Binary delta/);
  assert.match(text, /IFUNC 0 → 1/);
  assert.match(text, /Source delta \(Debian changelog\)/);
  assert.match(text, /faster sums/);
});

test('diff of benign CPU-dispatch versions: the new IFUNC is recorded at info, nothing above', { skip }, async () => {
  const r = await pair('cpu-dispatch-v1', 'cpu-dispatch-v2');
  assert.deepEqual(
    r.findings.filter((f) => f.severity !== 'info').map((f) => f.rule),
    [],
  );
  assert.ok(r.findings.some((f) => f.rule === BINARY_RULES.newIfunc && f.severity === 'info'));
});

test('diff of the same binary: no findings, zero delta', { skip }, async () => {
  const r = await pair('gotpatch-v1', 'gotpatch-v1');
  assert.deepEqual(r.findings, []);
  const p = readResultFacts(r, BINARY_DELTA_FACTS)!.delta.pairs[0]!;
  assert.equal(p.textBytes.before, p.textBytes.after);
});

test('diff with a version and no archive configured: usage/config error, not a crash', { skip }, async () => {
  await assert.rejects(diffDeb(['deb:libexample1', '1.0-1', '1.1-1'], { cwd: tmpdir(), aptRoot: '/nonexistent-root' }), /store|archive/);
});
