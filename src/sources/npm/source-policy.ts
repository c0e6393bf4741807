/**
 * Which hosts a lockfile may make vigil fetch from. By default only the configured registries'
 * hosts (registry, scoped registries); a `resolved` URL anywhere else is reported (see the
 * npm/resolved-source rule) and fetched only when the user names its host with `--allow-host`.
 * Whatever the allow-list says, addresses that reach the machine itself or its cloud environment
 * — loopback, link-local (169.254/16, fe80::/10, where cloud metadata services live), unspecified,
 * and well-known metadata names — are never fetched from a lockfile, unless that host IS the
 * configured registry (a local mirror on 127.0.0.1).
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { VigilError } from '../../core/errors.js';
import { isInternalAddress, METADATA_NAMES } from '../net/addresses.js';
import type { HostTrust } from '../net/checked-lookup.js';

export { isInternalAddress };

export interface SourcePolicy {
  /** `host[:port]` of every configured registry. */
  registryHosts: ReadonlySet<string>;
  /** Hosts (`host` or `host:port`) the user allowed with --allow-host. */
  allowHosts: ReadonlySet<string>;
}

export type SourceIssue =
  { kind: 'plain-http'; host: string } | { kind: 'unexpected-host'; host: string } | { kind: 'internal-address'; host: string };

export function policyFor(registries: string[], allowHosts: string[] = []): SourcePolicy {
  return {
    registryHosts: new Set(registries.map((r) => new URL(r).host.toLowerCase())),
    allowHosts: new Set(allowHosts.map((h) => h.toLowerCase())),
  };
}

function hostParts(url: URL): { host: string; name: string } {
  return { host: url.host.toLowerCase(), name: url.hostname.replace(/^\[|\]$/g, '').toLowerCase() };
}

/** What a lockfile `resolved` URL does that the policy does not expect (empty: an ordinary registry URL). */
export function judgeResolved(policy: SourcePolicy, resolved: string): SourceIssue[] {
  let u: URL;
  try {
    u = new URL(resolved);
  } catch {
    return [];
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return [];
  const { host, name } = hostParts(u);
  const out: SourceIssue[] = [];
  const isRegistry = policy.registryHosts.has(host);
  if (u.protocol === 'http:' && !isRegistry) out.push({ kind: 'plain-http', host });
  if (!isRegistry) {
    if (isInternalAddress(name) || METADATA_NAMES.test(name)) out.push({ kind: 'internal-address', host });
    else out.push({ kind: 'unexpected-host', host });
  }
  return out;
}

/**
 * Throws unless `url` may be fetched: its host is a configured registry, or it was allowed with
 * --allow-host and neither names nor resolves to an internal address.
 */
export async function assertFetchable(policy: SourcePolicy, url: string, subject: string): Promise<void> {
  const u = new URL(url);
  const { host, name } = hostParts(u);
  if (policy.registryHosts.has(host)) return;
  const refuse = (why: string, hint?: string): never => {
    throw new VigilError('E_UNSUPPORTED', `not fetched: ${subject} is resolved from ${host}, ${why}`, {
      subject,
      ...(hint ? { hint } : {}),
    });
  };
  if (isInternalAddress(name) || METADATA_NAMES.test(name))
    refuse('an address of this machine or its cloud environment (never fetched from a lockfile)');
  if (!policy.allowHosts.has(host) && !policy.allowHosts.has(name)) {
    refuse('which is not a configured registry', `review the lockfile; to fetch it anyway pass --allow-host ${name}`);
  }
  if (!isIP(name)) {
    const addrs = await lookup(name, { all: true }).catch(() => []);
    if (addrs.some((a) => isInternalAddress(a.address)))
      refuse(`which resolves to an internal address (${addrs.map((a) => a.address).join(', ')})`);
  }
}

/** How far a host name is trusted when connecting: configured registries anywhere, --allow-host hosts not internal. */
export function hostTrust(policy: SourcePolicy): (hostname: string) => HostTrust {
  const names = (hosts: ReadonlySet<string>): Set<string> =>
    new Set([...hosts].map((h) => new URL(`http://${h}`).hostname.replace(/^\[|\]$/g, '')));
  const configured = names(policy.registryHosts);
  const allowed = names(policy.allowHosts);
  return (h) => (configured.has(h) ? 'configured' : allowed.has(h) ? 'allowed' : 'other');
}
