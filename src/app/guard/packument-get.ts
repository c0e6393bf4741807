/**
 * Fresh packuments for guard's own planning, fetched the way npm's installer asks for them (the
 * abbreviated "corgi" document, credentials matched by registry prefix). Deliberately small —
 * node:http(s), no proxy — so a guarded install does not load vigil's full registry
 * client: configurations that need more are planned by npm itself (the caller checks).
 * Any failure is a ResolveGap: npm then plans, and reports the failure in its own words.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { createGunzip } from 'node:zlib';
import { ResolveGap, type PlanPackument } from './npm-resolve.js';

const CORGI = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*';
const MAX_BYTES = 256 << 20;
const TIMEOUT_MS = 60_000;

export function packumentUrl(registry: string, name: string): string {
  return `${registry}${name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name)}`;
}

/** `ca`: the configured certificate authorities (npm's `ca`/`cafile`), for https registries. */
export async function getPackumentJson(url: string, authorization: string | undefined, ca?: string): Promise<PlanPackument> {
  const u = new URL(url);
  // node:https (and TLS) is loaded only for an https registry.
  const request = u.protocol === 'https:' ? (await import('node:https')).request : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      u,
      {
        headers: { accept: CORGI, 'accept-encoding': 'gzip', ...(authorization ? { authorization } : {}) },
        timeout: TIMEOUT_MS,
        ...(ca && u.protocol === 'https:' ? { ca } : {}),
      },
      (res: IncomingMessage) => {
        if (res.statusCode !== 200) {
          res.resume();
          return reject(new ResolveGap(`the registry answered ${res.statusCode} for ${u.pathname}`));
        }
        const body = res.headers['content-encoding'] === 'gzip' ? res.pipe(createGunzip()) : res;
        const chunks: Buffer[] = [];
        let size = 0;
        body.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BYTES) {
            req.destroy();
            reject(new ResolveGap(`the packument at ${u.pathname} is larger than ${MAX_BYTES} bytes`));
          } else chunks.push(c);
        });
        body.on('error', (e) => reject(new ResolveGap(`reading ${u.pathname}: ${e.message}`)));
        body.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as PlanPackument);
          } catch (e) {
            reject(new ResolveGap(`the packument at ${u.pathname} is not JSON: ${(e as Error).message}`));
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (e) => reject(new ResolveGap(`fetching ${u.pathname}: ${e.message}`)));
    req.end();
  });
}
