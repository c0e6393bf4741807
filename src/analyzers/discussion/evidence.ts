/** Evidence records for discussion findings: message id, date, where it was read, and the quoted lines. */
import type { Evidence } from '../../core/types.js';
import type { Category } from './lexicon.js';
import { label, type AnalysisContext, type Item } from './context.js';

export function messageEvidence(ctx: AnalysisContext, x: Item, cats?: Category[], what?: string): Evidence {
  const hits = x.sig.hits.filter((h) => !cats || cats.includes(h.category));
  const ev: Evidence = {
    kind: 'message',
    label: `${what ? `${what}: ` : ''}${label(ctx.identities.get(x.identity))} — "${x.msg.subject.slice(0, 100)}"`,
    messageId: x.msg.id,
    excerpt: [...new Set(hits.map((h) => h.excerpt))].slice(0, 3).map((e) => `> ${e}`).join('\n') || undefined,
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
