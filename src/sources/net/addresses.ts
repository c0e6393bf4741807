/**
 * Address classes vigil treats as off-limits for hosts it did not get from the user's own
 * configuration: "internal" (this machine and its cloud environment: loopback, unspecified,
 * link-local where metadata services live, well-known metadata names) and "private" (RFC 1918,
 * unique-local IPv6, carrier-grade NAT: the user's own network).
 */
import { isIP } from 'node:net';

export const METADATA_NAMES =
  /^(?:localhost|localhost\.localdomain|metadata|metadata\.google\.internal|metadata\.goog|instance-data|instance-data\.ec2\.internal)\.?$|\.localhost\.?$|\.internal\.?$/i;

/** `a.b.c.d` of an IPv4 address, also when written IPv4-mapped in IPv6 (`::ffff:7f00:1`). */
function ipv4Of(ip: string): number[] | undefined {
  if (isIP(ip) === 4) return ip.split('.').map(Number);
  const x = ip.toLowerCase();
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(x);
  if (dotted) return dotted[1]!.split('.').map(Number);
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(x);
  if (!hex) return undefined;
  const hi = parseInt(hex[1]!, 16);
  const lo = parseInt(hex[2]!, 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255];
}

/** True for IP literals that reach this machine or its cloud environment. */
export function isInternalAddress(ip: string): boolean {
  const v4 = ipv4Of(ip);
  if (v4) {
    const [a, b] = v4 as [number, number];
    return a === 127 || a === 0 || (a === 169 && b === 254) || (a === 100 && b === 100);
  }
  if (isIP(ip) !== 6) return false;
  const x = ip.toLowerCase();
  return x === '::1' || x === '::' || /^fe[89ab]/.test(x) || x.startsWith('fd00:ec2:');
}

/** True for private-network IP literals (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7). */
export function isPrivateAddress(ip: string): boolean {
  const v4 = ipv4Of(ip);
  if (v4) {
    const [a, b] = v4 as [number, number];
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  return isIP(ip) === 6 && /^f[cd]/i.test(ip);
}

/** A URL host name without IPv6 brackets, lower-cased. */
export const bareHostname = (u: URL): string => u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
