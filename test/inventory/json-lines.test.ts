import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonSyntaxError, scanJson } from '../../src/inventory/json-lines.js';
import { parseJsonInput } from '../../src/inventory/json-input.js';
import { isVigilError } from '../../src/core/errors.js';

test('records the line of nested keys and array elements', () => {
  const text = '{\n  "a": {\n    "b\\"q": 1,\n    "c": [\n      {"d": true},\n      null\n    ]\n  }\n}\n';
  const l = scanJson(text);
  assert.equal(l.lineOf(['a']), 2);
  assert.equal(l.lineOf(['a', 'b"q']), 3);
  assert.equal(l.lineOf(['a', 'c', 0]), 5);
  assert.equal(l.lineOf(['a', 'c', 0, 'd']), 5);
  assert.equal(l.lineOf(['a', 'c', 1]), 6);
  assert.equal(l.lineOf(['zzz']), undefined);
});

test('reports duplicate keys with their line', () => {
  const l = scanJson('{\n "x": 1,\n "x": 2\n}');
  assert.deepEqual(l.duplicates, [{ path: ['x'], line: 3 }]);
});

test('locates syntax errors by line', () => {
  assert.throws(
    () => scanJson('{\n "a": 1,\n "b": tru\n}'),
    (e: unknown) => e instanceof JsonSyntaxError && e.line === 3,
  );
  assert.throws(
    () => scanJson('{\n "a": [1,\n'),
    (e: unknown) => e instanceof JsonSyntaxError && /truncated/.test(e.message),
  );
  assert.throws(
    () => scanJson('{} x'),
    (e: unknown) => e instanceof JsonSyntaxError && /after the end/.test(e.message),
  );
});

test('deep nesting is an error, not a stack overflow', () => {
  assert.throws(
    () => scanJson('['.repeat(100000)),
    (e: unknown) => e instanceof JsonSyntaxError && /too deep/.test(e.message),
  );
});

test('parseJsonInput turns JSON.parse failures into a coded error with a line', () => {
  assert.throws(
    () => parseJsonInput('{\n  "a": 1\n  "b": 2\n}', 'x.json', 'E_LOCKFILE_PARSE', 'x.json'),
    (e: unknown) => isVigilError(e, 'E_LOCKFILE_PARSE') && e.line === 3 && e.file === 'x.json',
  );
});

test('only the paths asked for are remembered; duplicates are found at every depth', () => {
  const text = [
    '{',
    '  "lockfileVersion": 3,',
    '  "packages": {',
    '    "node_modules/a": {',
    '      "version": "1.0.0",',
    '      "version": "1.0.1"',
    '    }',
    '  },',
    '  "dependencies": {',
    '    "a": { "dependencies": { "b": {} } }',
    '  }',
    '}',
  ].join('\n');
  const l = scanJson(text, { maxPathLength: 2, deepUnder: ['dependencies'] });
  assert.equal(l.lineOf(['lockfileVersion']), 2);
  assert.equal(l.lineOf(['packages', 'node_modules/a']), 4);
  assert.equal(l.lineOf(['packages', 'node_modules/a', 'version']), undefined, 'deeper than asked: not kept');
  assert.equal(l.lineOf(['dependencies', 'a', 'dependencies', 'b']), 10, 'kept at any depth under dependencies');
  assert.deepEqual(l.duplicates, [{ path: ['packages', 'node_modules/a', 'version'], line: 6 }]);
  assert.equal(scanJson(text).lineOf(['packages', 'node_modules/a', 'version']), 5, 'default: every path');
});
