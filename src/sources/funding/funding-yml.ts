/**
 * `.github/FUNDING.yml` (GitHub's sponsor button file): platform keys with an account name or a
 * list of them, and `custom` URLs. Parsed with the `yaml` package; unknown keys and malformed
 * values become Problems naming the file and line.
 */
import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Problem } from '../../core/types.js';
import type { FundingChannel } from './channel.js';
import { recogniseUrl } from './recognise.js';

const ACCOUNT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const PROJECT = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/;

/** Platform key → URL of the account (GitHub's documented FUNDING.yml keys). */
const PLATFORMS: Record<string, { url: (a: string) => string; pattern: RegExp }> = {
  github: { url: (a) => `https://github.com/sponsors/${a}`, pattern: ACCOUNT },
  patreon: { url: (a) => `https://www.patreon.com/${a}`, pattern: ACCOUNT },
  open_collective: { url: (a) => `https://opencollective.com/${a}`, pattern: ACCOUNT },
  ko_fi: { url: (a) => `https://ko-fi.com/${a}`, pattern: ACCOUNT },
  tidelift: { url: (a) => `https://tidelift.com/funding/github/${a}`, pattern: PROJECT },
  community_bridge: { url: (a) => `https://funding.communitybridge.org/projects/${a}`, pattern: ACCOUNT },
  liberapay: { url: (a) => `https://liberapay.com/${a}`, pattern: ACCOUNT },
  issuehunt: { url: (a) => `https://issuehunt.io/r/${a}`, pattern: ACCOUNT },
  lfx_crowdfunding: { url: (a) => `https://crowdfunding.lfx.linuxfoundation.org/projects/${a}`, pattern: ACCOUNT },
  polar: { url: (a) => `https://polar.sh/${a}`, pattern: ACCOUNT },
  buy_me_a_coffee: { url: (a) => `https://www.buymeacoffee.com/${a}`, pattern: ACCOUNT },
  thanks_dev: { url: (a) => `https://thanks.dev/${a}`, pattern: PROJECT },
};

export function parseFundingYml(text: string, file: string): { channels: FundingChannel[]; problems: Problem[] } {
  const channels: FundingChannel[] = [];
  const problems: Problem[] = [];
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false });
  const lineOf = (n: Node | null | undefined) => (n?.range ? lc.linePos(n.range[0]).line : undefined);
  const bad = (message: string, node?: Node | null) =>
    problems.push({ code: 'E_MANIFEST_PARSE', file, line: lineOf(node), subject: file, message: `${file}: ${message}` });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    problems.push({
      code: 'E_MANIFEST_PARSE',
      file,
      line: e.linePos?.[0]?.line,
      subject: file,
      message: `${file}: not valid YAML: ${e.message.split('\n')[0]}`,
    });
    return { channels, problems };
  }
  if (doc.contents === null) return { channels, problems };
  if (!isMap(doc.contents)) {
    bad('expected a mapping of platform: account', doc.contents);
    return { channels, problems };
  }
  const add = (address: string, node: Node | null | undefined) => {
    const r = recogniseUrl(address);
    if ('error' in r) return bad(r.error, node);
    if (!channels.some((c) => c.address === r.address)) channels.push({ ...r, source: 'FUNDING.yml' });
  };
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const value = pair.value as Node | null;
    if (!key) {
      bad('a key that is not a plain name', pair.key as Node);
      continue;
    }
    const values: { v: unknown; node: Node | null }[] = isSeq(value)
      ? value.items.map((it) => ({ v: isScalar(it) ? it.value : it, node: it as Node }))
      : [{ v: isScalar(value) ? value.value : value, node: value }];
    for (const { v, node } of values) {
      if (v === null || v === undefined || v === '') continue;
      if (typeof v !== 'string') {
        bad(`${key}: expected a name or URL, got ${typeof v === 'object' ? 'a nested structure' : typeof v}`, node);
        continue;
      }
      if (key === 'custom') {
        add(v, node);
        continue;
      }
      const p = PLATFORMS[key];
      if (!p) {
        bad(`unknown platform "${key}"`, pair.key as Node);
        break;
      }
      if (!p.pattern.test(v)) {
        bad(`${key}: "${v.slice(0, 60)}" is not an account name`, node);
        continue;
      }
      add(p.url(v), node);
    }
  }
  return { channels, problems };
}
