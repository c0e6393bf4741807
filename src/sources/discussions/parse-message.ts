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

/**
 * A copy of `s` that does not pin the string it was sliced from: V8 keeps a whole decoded header
 * block or body alive behind every substring, which multiplies memory on large archives.
 */
const own = (s: string): string => (s.length < 13 ? s : (' ' + s).slice(1));

/**
 * Diffs are kept only as their first lines: the discussion analysis reads what people wrote, and
 * dropping patch bodies keeps memory bounded on patch-heavy lists. The kept head still shows a patch.
 */
function dropPatchTail(text: string): string {
  const at = text.search(/^diff --git /m);
  if (at === -1) return text;
  const head = text.slice(at).split('\n', 6).join('\n');
  return `${text.slice(0, at)}${head}\n[patch body not kept]\n`;
}

/** Throws VigilError(E_UNSUPPORTED) naming the place when the bytes are not a usable message. */
export function parseMessage(bytes: Buffer, origin: MessageOrigin, limits: ReadLimits): DiscussionMessage {
  const where = origin.line
    ? `${origin.file}:${origin.line}`
    : origin.commit
      ? `${origin.file}@${origin.commit.slice(0, 12)}`
      : origin.file;
  const fail = (why: string): VigilError => new VigilError('E_UNSUPPORTED', `${where}: ${why}`, { file: origin.file, line: origin.line });
  const split = splitHeadBody(bytes) ?? { head: bytes, body: Buffer.alloc(0) };
  if (split.head.length > limits.maxHeaderBytes)
    throw fail(`header block of ${split.head.length} bytes exceeds the ${limits.maxHeaderBytes} byte limit; message skipped`);
  const fields = parseHeaderBlock(split.head);
  if (fields.length === 0) throw fail('no header fields; not a mail message');
  const h = (k: string): string | undefined => headerValue(fields, k);
  if (!h('from') && !h('message-id') && !h('date') && !h('subject'))
    throw fail('none of From, Date, Subject, Message-ID present; not a mail message');

  const ownId = parseMessageIds(h('message-id'))[0];
  const id = ownId ?? `vigil-${createHash('sha256').update(bytes.subarray(0, 65536)).digest('hex').slice(0, 24)}@missing`;
  let text = bodyText(fields, split.body.length > limits.maxBodyChars * 4 ? split.body.subarray(0, limits.maxBodyChars * 4) : split.body);
  text = dropPatchTail(text);
  if (text.length > limits.maxBodyChars) text = text.slice(0, limits.maxBodyChars);
  const references = cleanReferences(parseMessageIds(h('references')), id);
  const inReplyTo = parseMessageIds(h('in-reply-to')).find((x) => x !== id) ?? references[references.length - 1];
  const date = parseMailDate(h('date'));
  const mailer = h('user-agent') ?? h('x-mailer');
  const from = parseMailbox(h('from'));
  const msg: DiscussionMessage = {
    id: own(id),
    from: { name: own(from.name), address: own(from.address) },
    subject: own(
      decodeWords(h('subject') ?? '')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 500),
    ),
    references: references.map(own),
    body: own(text),
    source: { file: origin.file, ...(origin.line ? { line: origin.line } : {}), ...(origin.commit ? { commit: origin.commit } : {}) },
    format: origin.format,
  };
  if (!ownId) msg.syntheticId = true;
  if (inReplyTo) msg.inReplyTo = own(inReplyTo);
  if (date) {
    msg.date = date.iso;
    if (date.tzOffset !== undefined) msg.tzOffset = date.tzOffset;
  }
  if (mailer) msg.mailer = own(decodeWords(mailer).slice(0, 120));
  return msg;
}
