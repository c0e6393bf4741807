/**
 * MIME body → plain text: multipart/* is walked (bounded depth and part count), the first inline
 * text/plain part wins, else text/html reduced to text. Transfer encodings base64 and
 * quoted-printable are decoded, then the part's charset.
 */
import { htmlToText } from './header-values.js';
import { decodeCharset, headerValue, parseHeaderBlock, parseStructured, type HeaderField } from './mime-headers.js';

const MAX_DEPTH = 8;
const MAX_PARTS = 64;

export function decodeQuotedPrintable(b: Buffer): Buffer {
  const out = Buffer.alloc(b.length);
  let o = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c !== 0x3d) {
      out[o++] = c;
      continue;
    }
    const h1 = b[i + 1];
    const h2 = b[i + 2];
    if (h1 === 0x0a) {
      i += 1;
      continue;
    } // soft break
    if (h1 === 0x0d && h2 === 0x0a) {
      i += 2;
      continue;
    }
    const hex = h1 !== undefined && h2 !== undefined ? String.fromCharCode(h1, h2) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      out[o++] = parseInt(hex, 16);
      i += 2;
    } else out[o++] = c; // broken escape: keep as written
  }
  return out.subarray(0, o);
}

function decodeTransfer(body: Buffer, cte: string | undefined): Buffer {
  const e = (cte ?? '').trim().toLowerCase();
  if (e === 'base64') return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (e === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

export function splitHeadBody(b: Buffer): { head: Buffer; body: Buffer } | undefined {
  for (let i = 0; i < b.length; i++) {
    if (b[i] !== 0x0a) continue;
    if (i === 0) return { head: b.subarray(0, 0), body: b.subarray(1) };
    if (b[i + 1] === 0x0a) return { head: b.subarray(0, i + 1), body: b.subarray(i + 2) };
    if (b[i + 1] === 0x0d && b[i + 2] === 0x0a) return { head: b.subarray(0, i + 1), body: b.subarray(i + 3) };
  }
  return undefined;
}

function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  const delim = Buffer.from('--' + boundary, 'latin1');
  const parts: Buffer[] = [];
  let pos = body.indexOf(delim);
  while (pos !== -1 && parts.length < MAX_PARTS) {
    const after = pos + delim.length;
    if (body[after] === 0x2d && body[after + 1] === 0x2d) break; // closing delimiter
    const lineEnd = body.indexOf(0x0a, after);
    if (lineEnd === -1) break;
    let next = body.indexOf(delim, lineEnd);
    // a delimiter only counts at the start of a line
    while (next !== -1 && body[next - 1] !== 0x0a) next = body.indexOf(delim, next + 1);
    const end = next === -1 ? body.length : next;
    let partEnd = end;
    if (body[partEnd - 1] === 0x0a) partEnd--;
    if (body[partEnd - 1] === 0x0d) partEnd--;
    parts.push(body.subarray(lineEnd + 1, Math.max(lineEnd + 1, partEnd)));
    pos = next;
  }
  return parts;
}

interface Found {
  plain?: string;
  html?: string;
}

function walk(fields: HeaderField[], body: Buffer, depth: number, found: Found): void {
  const ct = parseStructured(headerValue(fields, 'content-type') ?? 'text/plain');
  const disp = parseStructured(headerValue(fields, 'content-disposition')).value;
  const type = ct.value || 'text/plain';
  if (type.startsWith('multipart/')) {
    const boundary = ct.params.boundary;
    if (!boundary || depth >= MAX_DEPTH) return;
    for (const part of splitMultipart(body, boundary)) {
      const hb = splitHeadBody(part) ?? { head: Buffer.alloc(0), body: part };
      walk(parseHeaderBlock(hb.head), hb.body, depth + 1, found);
      if (found.plain !== undefined) return;
    }
    return;
  }
  if (disp === 'attachment') return;
  if (type === 'text/plain' && found.plain === undefined) {
    found.plain = decodeCharset(decodeTransfer(body, headerValue(fields, 'content-transfer-encoding')), ct.params.charset);
  } else if (type === 'text/html' && found.html === undefined) {
    found.html = decodeCharset(decodeTransfer(body, headerValue(fields, 'content-transfer-encoding')), ct.params.charset);
  }
}

/** Text of a message body given its top-level header fields. */
export function bodyText(fields: HeaderField[], body: Buffer): string {
  const found: Found = {};
  walk(fields, body, 0, found);
  if (found.plain !== undefined) return found.plain.replace(/\r\n/g, '\n');
  if (found.html !== undefined) return htmlToText(found.html).replace(/\r\n/g, '\n');
  return '';
}
