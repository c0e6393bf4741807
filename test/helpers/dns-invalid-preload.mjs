/**
 * Preload for CLI tests (NODE_OPTIONS=--import): every `.invalid` name resolves to 127.0.0.1
 * without a DNS query, so a test can follow a redirect to a named host and see the host policy
 * decide (an --allow-host host may not be internal) without touching the network.
 */
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';

const real = dns.lookup;
dns.lookup = function lookup(host, options, callback) {
  const cb = typeof options === 'function' ? options : callback;
  const o = typeof options === 'function' ? {} : typeof options === 'number' ? { family: options } : (options ?? {});
  if (!/\.invalid\.?$/i.test(String(host))) return real.call(this, host, options, callback);
  process.nextTick(() => (o.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4)));
};
syncBuiltinESMExports();
