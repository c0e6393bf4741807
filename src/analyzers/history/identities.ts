/**
 * Merge raw (name, e-mail) identities into people: `.mailmap` first, then union of identities that
 * share an e-mail address, then of identities that share a distinctive full name. Generic addresses
 * (`noreply@github.com`, `root@localhost`) and generic names (`root`, `unknown`) never merge people.
 */
import { buildMailmap, parseMailmap, type Mailmap } from './mailmap.js';

export interface Person {
  /** Stable id: the canonical e-mail (lower case), or `name:<name>` when there is none. */
  id: string;
  name: string;
  names: string[];
  emails: string[];
  bot: boolean;
}

export interface IdentityIndex {
  people: Map<string, Person>;
  /** Person id for a raw identity as git wrote it. */
  personOf(name: string, email: string): string;
}

const GENERIC_EMAILS =
  /^(|noreply@github\.com|none|\(none\)|unknown|nobody@.*|root@localhost.*|.*@localhost(\.localdomain)?|noreply@.*|no-reply@.*|root@.*)$/i;
const GENERIC_NAMES =
  /^(root|unknown|admin|administrator|user|github|gitlab|ubuntu|nobody|none|\(none\)|web-flow|github action|github actions)$/i;
const BOT = /(\[bot\]|^dependabot|^renovate|^github-actions|^greenkeeper|^snyk-bot|bot@|^web-flow$|^GitHub$)/i;

export function normalizeName(n: string): string {
  return n
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function distinctiveName(n: string): boolean {
  const norm = normalizeName(n);
  if (!norm || GENERIC_NAMES.test(norm)) return false;
  return norm.includes(' ') || norm.length >= 6;
}

class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p === x) return x;
    p = this.find(p);
    this.parent.set(x, p);
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

/** `identities`: raw (name, email) pairs with how often each was seen (used to pick display names). */
export function mergeIdentities(
  identities: Map<string, { name: string; email: string; count: number }>,
  mailmapText?: string,
): IdentityIndex {
  const mm: Mailmap = buildMailmap(mailmapText ? parseMailmap(mailmapText) : []);
  const uf = new UnionFind();
  const mapped = new Map<string, { name: string; email: string; count: number }>();
  const byEmail = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const [key, id] of identities) {
    const m = mm.map(id.name, id.email);
    const canon = { name: m.name, email: m.email.toLowerCase(), count: id.count };
    mapped.set(key, canon);
    const node = `${canon.name}\n${canon.email}`;
    uf.find(node);
    if (!GENERIC_EMAILS.test(canon.email)) {
      const other = byEmail.get(canon.email);
      if (other) uf.union(other, node);
      else byEmail.set(canon.email, node);
    }
    if (distinctiveName(canon.name) && !BOT.test(canon.name)) {
      const nn = normalizeName(canon.name);
      const other = byName.get(nn);
      if (other) uf.union(other, node);
      else byName.set(nn, node);
    }
  }
  // Group nodes by root, then build people.
  const groups = new Map<string, { name: string; email: string; count: number }[]>();
  const nodeOfKey = new Map<string, string>();
  for (const [key, c] of mapped) {
    const root = uf.find(`${c.name}\n${c.email}`);
    nodeOfKey.set(key, root);
    const g = groups.get(root) ?? [];
    g.push(c);
    groups.set(root, g);
  }
  const people = new Map<string, Person>();
  const personOfRoot = new Map<string, string>();
  for (const [root, members] of groups) {
    const byCount = [...members].sort((a, b) => b.count - a.count);
    const emails = [...new Set(byCount.map((m) => m.email).filter((e) => e))];
    const names = [...new Set(byCount.map((m) => m.name).filter((n) => n))];
    const realEmail = emails.find((e) => !GENERIC_EMAILS.test(e));
    let id = realEmail ?? `name:${names[0] ?? 'unknown'}`;
    while (people.has(id)) id += "'";
    const name = names[0] ?? realEmail ?? 'unknown';
    people.set(id, { id, name, names, emails, bot: BOT.test(name) || emails.some((e) => BOT.test(e)) });
    personOfRoot.set(root, id);
  }
  return {
    people,
    personOf(name, email) {
      const root = nodeOfKey.get(identityKey(name, email));
      return (root && personOfRoot.get(root)) ?? `name:${name}`;
    },
  };
}

export function identityKey(name: string, email: string): string {
  return `${name}\n${email.toLowerCase()}`;
}
