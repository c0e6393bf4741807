/**
 * One pass over a packument's releases in publish order: who published first when, who was a listed
 * maintainer first when. Built once per packument (O(n log n)), then every per-release question
 * ("did this account ever publish before?") is O(1) — replaying 50,000 releases stays linear.
 */
import type { NpmPerson, Packument } from '../../sources/npm/types.js';
import { publishOrder, type PublishOrder } from './previous-version.js';

export interface HistoryIndex extends PublishOrder {
  /** Publisher key → index (in `order`) of their first release. */
  firstPublish: Map<string, number>;
  /** Maintainer key → index of the first release that listed them. */
  firstMaintainer: Map<string, number>;
  /** Index of the first release that names any publisher (earlier ones predate `_npmUser`). */
  firstWithPublisher: number;
}

/** Identity of an account: the npm user name, lower-cased (e-mail when no name). */
export function personKey(p: NpmPerson | undefined): string | undefined {
  const k = p?.name ?? p?.email;
  return k ? k.toLowerCase() : undefined;
}

export function indexHistory(p: Packument): HistoryIndex {
  const po = publishOrder(p);
  const firstPublish = new Map<string, number>();
  const firstMaintainer = new Map<string, number>();
  let firstWithPublisher = -1;
  po.order.forEach((v, i) => {
    const m = p.versions[v];
    const pub = personKey(m?.npmUser);
    if (pub !== undefined) {
      if (firstWithPublisher < 0) firstWithPublisher = i;
      if (!firstPublish.has(pub)) firstPublish.set(pub, i);
    }
    for (const person of m?.maintainers ?? []) {
      const k = personKey(person);
      if (k !== undefined && !firstMaintainer.has(k)) firstMaintainer.set(k, i);
    }
  });
  return { ...po, firstPublish, firstMaintainer, firstWithPublisher };
}
