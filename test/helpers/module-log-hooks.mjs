// Loader hooks of module-log.mjs.
import { appendFileSync } from 'node:fs';

export async function load(url, context, next) {
  if (process.env.VIGIL_TEST_MODULE_LOG) appendFileSync(process.env.VIGIL_TEST_MODULE_LOG, `${url}\n`);
  return next(url, context);
}
