/**
 * Child of compile-once.test.ts (run with --trace-opt): scans files of one shape again and again,
 * with a full collection between files made as a content worker makes it after a large package.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { collectDuringParse, parseJs } from '../../src/analyzers/content/js-parse.js';
import { scanAst } from '../../src/analyzers/content/js-scan.js';
import { LineIndex } from '../../src/analyzers/content/text-utils.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const rounds = Number(process.argv[2] ?? 20);
for (let round = 0; round < rounds; round++) {
  // A new text each round (as files are), of the same shape.
  const text = Array.from(
    { length: 600 },
    (_, i) =>
      `const m${i} = require('./m${round}-${i}');\nm${i}.run(process.env.X${i}, 'a${i}', () => m${i}.stop(${i}));\nnew Foo${i}(y${i});`,
  ).join('\n');
  const parsed = parseJs(text);
  if (!parsed) throw new Error('fixture did not parse');
  scanAst(`f${round}.js`, text, parsed.ast, new LineIndex(text));
  collectDuringParse(gc);
}
