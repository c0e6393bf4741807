/** `npm run fuzz:elf [-- RUNS [SEED]]`: the ELF reader fuzz property with many more runs than npm test. */
import { fuzzElf } from '../test/helpers/elf-fuzz.js';
import { gccMissing } from '../test/helpers/native-fixtures.js';

const why = gccMissing();
if (why) {
  console.error(`skipped: ${why}`);
  process.exit(0);
}
const runs = Number(process.argv[2] ?? 20000);
const seed = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const t0 = Date.now();
fuzzElf(runs, seed);
console.log(`fuzz:elf ${runs} mutated libraries, no crash outside ElfFormatError (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
