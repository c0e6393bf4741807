/**
 * RFC 5322 header block parsing: unfolding, RFC 2047 encoded-words (B and Q), parameters of
 * structured headers, and mailbox parsing for From. Written here (not a dependency) because the
 * general MIME libraries we measured decode at ~1 MB/s, too slow for 25,000-message archives.
 */

export interface HeaderField {
  key: string;
  value: string;
}

const MAX_FIELDS = 2000;
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** Decode bytes in `charset`; unknown labels fall back to UTF-8 when valid, else windows-1252. */
export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  const label = (charset ?? '').trim().toLowerCase().replace(/^"|"$/g, '');
  if (label && label !== 'us-ascii' && label !== 'utf-8' && label !== 'utf8') {
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      /* unknown charset: fall through */
    }
  }
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Unfolded header fields in order; raw 8-bit header text is read as UTF-8 when valid. */
export function parseHeaderBlock(head: Buffer): HeaderField[] {
  const text = decodeCharset(head, 'utf-8');
  const out: HeaderField[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '') continue;
    if ((line[0] === ' ' || line[0] === '\t') && out.length > 0) {
      const last = out[out.length - 1]!;
      if (last.value.length < 65536) last.value += ' ' + line.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || colon > 76) continue; // not a field (mbox noise, broken line)
    if (out.length >= MAX_FIELDS) break;
    out.push({ key: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() });
  }
  return out;
}

export function headerValue(fields: HeaderField[], key: string): string | undefined {
  for (const f of fields) if (f.key === key) return f.value;
  return undefined;
}

function decodeQ(s: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '_') bytes.push(0x20);
    else if (c === '=' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c.charCodeAt(0) & 0xff);
  }
  return Uint8Array.from(bytes);
}

/** RFC 2047: `=?charset?B|Q?text?=`; whitespace between adjacent encoded-words is dropped. */
export function decodeWords(value: string): string {
  if (!value.includes('=?')) return value;
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?\s]{1,40})\?([bBqQ])\?([^?\s]*)\?=/g, (m, cs: string, enc: string, text: string) => {
      const charset = cs.split('*')[0];
      if (enc.toUpperCase() === 'B' && !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return m; // not base64: keep as written
      const bytes = enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : decodeQ(text);
      return decodeCharset(bytes, charset);
    });
}

export interface StructuredValue {
  value: string;
  params: Record<string, string>;
}

/** `type/subtype; a=b; c="d"` (RFC 2231 `name*=charset''pct` values are decoded). */
export function parseStructured(v: string | undefined): StructuredValue {
  if (!v) return { value: '', params: {} };
  const [first, ...rest] = v.split(';');
  const params: Record<string, string> = {};
  const re = /;\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  for (const m of v.matchAll(re)) {
    let key = m[1]!.toLowerCase();
    let val = m[2]!.trim();
    if (val.startsWith('"')) val = val.slice(1, -1).replace(/\\(.)/g, '$1');
    if (key.endsWith('*')) {
      key = key.slice(0, -1);
      const p = /^([^']*)'[^']*'(.*)$/.exec(val);
      if (p) {
        try {
          val = decodeURIComponent(p[2]!);
        } catch {
          val = p[2]!;
        }
      }
    }
    params[key] = val;
  }
  void rest;
  return { value: (first ?? '').trim().toLowerCase(), params };
}

export interface Mailbox {
  name: string;
  address: string;
}

/** First mailbox of an address header: `"Name" <a@b>`, `Name <a@b>`, `a@b (Name)`, `a@b`, or a bare name. */
export function parseMailbox(v: string | undefined): Mailbox {
  if (!v) return { name: '', address: '' };
  const angle = /^(.*?)<([^<>]*)>/.exec(v);
  let name: string;
  let address: string;
  if (angle) {
    name = angle[1]!.trim();
    address = angle[2]!.trim();
  } else {
    const paren = /^\s*(\S+@\S+)\s*\((.*)\)\s*$/.exec(v);
    if (paren) {
      address = paren[1]!;
      name = paren[2]!;
    } else if (/^\s*\S+@\S+\s*$/.test(v)) {
      address = v.trim();
      name = '';
    } else {
      address = '';
      name = v;
    }
  }
  name = decodeWords(
    name
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .replace(/\\(.)/g, '$1'),
  )
    .replace(/\s+/g, ' ')
    .trim();
  address = address.includes('@') ? address.toLowerCase() : '';
  return { name: name.slice(0, 200), address: address.slice(0, 320) };
}
