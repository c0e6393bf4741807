/** In-memory tarballs for archive tests (no disk, no network). */
import { gzipSync } from 'node:zlib';
import { pack, type Headers } from 'tar-stream';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../fixtures/archive/', import.meta.url));

export type TarEntry = Headers & { body?: string | Buffer };

export async function makeTar(entries: TarEntry[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    p.on('end', () => resolve());
    p.on('error', reject);
  });
  for (const { body, ...h } of entries) {
    await new Promise<void>((resolve, reject) => p.entry(h, body ?? undefined, (err) => (err ? reject(err) : resolve())));
  }
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

export async function makeTgz(entries: TarEntry[]): Promise<Buffer> {
  return gzipSync(await makeTar(entries));
}
