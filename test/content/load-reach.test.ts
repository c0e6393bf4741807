/**
 * Load reach: a persistence write counts as something install (or import) does only when its
 * function runs while the entry's code loads. Ordinary tools that can write ~/.bashrc or an
 * .npmrc in some command (nx copying .npmrc into a temp folder, @angular/cli's completion setup)
 * drop to medium; every way a hook can get the write to run keeps it high.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeContent } from '../../src/analyzers/content/index.js';
import { callerAt, LoadReach } from '../../src/analyzers/content/behaviour/load-reach.js';
import { parseJs } from '../../src/analyzers/content/js-parse.js';
import { filesOf } from './helpers.js';

const WRITE = `fs.appendFileSync(path.join(os.homedir(), '.bashrc'), 'source <(tool completion)\\n')`;
const HEAD = `const fs = require('fs');\nconst path = require('path');\nconst os = require('os');\n`;

/** Modules the install script loads, so that it is not dedicated install code (more than 12 files). */
const filler = (n = 14): Record<string, string> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`lib/util${i}.js`, `exports.u${i} = (x) => x + ${i};\n`]));
const requireFiller = (n = 14): string => Array.from({ length: n }, (_, i) => `require('./lib/util${i}');`).join('\n') + '\n';

/** A package whose postinstall runs install.js, which loads lib/shell.js (the write) and the filler. */
const installPackage = (installJs: string, shellJs: string, extra: Record<string, string> = {}) => ({
  'package.json': JSON.stringify({ name: 'tool', version: '1.0.0', scripts: { postinstall: 'node install.js' } }),
  'install.js': requireFiller() + installJs,
  'lib/shell.js': HEAD + shellJs,
  ...filler(),
  ...extra,
});

const persistence = async (files: Record<string, string>) =>
  (await analyzeContent(filesOf(files), 'tool')).findings
    .filter((f) => f.rule === 'content/persistence')
    .map((f) => `${f.severity}: ${f.title}`);

test('a write in an exported function the install code never calls is medium, says which function, and asks for a review', async () => {
  const files = installPackage(
    `const shell = require('./lib/shell');\nconsole.log(shell.version);\n`,
    `function setupCompletion() {\n  ${WRITE};\n}\nexports.setupCompletion = setupCompletion;\nexports.version = '1';\n`,
  );
  const got = await persistence(files);
  assert.equal(got.length, 1);
  assert.match(got[0]!, /^medium: writes to .*\.bashrc.* only in setupCompletion\(\), which nothing run at install calls/);
  const finding = (await analyzeContent(filesOf(files), 'tool')).findings.find((f) => f.rule === 'content/persistence')!;
  assert.doesNotMatch(finding.remediation ?? '', /Do not install/);
  assert.match(finding.remediation ?? '', /Review when this write runs/);
});

test('every way install code can run the function keeps the write high', async () => {
  const shell = `function setupCompletion() {\n  ${WRITE};\n}\nexports.setupCompletion = setupCompletion;\n`;
  const cases: Record<string, Record<string, string>> = {
    'called at the top level': installPackage(`require('./lib/shell').setupCompletion();\n`, shell),
    'called in an async IIFE': installPackage(
      `const s = require('./lib/shell');\n(async () => { await s.setupCompletion(); })();\n`,
      shell,
    ),
    'TypeScript call shape': installPackage(`const shell_1 = require('./lib/shell');\n(0, shell_1.setupCompletion)();\n`, shell),
    'passed as a callback': installPackage(`const s = require('./lib/shell');\nsetTimeout(s.setupCompletion, 10);\n`, shell),
    'called by a function that runs': installPackage(
      `const s = require('./lib/shell');\nfunction main() { helper(); }\nfunction helper() { s.setupCompletion(); }\nmain();\n`,
      shell,
    ),
    'renamed on export': installPackage(
      `require('./lib/shell').init();\n`,
      `function setupCompletion() {\n  ${WRITE};\n}\nexports.init = setupCompletion;\n`,
    ),
    'the module is the function': installPackage(`require('./lib/shell')();\n`, `module.exports = function () {\n  ${WRITE};\n};\n`),
    'a method of an object handed to a call': installPackage(
      `require('./lib/shell');\n`,
      `const registry = require('./util0');\nregistry.u0({ run() {\n  ${WRITE};\n} });\n`,
      { 'lib/util0.js': `exports.u0 = (cmd) => cmd.run();\n` },
    ),
    'through a second module': installPackage(
      `require('./lib/a').start();\n`,
      `function setupCompletion() {\n  ${WRITE};\n}\nexports.setupCompletion = setupCompletion;\n`,
      { 'lib/a.js': `const shell_1 = require('./shell');\nfunction start() { shell_1.setupCompletion(); }\nexports.start = start;\n` },
    ),
    'destructured under another name': installPackage(`const { setupCompletion: go } = require('./lib/shell');\ngo();\n`, shell),
    'every export called by iteration': installPackage(`Object.values(require('./lib/shell')).forEach((f) => f());\n`, shell),
    'a computed key on the module object': installPackage(`const s = require('./lib/shell');\nfor (const k in s) s[k]();\n`, shell),
    'the module object passed on': installPackage(`const s = require('./lib/shell');\nrequire('./lib/util1').u1(s);\n`, shell),
    'rest of a destructuring': installPackage(`const { ...all } = require('./lib/shell');\nall.setupCompletion();\n`, shell),
    'a class built at load': installPackage(
      `const { Setup } = require('./lib/shell');\nnew Setup();\n`,
      `class Setup {\n  constructor() {\n    ${WRITE};\n  }\n}\nexports.Setup = Setup;\n`,
    ),
  };
  for (const [name, files] of Object.entries(cases)) {
    const got = await persistence(files);
    assert.ok(got.length > 0 && got.every((g) => g.startsWith('high: ')), `${name}: ${JSON.stringify(got)}`);
  }
});

test('ES modules: an import under another name still reaches the write', async () => {
  const files = {
    'package.json': JSON.stringify({ name: 'tool', version: '1.0.0', type: 'module', scripts: { postinstall: 'node install.mjs' } }),
    'install.mjs':
      Array.from({ length: 14 }, (_, i) => `import './lib/util${i}.mjs';`).join('\n') +
      `\nimport { setupCompletion as s } from './lib/shell.mjs';\ns();\n`,
    'lib/shell.mjs': `import fs from 'fs';\nimport path from 'path';\nimport os from 'os';\nexport function setupCompletion() {\n  ${WRITE};\n}\n`,
    ...Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`lib/util${i}.mjs`, `export const u${i} = ${i};\n`])),
  };
  const got = await persistence(files);
  assert.ok(got.length > 0 && got.every((g) => g.startsWith('high: ')), JSON.stringify(got));
  const idle = { ...files, 'install.mjs': files['install.mjs'].replace('\ns();\n', '\nconsole.log(typeof s);\n') };
  // `typeof s` reads the binding: passed on, it could be called; the safe side is to count it.
  assert.ok((await persistence(idle)).every((g) => g.startsWith('high: ')));
  // Loaded for its other exports only: the write is something the package can do, not what its install does.
  const ns = {
    ...files,
    'install.mjs': files['install.mjs'].replace(
      /\nimport \{ setupCompletion as s \}.*\ns\(\);\n/,
      "\nimport * as shell from './lib/shell.mjs';\nObject.values(shell)[0]();\n",
    ),
  };
  assert.ok(
    (await persistence(ns)).every((g) => g.startsWith('high: ')),
    'a namespace object indexed',
  );
  const unused = {
    ...files,
    'install.mjs': files['install.mjs'].replace(/\nimport \{ setupCompletion as s \}.*\ns\(\);\n/, "\nimport './lib/shell.mjs';\n"),
  };
  assert.deepEqual(
    (await persistence(unused)).map((g) => g.split(':')[0]),
    ['medium'],
  );
});

test('dedicated install code (a few files) keeps the write high even in a function nothing calls', async () => {
  const files = {
    'package.json': JSON.stringify({ name: 'tool', version: '1.0.0', scripts: { postinstall: 'node install.js' } }),
    'install.js': HEAD + `function later() {\n  ${WRITE};\n}\nmodule.exports.later = later;\n`,
  };
  assert.deepEqual(
    (await persistence(files)).map((g) => g.split(':')[0]),
    ['high'],
  );
});

test('run time: a command of the package (bin) writing ~/.bashrc is medium; an import that writes it is high', async () => {
  const completion = `${HEAD}function install() {\n  ${WRITE};\n}\nexports.install = install;\n`;
  const pkg = (indexJs: string) => ({
    'package.json': JSON.stringify({ name: 'tool', version: '1.0.0', main: 'index.js', bin: { tool: 'cli.js' } }),
    'index.js': `const completion = require('./completion');\n${indexJs}module.exports = { completion };\n`,
    'cli.js': `const completion = require('./completion');\nif (process.argv[2] === 'completion') completion.install();\n`,
    'completion.js': completion,
  });
  const cli = await persistence(pkg(''));
  assert.equal(cli.length, 1);
  assert.match(cli[0]!, /^medium: .* when its command runs \(bin\.tool\), not when the package is imported/);
  assert.deepEqual(
    (await persistence(pkg('completion.install();\n'))).map((g) => g.split(':')[0]),
    ['high'],
  );
});

test('callerAt names the function a position sits in by its binding; top-level code and callbacks have none', () => {
  const src = [
    'function a() { X; }',
    'const b = () => { X; };',
    'obj.c = function () { X; };',
    'class D { m() { X; } }',
    'setTimeout(() => { X; });',
    'X;',
    'register({ e() { X; } });',
    'exports.f = function () { [1].map(() => { X; }); };',
  ].join('\n');
  const ast = parseJs(src)!.ast;
  const at = [...src.matchAll(/X/g)].map((m) => callerAt(ast, m.index!));
  assert.deepEqual(at, ['a', 'b', 'c', 'm', undefined, undefined, undefined, 'f']);
});

test('LoadReach: a comment naming the function is no use; a string is (obj[name]()); a file it cannot parse counts as running', () => {
  const files: Record<string, string> = {
    'a.js': `function w() {}\nexports.w = w;\n`,
    'b.js': `// w() is called by the CLI, a.w() too\nconst a = require('./a');\nconsole.log(a.ww, 'ww');\n`,
  };
  const runs = () => new LoadReach(Object.keys(files), (f) => files[f]).runs('w', 'a.js');
  assert.equal(runs(), false);
  files['b.js'] += `a[['w'][0]]();\n`;
  assert.equal(runs(), true);
  files['b.js'] = `const a = require('./a');\n`;
  assert.equal(runs(), false);
  files['c.js'] = `const a = require('./a');\na.w(;\n`;
  assert.equal(runs(), true);
});

test('LoadReach on hostile sizes: a 50,000-statement module is searched by position; a name named 5,000 times counts as running', () => {
  const body = Array.from({ length: 50_000 }, (_, i) => `f${i}();`).join('\n');
  const files: Record<string, string> = { 'a.js': `function w() {}\nexports.w = w;\n`, 'b.js': `const a = require('./a');\n${body}\n` };
  const runs = () => new LoadReach(Object.keys(files), (f) => files[f]).runs('w', 'a.js');
  assert.equal(runs(), false);
  files['b.js'] += 'a.w();\n';
  assert.equal(runs(), true, 'the use after 50,000 statements is found');
  // Past LOAD_REACH_LIMITS.usesPerFile places (here comments, no use at all), the answer is the safe one.
  files['b.js'] = `const a = require('./a');\n${'// w\n'.repeat(5_000)}`;
  assert.equal(runs(), true);
});
