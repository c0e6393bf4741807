/**
 * Child process for the store contract: writer W fills the same 40 packument rows and 40 analysis
 * rows as its siblings, and saves the same job's scan, all interleaved with them. Prints "done".
 */
import { openStore } from '../../src/store/open.js';
import { newResult } from '../../src/core/result-builder.js';

const [loc, w] = process.argv.slice(2);
if (!loc || !w) throw new Error('usage: contract-writer LOCATION WRITER');
const store = openStore({ path: loc });
for (let i = 0; i < 40; i++) {
  store.putCache('packument', `p${i}`, { body: Buffer.from(`w${w}:p${i}`), fetchedAt: new Date().toISOString(), etag: `"${w}"` });
  store.putAnalysis(`facts|x|sha512-${i}`, { i, w });
  if (i === 20) store.saveScan(newResult('scan', '/fleet/app', 'app'), { jobKey: 'scan:/fleet/app' });
}
store.close();
process.stdout.write('done\n');
