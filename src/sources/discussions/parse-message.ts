/**
 * RFC 5322 bytes → DiscussionMessage: headers (unfolded, encoded-words decoded), ids, date with its
 * zone, and the plain-text body (MIME walked, transfer encodings and charsets decoded).
 */
import { createHash } from 'node:crypto';
import { VigilError } from '../../core/errors.js';
import { cleanReferences, parseMailDate, parseMessageIds } from './header-values.js';
import { bodyText, splitHeadBody } from './mime-body.js';
import { decodeWords, headerValue, parseHeaderBlock, parseMailbox } from './mime-headers.js';
import type { DiscussionFormat, DiscussionMessage, ReadLimits } from './types.js';

export interface MessageOrigin {
  file: string;
  line?: number;
  commit?: string;
  format: DiscussionFormat;
}

/** Throws VigilError(E_UNSUPPORTED) naming the place when the bytes are not a usable message. */
export function parseMessage(bytes: Buffer, origin: MessageOrigin, limits: ReadLimits): DiscussionMessage {
  const where = origin.line ? `${origin.file}:${origin.line}` : origin.commit ? `${origin.file}@${origin.commit.slice(0, 12)}` : origin.file;
  const fail = (why: string): VigilError => new VigilError('E_UNSUPPORTED', `${where}: ${why}`, { file: origin.file, line: origin.line });
  const split = splitHeadBody(bytes) ?? { head: bytes, body: Buffer.alloc(0) };
  if (split.head.length > limits.maxHeaderBytes) throw fail(`header block of ${split.head.length} bytes exceeds the ${limits.maxHeaderBytes} byte limit; message skipped`);
  const fields = parseHeaderBlock(split.head);
  if (fields.length === 0) throw fail('no header fields; not a mail message');
  const h = (k: string): string | undefined => headerValue(fields, k);
  if (!h('from') && !h('message-id') && !h('date') && !h('subject')) throw fail('none of From, Date, Subject, Message-ID present; not a mail message');

  const ownId = parseMessageIds(h('message-id'))[0];
  const id = ownId ?? `vigil-${createHash('sha256').update(bytes.subarray(0, 65536)).digest('hex').slice(0, 24)}@missing`;
  let text = bodyText(fields, split.body.length > limits.maxBodyChars * 4 ? split.body.subarray(0, limits.maxBodyChars * 4) : split.body);
  if (text.length > limits.maxBodyChars) text = text.slice(0, limits.maxBodyChars);
  const references = cleanReferences(parseMessageIds(h('references')), id);
  const inReplyTo = parseMessageIds(h('in-reply-to')).find((x) => x !== id) ?? references[references.length - 1];
  const date = parseMailDate(h('date'));
  const mailer = h('user-agent') ?? h('x-mailer');
  const msg: DiscussionMessage = {
    id,
    from: parseMailbox(h('from')),
    subject: decodeWords(h('subject') ?? '').replace(/\s+/g, ' ').trim().slice(0, 500),
    references,
    body: text,
    source: { file: origin.file, ...(origin.line ? { line: origin.line } : {}), ...(origin.commit ? { commit: origin.commit } : {}) },
    format: origin.format,
  };
  if (!ownId) msg.syntheticId = true;
  if (inReplyTo) msg.inReplyTo = inReplyTo;
  if (date) {
    msg.date = date.iso;
    if (date.tzOffset !== undefined) msg.tzOffset = date.tzOffset;
  }
  if (mailer) msg.mailer = decodeWords(mailer).slice(0, 120);
  return msg;
}
