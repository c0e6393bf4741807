/** LineIndex: offset → line and excerpts, on texts of one line to hundreds of thousands (its offsets grow many times over). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../src/analyzers/content/text-utils.js';

test('every offset maps to its line, on a text of 300,000 lines of varying length', () => {
  const lines = Array.from({ length: 300_000 }, (_, i) => `line ${i} ${'x'.repeat(i % 13)}`);
  const text = lines.join('\n');
  const index = new LineIndex(text);
  assert.equal(index.lineCount, lines.length);
  let at = 0;
  for (let i = 0; i < lines.length; i++) {
    if (i % 1009 === 0 || i < 40 || i > lines.length - 40) {
      assert.equal(index.line(at), i + 1, `start of line ${i + 1}`);
      assert.equal(index.line(at + lines[i]!.length), i + 1, `its newline`);
      assert.equal(index.excerpt(at), lines[i]!.trim());
    }
    at += lines[i]!.length + 1;
  }
  // A line's length counts its newline (the last line has none).
  assert.equal(
    index.maxLineLength(),
    lines.reduce((m, l, i) => Math.max(m, l.length + (i < lines.length - 1 ? 1 : 0)), 0),
  );
});

test('a text without a newline is one line; an empty text too', () => {
  assert.equal(new LineIndex('abc').lineCount, 1);
  assert.equal(new LineIndex('abc').line(2), 1);
  assert.equal(new LineIndex('').lineCount, 1);
  assert.equal(new LineIndex('\n\n').line(2), 3);
});
