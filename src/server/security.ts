/**
 * Who may talk to the dashboard. Bound to loopback by default; any other interface needs a token
 * (generated when not given, compared in constant time). Every request's Host header must name this
 * server (a DNS-rebinding page reaches 127.0.0.1 under its own host name), a browser Origin must be
 * this server's, and state-changing requests must carry a header no cross-site form or simple
 * request can send (so a page elsewhere cannot post triage decisions: CSRF).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hostname, networkInterfaces } from 'node:os';
import { isIP } from 'node:net';

export const CSRF_HEADER = 'x-vigil-request';
export const TOKEN_COOKIE = 'vigil_token';

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export const generateToken = (): string => randomBytes(32).toString('base64url');

/** Constant-time comparison (both sides hashed first, so lengths never leak either). */
export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

const withPort = (host: string, port: number): string => `${isIP(host) === 6 ? `[${host}]` : host.toLowerCase()}:${port}`;

/** Host header values this server answers to: loopback names, the bound host, and (on a wildcard bind) this machine's names. */
export function allowedHosts(bindHost: string, port: number, extra: readonly string[] = []): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '::1', bindHost, ...extra]);
  if (bindHost === '0.0.0.0' || bindHost === '::') {
    names.add(hostname());
    for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) names.add(i.address);
  }
  return new Set([...names].map((n) => withPort(n, port)));
}

export function hostAllowed(hostHeader: string | undefined, allowed: ReadonlySet<string>): boolean {
  return hostHeader !== undefined && allowed.has(hostHeader.toLowerCase());
}

/** A browser's Origin, when present, must be this server (`http://` + an allowed Host). */
export function originAllowed(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined) return true;
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' && allowed.has(u.host.toLowerCase()) && origin === u.origin;
  } catch {
    return false;
  }
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

export function bearer(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return m ? m[1] : undefined;
}
