// Preloaded with `node --import` (the main thread; on Node 20 worker threads do not run it):
// records the URL of every module loaded, one per line, in $VIGIL_TEST_MODULE_LOG.
import { register } from 'node:module';

register('./module-log-hooks.mjs', import.meta.url);
