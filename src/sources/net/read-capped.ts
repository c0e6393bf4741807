/**
 * Reads a whole response body with a byte cap, for sources that keep bodies in memory (Debian
 * InRelease, indexes and pool files, Debian source files, changes-feed pages, audit imports). A body
 * over the cap (declared or streamed) stops at once with an error naming the URL (credentials
 * redacted) and the cap.
 */
import { VigilError, type ErrorCode } from '../../core/errors.js';
import { redact } from '../../core/redact.js';
import { describeNetworkError } from './network-error.js';

export interface CapOptions {
  /** What the cap is, for the message (`the size the Sources index lists`). */
  what?: string;
  /** Error code for a body over the cap (default E_REGISTRY_BODY). */
  code?: ErrorCode;
}

export async function readCapped(res: Response, url: string, maxBytes: number, o: CapOptions = {}): Promise<Buffer> {
  const where = redact(url);
  const tooBig = (): VigilError =>
    new VigilError(o.code ?? 'E_REGISTRY_BODY', `GET ${where}: body larger than ${maxBytes} bytes${o.what ? ` (${o.what})` : ''}`, {
      subject: where,
      hint: 'the server sent more than vigil reads from it; nothing of it was used',
    });
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw tooBig();
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      size += r.value.byteLength;
      if (size > maxBytes) throw tooBig();
      chunks.push(Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength));
    }
  } catch (e) {
    await reader.cancel().catch(() => {});
    if (e instanceof VigilError) throw e;
    throw new VigilError('E_NETWORK', `GET ${where}: ${describeNetworkError(e)}`, { subject: where, cause: e });
  }
  return Buffer.concat(chunks, size);
}
