/**
 * vigil finds its own files from one place, whichever file the running code was loaded from (src/
 * under tsx, dist/ when built, or a chunk of the bundled CLI in dist/bundle/): data folders and
 * worker scripts resolve to files that exist, and nothing else locates files from its own URL.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_ROOT, dataPath, FROM_SOURCE, moduleUrl, PACKAGE_ROOT } from '../../src/core/package-root.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

test('from source: the package root, src/ as code root, data folders and the worker scripts exist', () => {
  assert.equal(PACKAGE_ROOT, ROOT);
  assert.equal((JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string }).name, 'vigil-supplychain');
  assert.equal(FROM_SOURCE, true);
  assert.equal(CODE_ROOT, join(ROOT, 'src'));
  for (const d of ['advisories', 'm4-catalogue', 'binary-signatures', 'discussion-lexicon.json']) assert.ok(existsSync(dataPath(d)), d);
  for (const m of ['analyzers/content/pool-worker', 'store/postgres/sync-worker']) {
    const f = fileURLToPath(moduleUrl(m));
    assert.ok(f.endsWith('.ts') && existsSync(f), f);
  }
});

test('built and bundled: every copy of the code resolves dist/ as code root and .js worker scripts', () => {
  const script = (url: string) =>
    `import(${JSON.stringify(url)}).then((m) => { const p = m.CODE_ROOT === undefined ? Object.values(m).find((x) => x && typeof x === 'object' && 'CODE_ROOT' in x) : m; console.log(JSON.stringify({ root: p.PACKAGE_ROOT, code: p.CODE_ROOT, worker: p.moduleUrl('analyzers/content/pool-worker').href })); })`;
  const dist = join(ROOT, 'dist', 'core', 'package-root.js');
  assert.ok(existsSync(dist), 'npm run build has run');
  const out = JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script(`file://${dist}`)], { encoding: 'utf8' }),
  ) as Record<string, string>;
  assert.equal(out.root, ROOT);
  assert.equal(out.code, join(ROOT, 'dist'));
  assert.ok(existsSync(fileURLToPath(out.worker!)) && out.worker!.endsWith('/dist/analyzers/content/pool-worker.js'));
  // The bundle holds the same code in chunks of dist/bundle/: nothing in it locates a file from the chunk's own URL
  // (createRequire only resolves packages, which works from any folder of vigil's).
  const chunks = readdirSync(join(ROOT, 'dist', 'bundle')).filter((f) => f.endsWith('.js'));
  const uses = chunks.flatMap((f) => readFileSync(join(ROOT, 'dist', 'bundle', f), 'utf8').match(/.{0,40}import\.meta\.url.{0,2}/g) ?? []);
  const own = uses.filter((u) => !/([cC]reate[rR]equire\d*|__vigilRequire)\(import\.meta\.url\)/.test(u));
  assert.deepEqual(own, ['var here = fileURLToPath(import.meta.url);'], 'only package-root reads its own URL');
});

test('in src/, only package-root.ts locates files from its own URL', () => {
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts') && !p.endsWith('core/package-root.ts')) {
        for (const line of readFileSync(p, 'utf8').split('\n'))
          if (/import\.meta\.(url|dirname|filename)/.test(line) && !/createRequire\(import\.meta\.url\)/.test(line))
            offenders.push(`${p}: ${line.trim()}`);
      }
    }
  };
  walk(join(ROOT, 'src'));
  assert.deepEqual(offenders, [], 'use src/core/package-root.ts (the bundled CLI holds many modules in one file)');
});
