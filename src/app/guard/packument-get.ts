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
import { CORGI_ACCEPT } from './npm-cache.js';

const MAX_BYTES = 256 << 20;
const TIMEOUT_MS = 60_000;

export function packumentUrl(registry: string, name: string): string {
  return `${registry}${name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name)}`;
}

export function parsePackument(body: Buffer, url: string): PlanPackument {
  try {
    return JSON.parse(body.toString('utf8')) as PlanPackument;
  } catch (e) {
    throw new ResolveGap(`the packument at ${new URL(url).pathname} is not JSON: ${(e as Error).message}`);
  }
}

/**
 * The decoded body; `accept` as npm sends it (the abbreviated document unless told otherwise);
 * `ca`: the configured certificate authorities (npm's `ca`/`cafile`), for https registries.
 */
export async function getPackumentBody(
  url: string,
  authorization: string | undefined,
  ca?: string,
  accept = CORGI_ACCEPT,
): Promise<Buffer> {
  const u = new URL(url);
  // node:https (and TLS) is loaded only for an https registry.
  const request = u.protocol === 'https:' ? (await import('node:https')).request : httpRequest;
  return new Promise<Buffer>((resolve, reject) => {
    const req = request(
      u,
      {
        headers: { accept, 'accept-encoding': 'gzip', ...(authorization ? { authorization } : {}) },
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
        body.on('end', () => resolve(Buffer.concat(chunks)));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (e) => reject(new ResolveGap(`fetching ${u.pathname}: ${e.message}`)));
    req.end();
  });
}
