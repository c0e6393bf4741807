/**
 * Identities: addresses and display names merged (union-find) into people, with the facts the
 * analysis needs — first/last message, counts, threads, address domain and how common it is,
 * account age when an export carries it, and whether they ever contributed code.
 */
import type { DiscussionMessage } from '../../sources/discussions/types.js';
import type { RepoContributors } from '../../sources/discussions/repo-contributors.js';

export interface Identity {
  id: string;
  names: string[];
  addresses: string[];
  domains: string[];
  /** Share of the archive's identities using this identity's most common domain (0..1). */
  domainShare?: number;
  firstMessage?: string;
  lastMessage?: string;
  messages: number;
  threads: number;
  accountCreatedAt?: string;
  /** Days between account creation and first message, when known. */
  accountAgeDays?: number;
  /** true/false when known (repository, platform role, patches sent); null when unknown. */
  contributedCode: boolean | null;
  codeEvidence?: string;
  patchesSent: number;
}

const GENERIC = new Set(['root', 'admin', 'unknown', 'user', 'noreply', 'no-reply', 'info', 'support', 'mailer-daemon', 'postmaster']);
const CODE_ROLES = new Set(['OWNER', 'MEMBER', 'COLLABORATOR', 'CONTRIBUTOR']);

/** Display name as a merge key: case, accents, punctuation and "via list" suffixes removed. */
export function nameKey(name: string): string | undefined {
  const n = name
    .replace(/\s+via\s+\S+$/i, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (n.length < 5 || GENERIC.has(n)) return undefined;
  // One-word names merge only when distinctive enough (a handle like "jiat0218"), never "john".
  if (!n.includes(' ') && !/\d/.test(n) && n.length < 8) return undefined;
  return `name:${n}`;
}

class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    let r = x;
    while (this.parent.has(r) && this.parent.get(r) !== r) r = this.parent.get(r)!;
    let c = x;
    while (c !== r) {
      const n = this.parent.get(c) ?? r;
      this.parent.set(c, r);
      c = n;
    }
    if (!this.parent.has(r)) this.parent.set(r, r);
    return r;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb < ra ? ra : rb, rb < ra ? rb : ra);
  }
}

export interface IdentityIndex {
  identities: Map<string, Identity>;
  /** message id → identity id */
  byMessage: Map<string, string>;
}

export function keysOf(m: DiscussionMessage): string[] {
  const keys: string[] = [];
  if (m.from.address) keys.push(`addr:${m.from.address}`);
  const nk = nameKey(m.from.name);
  if (nk) keys.push(nk);
  if (keys.length === 0) keys.push(`anon:${m.from.name.toLowerCase() || m.id}`);
  return keys;
}

export function buildIdentities(messages: DiscussionMessage[], patchSenders: Map<string, number>, repo?: RepoContributors): IdentityIndex {
  const uf = new UnionFind();
  for (const m of messages) {
    const k = keysOf(m);
    for (let i = 1; i < k.length; i++) uf.union(k[0]!, k[i]!);
    uf.find(k[0]!);
  }
  const identities = new Map<string, Identity>();
  const byMessage = new Map<string, string>();
  const threadSets = new Map<string, Set<string>>();
  for (const m of messages) {
    const id = uf.find(keysOf(m)[0]!);
    byMessage.set(m.id, id);
    let ident = identities.get(id);
    if (!ident) {
      ident = { id, names: [], addresses: [], domains: [], messages: 0, threads: 0, contributedCode: null, patchesSent: 0 };
      identities.set(id, ident);
      threadSets.set(id, new Set());
    }
    ident.messages++;
    if (m.from.name && !ident.names.includes(m.from.name) && ident.names.length < 8) ident.names.push(m.from.name);
    if (m.from.address && !ident.addresses.includes(m.from.address) && ident.addresses.length < 8) {
      ident.addresses.push(m.from.address);
      const d = /@([^@]+)$/.exec(m.from.address)?.[1];
      if (d && !ident.domains.includes(d)) ident.domains.push(d);
    }
    if (m.date) {
      if (!ident.firstMessage || m.date < ident.firstMessage) ident.firstMessage = m.date;
      if (!ident.lastMessage || m.date > ident.lastMessage) ident.lastMessage = m.date;
    }
    if (m.threadKey) threadSets.get(id)!.add(m.threadKey);
    if (m.from.accountCreatedAt && !ident.accountCreatedAt) ident.accountCreatedAt = m.from.accountCreatedAt;
    if (m.from.association && CODE_ROLES.has(m.from.association)) {
      ident.contributedCode = true;
      ident.codeEvidence ??= `platform role ${m.from.association}`;
    } else if (m.from.association && ident.contributedCode === null) ident.contributedCode = false;
    ident.patchesSent += patchSenders.get(m.id) ?? 0;
  }
  // Domain commonness across identities.
  const domainCount = new Map<string, number>();
  for (const i of identities.values()) for (const d of i.domains) domainCount.set(d, (domainCount.get(d) ?? 0) + 1);
  const repoByEmail = new Map<string, number>();
  const repoByName = new Map<string, number>();
  for (const c of repo?.contributors ?? []) {
    repoByEmail.set(c.email, c.commits);
    for (const n of c.names) {
      const k = nameKey(n);
      if (k) repoByName.set(k, (repoByName.get(k) ?? 0) + c.commits);
    }
  }
  for (const i of identities.values()) {
    i.threads = threadSets.get(i.id)!.size;
    const d = i.domains[0];
    if (d) i.domainShare = (domainCount.get(d) ?? 0) / identities.size;
    if (i.accountCreatedAt && i.firstMessage)
      i.accountAgeDays = Math.round((Date.parse(i.firstMessage) - Date.parse(i.accountCreatedAt)) / 86_400_000);
    if (repo) {
      const byMail = i.addresses.map((a) => repoByEmail.get(a) ?? 0).reduce((a, b) => a + b, 0);
      const byName = i.names.map((n) => repoByName.get(nameKey(n) ?? '') ?? 0).reduce((a, b) => a + b, 0);
      if (byMail + byName > 0) {
        i.contributedCode = true;
        i.codeEvidence = `${Math.max(byMail, byName)} commit(s) in ${repo.repo}`;
      } else if (i.contributedCode === null) i.contributedCode = false;
    }
    if (i.patchesSent > 0 && i.contributedCode !== true) {
      i.contributedCode = true;
      i.codeEvidence ??= `${i.patchesSent} patch(es) sent to the list`;
    }
  }
  return { identities, byMessage };
}
