/** `node --import tsx scripts/fuzz-replay.ts TARGET FILE`: run one fuzz target on one saved input and print what it threw. */
import { readFileSync } from 'node:fs';
import { FUZZ_TARGETS } from '../test/helpers/fuzz/targets.js';

const [name, file] = process.argv.slice(2);
const t = FUZZ_TARGETS.find((x) => x.name === name);
if (!t || !file) {
  console.error(`usage: fuzz-replay.ts TARGET FILE; targets: ${FUZZ_TARGETS.map((x) => x.name).join(', ')}`);
  process.exit(2);
}
try {
  await t.run(readFileSync(file));
  console.log('contract held');
} catch (e) {
  console.log(e);
  process.exit(1);
}
