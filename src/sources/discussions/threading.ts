/**
 * Threading: Message-ID / In-Reply-To / References (loops and missing parents tolerated), issue
 * numbers for exports, and a subject fallback for replies that lost their headers. Sets each
 * message's `threadKey` and returns per-thread summaries.
 */
import { normalizeSubject } from './header-values.js';
import type { DiscussionMessage } from './types.js';

export interface ThreadSummary {
  id: string;
  subject: string;
  messages: number;
  participants: number;
  first?: string;
  last?: string;
}

export interface ThreadingResult {
  threads: Map<string, DiscussionMessage[]>;
  /** Messages dropped because another message already had the same id. */
  duplicates: number;
  /** Messages whose reference chain looped back on itself. */
  loops: number;
}

/** De-duplicates by id (first wins), assigns `threadKey` to every message and groups them. */
export function threadMessages(input: DiscussionMessage[]): ThreadingResult {
  const byId = new Map<string, DiscussionMessage>();
  let duplicates = 0;
  for (const m of input) {
    if (byId.has(m.id)) duplicates++;
    else byId.set(m.id, m);
  }
  const parentOf = (m: DiscussionMessage): DiscussionMessage | undefined => {
    if (m.inReplyTo) {
      const p = byId.get(m.inReplyTo);
      if (p && p !== m) return p;
    }
    for (let i = m.references.length - 1; i >= 0; i--) {
      const p = byId.get(m.references[i]!);
      if (p && p !== m) return p;
    }
    return undefined;
  };
  const rootKey = new Map<string, string>();
  let loops = 0;
  const keyOf = (m: DiscussionMessage): string => {
    const known = rootKey.get(m.id);
    if (known) return known;
    const chain: DiscussionMessage[] = [];
    const seen = new Set<string>();
    let cur: DiscussionMessage = m;
    let key: string | undefined;
    for (;;) {
      const k = rootKey.get(cur.id);
      if (k) {
        key = k;
        break;
      }
      if (seen.has(cur.id)) {
        loops++;
        key = cur.id;
        break;
      }
      seen.add(cur.id);
      chain.push(cur);
      const p = parentOf(cur);
      if (!p) {
        // Root of what we hold: an export's issue key, or the oldest missing ancestor so siblings meet.
        key = cur.threadKey ?? cur.references[0] ?? cur.inReplyTo ?? cur.id;
        break;
      }
      cur = p;
    }
    for (const c of chain) rootKey.set(c.id, key);
    return key;
  };

  const bySubject = new Map<string, string>();
  const ordered = [...byId.values()].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
  const threads = new Map<string, DiscussionMessage[]>();
  for (const m of ordered) {
    let key = keyOf(m);
    const subj = normalizeSubject(m.subject);
    const orphanReply = key === m.id && !m.inReplyTo && m.references.length === 0 && /^\s*(re|aw|sv)\s*:/i.test(m.subject);
    if (orphanReply && subj && bySubject.has(subj)) {
      key = bySubject.get(subj)!;
      rootKey.set(m.id, key);
    } else if (subj && !bySubject.has(subj)) bySubject.set(subj, key);
    m.threadKey = key;
    const list = threads.get(key);
    if (list) list.push(m);
    else threads.set(key, [m]);
  }
  return { threads, duplicates, loops };
}

export function summarizeThread(id: string, msgs: DiscussionMessage[]): ThreadSummary {
  const dates = msgs
    .map((m) => m.date)
    .filter((d): d is string => !!d)
    .sort();
  const people = new Set(msgs.map((m) => m.from.address || m.from.name.toLowerCase()));
  const s: ThreadSummary = { id, subject: msgs.find((m) => m.subject)?.subject ?? '', messages: msgs.length, participants: people.size };
  if (dates.length) {
    s.first = dates[0];
    s.last = dates[dates.length - 1];
  }
  return s;
}
