/**
 * Streaming mbox splitter. A message starts at a `From ` line that opens the file or follows an empty
 * line (mboxo/mboxrd); `>From `-escaped body lines are unescaped by one `>` (mboxrd). Messages bigger
 * than `maxBytes` are truncated (flagged), so memory stays bounded whatever the file holds.
 */
import { createReadStream } from 'node:fs';

export interface RawMboxMessage {
  bytes: Buffer;
  /** 1-based line of the `From ` separator (or of the first line when the file has none). */
  line: number;
  truncated: boolean;
}

const FROM = Buffer.from('From ');
const NL = 0x0a;

function isSeparator(line: Buffer): boolean {
  return line.length > 5 && line.subarray(0, 5).equals(FROM) && line[5] !== 0x20 && line[5] !== NL;
}

/** Strip one `>` from `>+From ` lines. */
function unescape(line: Buffer): Buffer {
  let i = 0;
  while (i < line.length && line[i] === 0x3e) i++;
  if (i > 0 && line.subarray(i, i + 5).equals(FROM)) return line.subarray(1);
  return line;
}

export async function* splitMbox(file: string, maxBytes: number): AsyncGenerator<RawMboxMessage> {
  let parts: Buffer[] = [];
  let size = 0;
  let truncated = false;
  let startLine = 1;
  let lineNo = 0;
  let prevBlank = true;
  let seenAny = false;
  let carry: Buffer = Buffer.alloc(0);

  const flush = (): RawMboxMessage | undefined => {
    if (!seenAny) return undefined;
    const msg = { bytes: Buffer.concat(parts, size), line: startLine, truncated };
    parts = [];
    size = 0;
    truncated = false;
    return msg;
  };
  const take = (line: Buffer): RawMboxMessage | undefined => {
    lineNo++;
    let out: RawMboxMessage | undefined;
    if (prevBlank && isSeparator(line)) {
      out = flush();
      seenAny = true;
      startLine = lineNo;
      prevBlank = false;
      return out;
    }
    if (!seenAny) {
      // A file that does not start with a separator is still read as one message.
      seenAny = true;
      startLine = lineNo;
    }
    const content = unescape(line);
    prevBlank = content.length <= 2 && (content.length === 1 || (content[0] === 0x0d && content[1] === NL));
    if (size + content.length <= maxBytes) {
      parts.push(content);
      size += content.length;
    } else truncated = true;
    return undefined;
  };

  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (let i = buf.indexOf(NL, start); i !== -1; i = buf.indexOf(NL, start)) {
      const out = take(buf.subarray(start, i + 1));
      if (out) yield out;
      start = i + 1;
    }
    carry = Buffer.from(buf.subarray(start));
    // A pathological line with no newline: cut it so the carry stays bounded.
    if (carry.length > maxBytes) {
      const out = take(carry);
      if (out) yield out;
      carry = Buffer.alloc(0);
    }
  }
  if (carry.length) {
    const out = take(carry);
    if (out) yield out;
  }
  const last = flush();
  if (last) yield last;
}
