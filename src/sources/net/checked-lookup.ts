/**
 * DNS for outgoing connections, resolved once: the addresses are checked and the connection is
 * made to exactly those addresses (net.connect's `lookup` hook), so a name cannot pass the check
 * and then re-resolve to another address ("DNS rebinding"). Hosts from the user's configuration
 * may be anywhere (a registry on 127.0.0.1 or 10.x is the user's choice); hosts allowed with
 * --allow-host may not be internal; any other host may be neither internal nor private.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isInternalAddress, isPrivateAddress } from './addresses.js';

export type HostTrust = 'configured' | 'allowed' | 'other';

type Callback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type LookupFunction = (hostname: string, options: LookupOptions, callback: Callback) => void;

export function checkedLookup(trust: (hostname: string) => HostTrust, resolve: typeof dnsLookup = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addrs: LookupAddress[]) => {
      if (err) return callback(err, []);
      const t = trust(hostname.toLowerCase());
      const refused =
        t === 'configured' ? [] : addrs.filter((a) => isInternalAddress(a.address) || (t === 'other' && isPrivateAddress(a.address)));
      if (refused.length > 0 || addrs.length === 0) {
        const e: NodeJS.ErrnoException = new Error(
          `${hostname} resolves to ${refused.map((a) => a.address).join(', ') || 'no address'}: an internal or private address, not connected`,
        );
        e.code = 'EVIGILREFUSED';
        return callback(e, []);
      }
      if (options.all) callback(null, addrs);
      else callback(null, addrs[0]!.address, addrs[0]!.family);
    });
  };
}
