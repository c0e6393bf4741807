/** The analysis' working set: every message with its signals and identity, plus archive-wide facts. */
import type { DiscussionMessage } from '../../sources/discussions/types.js';
import type { RepoContributors } from '../../sources/discussions/repo-contributors.js';
import { buildIdentities, type Identity } from './identities.js';
import { scanMessage, type MessageSignals } from './signals.js';

export interface Item {
  msg: DiscussionMessage;
  sig: MessageSignals;
  identity: string;
  /** Epoch ms, NaN when undefined. */
  t: number;
}

export interface AnalysisContext {
  items: Item[];
  identities: Map<string, Identity>;
  /** Items per identity, oldest first. */
  byIdentity: Map<string, Item[]>;
  byThread: Map<string, Item[]>;
  archiveStart: number;
  archiveEnd: number;
  /** Identities that run the project (most active posters, or top committers when a repo is given). */
  maintainers: Set<string>;
  repo?: RepoContributors;
}

export const DAY = 86_400_000;

export function buildContext(messages: DiscussionMessage[], repo?: RepoContributors): AnalysisContext {
  const sigs = messages.map(scanMessage);
  const patchSenders = new Map<string, number>();
  messages.forEach((m, i) => {
    if (sigs[i]!.hasPatch) patchSenders.set(m.id, 1);
  });
  const { identities, byMessage } = buildIdentities(messages, patchSenders, repo);
  const items: Item[] = messages.map((msg, i) => ({
    msg,
    sig: sigs[i]!,
    identity: byMessage.get(msg.id)!,
    t: msg.date ? Date.parse(msg.date) : NaN,
  }));
  items.sort((a, b) => (a.t || 0) - (b.t || 0));
  const byIdentity = new Map<string, Item[]>();
  const byThread = new Map<string, Item[]>();
  let archiveStart = Infinity;
  let archiveEnd = -Infinity;
  for (const it of items) {
    (byIdentity.get(it.identity) ?? byIdentity.set(it.identity, []).get(it.identity)!).push(it);
    const tk = it.msg.threadKey ?? it.msg.id;
    (byThread.get(tk) ?? byThread.set(tk, []).get(tk)!).push(it);
    if (Number.isFinite(it.t)) {
      archiveStart = Math.min(archiveStart, it.t);
      archiveEnd = Math.max(archiveEnd, it.t);
    }
  }
  return {
    items,
    identities,
    byIdentity,
    byThread,
    archiveStart,
    archiveEnd,
    maintainers: findMaintainers(identities, repo),
    ...(repo ? { repo } : {}),
  };
}

function findMaintainers(identities: Map<string, Identity>, repo?: RepoContributors): Set<string> {
  const list = [...identities.values()].sort((a, b) => b.messages - a.messages);
  const top = list[0];
  const out = new Set<string>();
  if (!top) return out;
  const span = (i: Identity): number => (i.firstMessage && i.lastMessage ? Date.parse(i.lastMessage) - Date.parse(i.firstMessage) : 0);
  out.add(top.id);
  // Other heavy posters count as maintainers only with a long record (a burst of messages is not a role).
  for (const i of list.slice(1, 3)) if (i.messages >= Math.max(5, top.messages * 0.5) && span(i) >= 365 * DAY) out.add(i.id);
  if (repo) {
    const topCommitter = [...repo.contributors].sort((a, b) => b.committed - a.committed)[0];
    const names = new Set((topCommitter?.names ?? []).map((n) => n.toLowerCase()));
    for (const i of identities.values()) {
      if (i.addresses.includes(topCommitter?.email ?? '\0') || i.names.some((n) => names.has(n.toLowerCase()))) out.add(i.id);
    }
  }
  return out;
}

/** Display label of an identity: its first name and first address. */
export function label(i: Identity | undefined): string {
  if (!i) return 'unknown';
  const name = i.names[0] ?? '';
  const addr = i.addresses[0] ?? '';
  return name && addr ? `${name} <${addr}>` : name || addr || i.id;
}

/**
 * No history before `t`: nothing from this identity earlier than 30 days before it, while the
 * archive covers at least 180 days before their first message (else newness is unknown → false).
 */
export function isNewcomerAt(ctx: AnalysisContext, id: string, t: number): boolean {
  const own = ctx.byIdentity.get(id) ?? [];
  const first = own.find((x) => Number.isFinite(x.t))?.t;
  if (first === undefined) return false;
  if (first - ctx.archiveStart < 180 * DAY) return false;
  return first >= t - 30 * DAY;
}
