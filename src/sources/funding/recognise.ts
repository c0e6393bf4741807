/** Recognise a funding URL (GitHub Sponsors, Open Collective, Liberapay, ...) into platform + recipient. */
import type { FundingPlatform } from './channel.js';

export interface Recognised {
  platform: FundingPlatform;
  address: string;
  recipient: string;
}

const HOSTS: { host: RegExp; platform: FundingPlatform; account: (segs: string[]) => string | undefined }[] = [
  { host: /^github\.com$/, platform: 'github', account: (s) => (s[0] === 'sponsors' ? s[1] : s.length === 1 ? s[0] : undefined) },
  { host: /^opencollective\.com$/, platform: 'open_collective', account: (s) => s[0] },
  { host: /^liberapay\.com$/, platform: 'liberapay', account: (s) => s[0] },
  { host: /^patreon\.com$/, platform: 'patreon', account: (s) => (s[0] === 'c' ? s[1] : s[0]) },
  { host: /^ko-fi\.com$/, platform: 'ko_fi', account: (s) => s[0] },
  { host: /^tidelift\.com$/, platform: 'tidelift', account: (s) => tidelift(s) },
  { host: /^polar\.sh$/, platform: 'polar', account: (s) => s[0] },
  { host: /^buymeacoffee\.com$/, platform: 'buy_me_a_coffee', account: (s) => s[0] },
  { host: /^thanks\.dev$/, platform: 'thanks_dev', account: (s) => (s.length ? s.join('/') : undefined) },
  { host: /^funding\.communitybridge\.org$/, platform: 'community_bridge', account: (s) => s[1] ?? s[0] },
  { host: /^crowdfunding\.lfx\.linuxfoundation\.org$/, platform: 'lfx_crowdfunding', account: (s) => s[1] ?? s[0] },
  { host: /^issuehunt\.io$/, platform: 'issuehunt', account: (s) => (s[0] === 'r' || s[0] === 'u' ? s.slice(1).join('/') : s[0]) },
];

/** tidelift.com/funding/github/npm/NAME or tidelift.com/subscription/pkg/npm-NAME → `npm/NAME`. */
function tidelift(s: string[]): string | undefined {
  if (s[0] === 'funding' && s[1] === 'github' && s.length >= 4) return s.slice(2).join('/');
  if (s[0] === 'subscription' && s[1] === 'pkg' && s[2]) return s[2].replace(/^([a-z]+)-/, '$1/');
  return undefined;
}

/** A usable https/http URL recognised, or an error message. */
export function recogniseUrl(raw: string): Recognised | { error: string } {
  const text = raw.trim();
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return { error: `not a URL: "${text.slice(0, 80)}"` };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { error: `not an http(s) URL: "${text.slice(0, 80)}"` };
  if (u.username || u.password) return { error: `URL with credentials refused: "${u.host}"` };
  const host = u.hostname.toLowerCase().replace(/^www\./, '');
  if (!host.includes('.')) return { error: `not a public web address: "${text.slice(0, 80)}"` };
  const segs = u.pathname
    .split('/')
    .filter(Boolean)
    .map((x) => decodeURIComponent(x));
  u.hash = '';
  const address = u.toString();
  for (const h of HOSTS) {
    if (!h.host.test(host)) continue;
    const acct = h.account(segs);
    if (acct) return { platform: h.platform, address, recipient: `${h.platform}:${acct.toLowerCase()}` };
  }
  const path = segs.join('/').toLowerCase();
  return { platform: 'custom', address, recipient: `url:${host}${path ? `/${path}` : ''}` };
}
