import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from '../../src/app/inspect.js';
import { BINARY_RULES } from '../../src/analyzers/binary/rules.js';
import { buildLib, gccMissing } from '../helpers/native-fixtures.js';
import { buildDeb, debToolsMissing } from '../helpers/deb-builder.js';

const skip = gccMissing() ?? debToolsMissing('xz');

async function inspectDeb(lib: Buffer, name: string): Promise<Awaited<ReturnType<typeof inspect>>> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-inspect-deb-'));
  try {
    const path = join(dir, `${name}_1.0-1_amd64.deb`);
    writeFileSync(path, buildDeb({ name, data: { [`usr/lib/x86_64-linux-gnu/${name}.so.1`]: lib, 'usr/share/doc/x/copyright': 'text' } }));
    return await inspect(path, { cwd: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('inspect FILE.deb: a library whose IFUNC resolver walks the link map is high, with the .deb purl as subject', { skip }, async () => {
  const r = await inspectDeb(buildLib('linkmap-v2', { strip: true }), 'liblinkmap1');
  const f = r.findings.find((x) => x.rule === BINARY_RULES.resolverLinker);
  assert.ok(f, JSON.stringify(r.findings.map((x) => x.rule)));
  assert.equal(f.severity, 'high');
  assert.equal(f.subject, 'pkg:deb/debian/liblinkmap1@1.0-1?arch=amd64');
  assert.equal(f.evidence[0]!.file, 'usr/lib/x86_64-linux-gnu/liblinkmap1.so.1');
  assert.equal(r.inventory.components[0]!.ecosystem, 'deb');
  const facts = (r.facts.binary as Record<string, { files: { path: string }[] }>)[f.subject]!;
  assert.deepEqual(
    facts.files.map((x) => x.path),
    ['usr/lib/x86_64-linux-gnu/liblinkmap1.so.1'],
  );
});

test('inspect FILE.deb: benign CPU dispatch gives nothing above info (and no "ships an executable" noise)', { skip }, async () => {
  const r = await inspectDeb(buildLib('cpu-dispatch-v2', { strip: true }), 'libcpu1');
  assert.deepEqual(
    r.findings.filter((x) => x.severity !== 'info').map((x) => `${x.rule} ${x.title}`),
    [],
  );
  assert.ok(r.facts.binary, 'binary facts are recorded');
});
