/** Evidence records for discussion findings: message id, date, where it was read, and the quoted lines. */
import type { Evidence } from '../../core/types.js';
import type { Category } from './lexicon.js';
import { label, type AnalysisContext, type Item } from './context.js';

export function messageEvidence(ctx: AnalysisContext, x: Item, cats?: Category[], what?: string): Evidence {
  const hits = x.sig.hits.filter((h) => !cats || cats.includes(h.category)).sort((a, b) => b.weight - a.weight);
  const who = ctx.identities.get(x.identity)?.names[0] ?? label(ctx.identities.get(x.identity));
  const quote = hits[0]?.excerpt;
  const ev: Evidence = {
    kind: 'message',
    // Short enough for one terminal line: who, when, and the strongest words; the thread subject is in `field`.
    label: `${what ? `${what}: ` : ''}${who}, ${day(x.msg.date)}${quote ? `: "${quote.length > 90 ? `${quote.slice(0, 87)}…` : quote}"` : ''}`,
    field: `subject: ${x.msg.subject.slice(0, 120)}`,
    messageId: x.msg.id,
    excerpt:
      [...new Set(hits.map((h) => h.excerpt))]
        .slice(0, 3)
        .map((e) => `> ${e}`)
        .join('\n') || undefined,
  };
  if (x.msg.date) ev.date = x.msg.date;
  if (x.msg.source.file) ev.file = x.msg.source.file;
  if (x.msg.source.line) ev.line = x.msg.source.line;
  if (x.msg.source.commit) ev.commit = x.msg.source.commit;
  if (x.msg.source.url) ev.url = x.msg.source.url;
  if (ev.excerpt === undefined) delete ev.excerpt;
  return ev;
}

export const day = (iso: string | undefined): string => (iso ?? '?').slice(0, 10);
