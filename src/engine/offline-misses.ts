/**
 * Offline misses of a scan, gathered as components finish. A handful are kept as they are (one
 * problem per package); past `limit` of a kind (packument, tarball) they become one problem per
 * kind that lists the components it stands for, so a 200,000-entry lockfile scanned offline on an
 * empty store does not carry 400,000 problem objects into the result and its report.
 */
import type { Problem } from '../core/types.js';

export interface OfflineMisses {
  /** Takes the summarisable misses out of a component's problems (`index`: the component's place, for a stable order). */
  take(problems: Problem[], index: number): Problem[];
  /** The misses, in component order: as they were, or one summary per kind past the limit. */
  problems(): Problem[];
}

const KIND = /^(packument|tarball) of /;
export const OFFLINE_MISS_LIMIT = 50;

interface Kind {
  kept: { index: number; problem: Problem }[];
  index: number[];
  subjects: string[];
}

export function createOfflineMisses(limit = OFFLINE_MISS_LIMIT): OfflineMisses {
  const kinds = new Map<string, Kind>();
  return {
    take(problems, index) {
      if (!problems.some((p) => p.code === 'E_OFFLINE_MISS')) return problems;
      const rest: Problem[] = [];
      for (const p of problems) {
        const kind = p.code === 'E_OFFLINE_MISS' && p.subject !== undefined ? KIND.exec(p.message)?.[1] : undefined;
        if (!kind) {
          rest.push(p);
          continue;
        }
        let k = kinds.get(kind);
        if (!k) kinds.set(kind, (k = { kept: [], index: [], subjects: [] }));
        k.index.push(index);
        k.subjects.push(p.subject!);
        if (k.subjects.length <= limit) k.kept.push({ index, problem: p });
        else k.kept.length = 0;
      }
      return rest;
    },
    problems() {
      const out: { index: number; problem: Problem }[] = [];
      for (const [kind, k] of kinds) {
        if (k.subjects.length <= limit) {
          out.push(...k.kept);
          continue;
        }
        const order = k.index.map((_, i) => i).sort((a, b) => k.index[a]! - k.index[b]! || a - b);
        const subjects = order.map((i) => k.subjects[i]!);
        out.push({
          index: k.index[order[0]!]!,
          problem: {
            code: 'E_OFFLINE_MISS',
            message: `${subjects.length} ${kind}s are not in the store and running offline (${subjects.slice(0, 3).join(', ')}, …)`,
            hint: 'run once without --offline to fill the store',
            subjects,
          },
        });
      }
      return out.sort((a, b) => a.index - b.index).map((x) => x.problem);
    },
  };
}
