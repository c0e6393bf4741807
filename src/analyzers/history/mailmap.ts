/**
 * Parse `.mailmap` (gitmailmap(5)) ourselves, so git never reads a mailmap file or blob named by
 * the repository's config. Forms:
 *   Proper Name <commit@email>
 *   <proper@email> <commit@email>
 *   Proper Name <proper@email> <commit@email>
 *   Proper Name <proper@email> Commit Name <commit@email>
 */
export interface MailmapEntry {
  properName?: string;
  properEmail?: string;
  commitName?: string;
  commitEmail: string;
}

export function parseMailmap(text: string): MailmapEntry[] {
  const out: MailmapEntry[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const parts = [...line.matchAll(/([^<]*)<([^>]*)>/g)].map((m) => ({ name: m[1]!.trim(), email: m[2]!.trim() }));
    if (parts.length === 1) {
      const p = parts[0]!;
      if (p.name) out.push({ properName: p.name, commitEmail: p.email.toLowerCase() });
    } else if (parts.length >= 2) {
      const [a, b] = parts as [{ name: string; email: string }, { name: string; email: string }];
      out.push({
        properName: a.name || undefined,
        properEmail: a.email || undefined,
        commitName: b.name || undefined,
        commitEmail: b.email.toLowerCase(),
      });
    }
  }
  return out;
}

export interface Mailmap {
  map(name: string, email: string): { name: string; email: string };
}

/** Entries with a commit name are more specific and win over e-mail-only entries. */
export function buildMailmap(entries: MailmapEntry[]): Mailmap {
  const byEmail = new Map<string, MailmapEntry>();
  const byEmailName = new Map<string, MailmapEntry>();
  for (const e of entries) {
    if (e.commitName) byEmailName.set(`${e.commitEmail}\n${e.commitName.toLowerCase()}`, e);
    else byEmail.set(e.commitEmail, e);
  }
  return {
    map(name, email) {
      const key = email.toLowerCase();
      const e = byEmailName.get(`${key}\n${name.toLowerCase()}`) ?? byEmail.get(key);
      if (!e) return { name, email };
      return { name: e.properName ?? name, email: e.properEmail ?? email };
    },
  };
}
