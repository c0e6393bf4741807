/**
 * The registry's changes feed (CouchDB `_changes`: `{results:[{seq,id,deleted?}], last_seq}`), read
 * page by page from a sequence number until a page comes back empty. Not every registry serves one (mirrors and proxies mostly do
 * not): then the reader says so with `unavailable` instead of failing, so the caller can give a
 * partial result naming what is missing.
 */
import { VigilError } from '../../core/errors.js';
import type { GuardedFetch } from '../net/guarded-fetch.js';
import { readCapped } from '../net/read-capped.js';

/** A page of 1,000 changes is about 100 KiB; a larger answer is not one. */
export const MAX_CHANGES_PAGE_BYTES = 16 * 1024 * 1024;

export interface ChangedPackage {
  name: string;
  seq: string;
}

export interface ChangesRead {
  /** Packages changed after `since`, each once (its last change), in feed order; deleted ones left out. */
  changed: ChangedPackage[];
  deleted: number;
  /** Where the next read continues (the last sequence read, or `since` when nothing was read). */
  lastSeq: string;
  /** Why the feed could not be read (wholly, or from some page on); undefined when it was read to the end. */
  unavailable?: string;
}

interface Page {
  results?: { seq?: unknown; id?: unknown; deleted?: unknown }[];
  last_seq?: unknown;
}

const seqText = (s: unknown): string | undefined => (typeof s === 'number' || (typeof s === 'string' && s !== '') ? String(s) : undefined);

/** `<base>/_changes`, keeping the base's path (a registry may live under one). */
export function changesUrl(base: string, since: string, limit: number): string {
  const u = new URL(base.endsWith('/') ? base : `${base}/`);
  const url = new URL('_changes', u);
  url.searchParams.set('since', since);
  url.searchParams.set('limit', String(limit));
  return url.href;
}

/**
 * Reads changes after SINCE until the feed has no more, or MAX packages were collected. The first
 * page failing means the feed is unavailable from BASE; a later page failing keeps what was read.
 */
export async function readChanges(
  fetch: GuardedFetch,
  base: string,
  since: string,
  opts: { max?: number; pageSize?: number; signal?: AbortSignal } = {},
): Promise<ChangesRead> {
  const pageSize = opts.pageSize ?? 1000;
  const max = opts.max ?? Number.POSITIVE_INFINITY;
  const latest = new Map<string, string>();
  let deleted = 0;
  let cursor = since;
  let unavailable: string | undefined;
  while (latest.size < max) {
    const url = changesUrl(base, cursor, pageSize);
    const where = `${new URL(url).origin}${new URL(url).pathname}`;
    let res: Response;
    try {
      res = await fetch(url, { headers: { accept: 'application/json' }, ...(opts.signal ? { signal: opts.signal } : {}) });
    } catch (e) {
      unavailable = `${where}: ${(e as Error).message}`;
      break;
    }
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => {});
      unavailable = `${where} answered HTTP ${res.status}`;
      break;
    }
    let body: Page;
    try {
      const text = await readCapped(res, url, MAX_CHANGES_PAGE_BYTES, { what: 'the cap for a changes-feed page' });
      body = JSON.parse(text.toString('utf8')) as Page;
    } catch (e) {
      // A body error names the URL itself, and the cap or the transfer limit it broke.
      unavailable = e instanceof VigilError ? e.message : `${where}: not a changes feed (the answer is not JSON)`;
      break;
    }
    if (typeof body !== 'object' || body === null || !Array.isArray(body.results)) {
      unavailable = `${where}: not a changes feed (no "results" list)`;
      break;
    }
    const before = cursor;
    for (const r of body.results) {
      const seq = seqText(r.seq);
      if (typeof r.id !== 'string' || !seq || r.id.startsWith('_design/')) {
        if (seq) cursor = seq;
        continue;
      }
      if (r.deleted === true) {
        deleted++;
        latest.delete(r.id);
      } else {
        latest.delete(r.id); // re-insert: feed order follows the last change
        latest.set(r.id, seq);
      }
      cursor = seq;
      if (latest.size >= max) break;
    }
    // A server may cap pages below the limit asked: the feed ends at an empty page (or one that does not advance).
    if (body.results.length === 0 || cursor === before) {
      const last = seqText(body.last_seq);
      if (last && body.results.length === 0) cursor = last;
      break;
    }
  }
  return {
    changed: [...latest].map(([name, seq]) => ({ name, seq })),
    deleted,
    lastSeq: cursor,
    ...(unavailable ? { unavailable } : {}),
  };
}
