/** In-memory tarballs for archive tests (no disk, no network). */
import { gzipSync } from 'node:zlib';
import { pack, type Header } from 'tar-stream';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../fixtures/archive/', import.meta.url));

export interface TarEntry {
  name: string;
  type?: 'file' | 'symlink' | 'link' | 'directory';
  linkname?: string;
  mode?: number;
  body?: string | Buffer;
}

export async function makeTar(entries: TarEntry[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: unknown) => void chunks.push(c as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    p.on('end', () => resolve());
    p.on('error', reject);
  });
  for (const { body, ...h } of entries) {
    const header = h as Header;
    await new Promise<void>((resolve, reject) => {
      const cb = (err?: Error | null): void => (err ? reject(err) : resolve());
      if (body === undefined) p.entry(header, cb);
      else p.entry(header, body, cb);
    });
  }
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

export async function makeTgz(entries: TarEntry[]): Promise<Buffer> {
  return gzipSync(await makeTar(entries));
}
