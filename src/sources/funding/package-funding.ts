/**
 * `funding` of a package.json / registry manifest, in all its documented shapes: a URL string,
 * `{ type, url }`, or an array of both. Anything else becomes a Problem naming the subject.
 */
import { isObj } from '../../core/guards.js';
import type { Problem } from '../../core/types.js';
import type { FundingChannel } from './channel.js';
import { recogniseUrl } from './recognise.js';

export function parsePackageFunding(funding: unknown, subject: string): { channels: FundingChannel[]; problems: Problem[] } {
  const channels: FundingChannel[] = [];
  const problems: Problem[] = [];
  if (funding === undefined || funding === null) return { channels, problems };
  const bad = (label: string, why: string) =>
    problems.push({
      code: 'E_MANIFEST_PARSE',
      subject,
      message: `${subject}: ${label}${why}; entry ignored`,
      hint: 'funding is a URL, { "type", "url" } or an array of those',
    });
  const items = Array.isArray(funding) ? funding : [funding];
  if (Array.isArray(funding) && funding.length === 0) return { channels, problems };
  items.forEach((it, n) => {
    const at = Array.isArray(funding) ? `funding[${n}]` : 'funding';
    let url: unknown = it;
    let type: string | undefined;
    if (isObj(it)) {
      url = it['url'];
      if (typeof it['type'] === 'string') type = it['type'];
    }
    if (typeof url !== 'string') {
      bad(
        at,
        ` is ${Array.isArray(it) ? 'a nested array' : isObj(it) ? 'an object without a string "url"' : url === null ? 'null' : `a ${typeof url}`}`,
      );
      return;
    }
    const r = recogniseUrl(url);
    if ('error' in r) {
      bad(at, `: ${r.error}`);
      return;
    }
    if (!channels.some((c) => c.address === r.address))
      channels.push({ ...r, source: 'package.json', ...(type ? { declaredType: type } : {}) });
  });
  return { channels, problems };
}
