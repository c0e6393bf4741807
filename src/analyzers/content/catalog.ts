/**
 * Data the scanners match against: modules by capability, sensitive paths by category, and the
 * endpoint families malicious packages exfiltrate to. Kept in one place so tuning is one edit.
 */
import type { CapabilityKind, EndpointCategory } from './types.js';

const NET_CORE = ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns'];
const NET_LIBS = [
  'axios',
  'node-fetch',
  'got',
  'request',
  'undici',
  'superagent',
  'needle',
  'phin',
  'ws',
  'socket.io-client',
  'cross-fetch',
  'isomorphic-fetch',
  'ky',
];

/** Module specifier → capability it grants. `node:` prefixes are removed before lookup. */
export const MODULE_CAPS: ReadonlyMap<string, CapabilityKind> = new Map<string, CapabilityKind>([
  ...NET_CORE.map((m) => [m, 'network'] as [string, CapabilityKind]),
  ...NET_CORE.map((m) => [`${m}/promises`, 'network'] as [string, CapabilityKind]),
  ...NET_LIBS.map((m) => [m, 'network'] as [string, CapabilityKind]),
  ['child_process', 'child-process'],
  ['execa', 'child-process'],
  ['cross-spawn', 'child-process'],
  ['shelljs', 'child-process'],
  ['vm', 'vm'],
  ['bindings', 'native-addon'],
  ['node-gyp-build', 'native-addon'],
]);

/** Global constructors / functions that reach the network. */
export const NET_GLOBALS = new Set(['fetch', 'WebSocket', 'XMLHttpRequest', 'EventSource']);

export type SensitiveCategory =
  'package-token' | 'cloud-credentials' | 'ssh' | 'system-accounts' | 'browser-profile' | 'crypto-wallet' | 'chat-token' | 'shell-history';

/** Sensitive path fragments in string literals. Matched case-insensitively against the literal. */
export const SENSITIVE_PATHS: readonly { re: RegExp; category: SensitiveCategory; label: string }[] = [
  { re: /(^|[\\/~'"`\s])\.npmrc\b/i, category: 'package-token', label: '.npmrc' },
  { re: /(^|[\\/~])\.yarnrc(\.yml)?\b/i, category: 'package-token', label: '.yarnrc' },
  { re: /(^|[\\/~])\.pypirc\b/i, category: 'package-token', label: '.pypirc' },
  { re: /(^|[\\/~])\.aws[\\/](credentials|config)\b/i, category: 'cloud-credentials', label: '~/.aws' },
  { re: /(^|[\\/~])\.docker[\\/]config\.json\b/i, category: 'cloud-credentials', label: '~/.docker/config.json' },
  { re: /(^|[\\/~])\.kube[\\/]config\b/i, category: 'cloud-credentials', label: '~/.kube/config' },
  { re: /(^|[\\/~])\.config[\\/]gcloud\b/i, category: 'cloud-credentials', label: '~/.config/gcloud' },
  { re: /(^|[\\/~])\.git-credentials\b/i, category: 'cloud-credentials', label: '.git-credentials' },
  { re: /(^|[\\/~])\.netrc\b/i, category: 'cloud-credentials', label: '.netrc' },
  { re: /(^|[\\/~])\.ssh([\\/]|$)/i, category: 'ssh', label: '~/.ssh' },
  { re: /\bid_(rsa|dsa|ecdsa|ed25519)\b/i, category: 'ssh', label: 'ssh private key' },
  { re: /^\/etc\/(passwd|shadow)$/i, category: 'system-accounts', label: '/etc/passwd' },
  { re: /(^|[\\/~])\.(bash|zsh)_history\b/i, category: 'shell-history', label: 'shell history' },
  {
    re: /(Chrome|Chromium|Brave-Browser|Edge|YandexBrowser|Vivaldi)[\\/]User Data|Application Support[\\/](Google[\\/]Chrome|BraveSoftware|Microsoft Edge|Firefox)|\.config[\\/](google-chrome|chromium|BraveSoftware)\b|Firefox[\\/]Profiles|\.mozilla[\\/]firefox|Opera Software[\\/]Opera (Stable|GX Stable)/i,
    category: 'browser-profile',
    label: 'browser profile',
  },
  { re: /^(Login Data|Local State|Web Data)$/, category: 'browser-profile', label: 'browser credential store' },
  { re: /[\\/](Local Storage[\\/]leveldb)\b/i, category: 'chat-token', label: 'Local Storage/leveldb' },
  { re: /discord(canary|ptb)?[\\/]Local Storage/i, category: 'chat-token', label: 'Discord token store' },
  {
    re: /Exodus[\\/]exodus\.wallet|Electrum[\\/]wallets|\.electrum[\\/]wallets|wallet\.dat\b|Ethereum[\\/]keystore|\.ethereum[\\/]keystore|atomic[\\/]Local Storage|\.config[\\/]solana[\\/]id\.json|Guarda[\\/]Local Storage|Coinomi[\\/]/i,
    category: 'crypto-wallet',
    label: 'crypto wallet',
  },
  {
    re: /^(nkbihfbeogaeaoehlefnkodbefgpgknn|bfnaelmomeimhlpmgjnjophhpkkoljpa|ibnejdfjmmkpcnlpebklmnkoeoihofec|hnfanknocfeofbddgcijnmhnfnkdnaad|fhbohimaelbohpjbbldcngcnapndodjp)$/,
    category: 'crypto-wallet',
    label: 'wallet browser-extension id',
  },
];

/** Exfiltration endpoint families (host suffixes). Matched on the host of URLs in literals. */
export const ENDPOINT_HOSTS: readonly { re: RegExp; category: EndpointCategory }[] = [
  {
    re: /(^|\.)(webhook\.site|pipedream\.net|requestbin\.(com|net)|hookbin\.com|beeceptor\.com|webhook\.cool|requestcatcher\.com|mockbin\.org|postb\.in)$/i,
    category: 'webhook',
  },
  {
    re: /(^|\.)(burpcollaborator\.net|oastify\.com|interact\.sh|interactsh\.com|oast\.(pro|live|site|online|fun|me)|canarytokens\.(com|org)|dnslog\.cn|ceye\.io|dnslog\.link|bxss\.me)$/i,
    category: 'oast',
  },
  {
    re: /(^|\.)(ngrok\.io|ngrok-free\.app|ngrok\.app|trycloudflare\.com|loca\.lt|localtunnel\.me|serveo\.net|localhost\.run|pagekite\.me|playit\.gg)$/i,
    category: 'tunnel',
  },
  {
    re: /(^|\.)(pastebin\.com|paste\.ee|hastebin\.com|ghostbin\.(com|co)|rentry\.co|transfer\.sh|termbin\.com|0x0\.st|file\.io)$/i,
    category: 'paste',
  },
];

/** URL paths that make an ordinary host an exfiltration channel. */
export const ENDPOINT_PATHS: readonly { re: RegExp; category: EndpointCategory }[] = [
  { re: /^(discord(app)?\.com)\/api\/webhooks\//i, category: 'chat-bot' },
  { re: /^api\.telegram\.org\/bot/i, category: 'chat-bot' },
];

/** Raw IPv4 hosts that are not loopback, unspecified, private or link-local. */
export function isPublicIp(host: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  if ([m[1], m[2], m[3], m[4]].some((x) => Number(x) > 255)) return false;
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
  if (a === 169 && b === 254) return false;
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && b === 168) return false;
  if (a === 192 && b === 0) return false;
  if (a === 198 && (b === 18 || b === 19 || b === 51)) return false;
  if (a === 203 && b === 0) return false;
  return true;
}

const URL_RE = /\b(?:https?|wss?|ftp):\/\/([a-z0-9.-]+)(?::\d+)?(\/[^\s'"`<>)]*)?/gi;

/** Endpoints named in a piece of text (a string literal, a script line). */
export function findEndpoints(text: string): { host: string; category: EndpointCategory }[] {
  const out: { host: string; category: EndpointCategory }[] = [];
  if (text.length > 20000) text = text.slice(0, 20000);
  for (const m of text.matchAll(URL_RE)) {
    const host = m[1]!.toLowerCase().replace(/\.$/, '');
    const hostPath = host + (m[2] ?? '');
    const byHost = ENDPOINT_HOSTS.find((e) => e.re.test(host));
    const byPath = ENDPOINT_PATHS.find((e) => e.re.test(hostPath));
    const cat = byHost?.category ?? byPath?.category ?? (isPublicIp(host) ? 'raw-ip' : undefined);
    if (cat) out.push({ host, category: cat });
  }
  if (out.length === 0 && !text.includes('://')) {
    const bare = /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(text.trim()) ? text.trim().toLowerCase() : undefined;
    const hit = bare && ENDPOINT_HOSTS.find((e) => e.re.test(bare));
    if (bare && hit) out.push({ host: bare, category: hit.category });
  }
  return out;
}

/** Cheap gate: every SENSITIVE_PATHS pattern contains one of these words. */
const SENSITIVE_GATE =
  /npmrc|yarnrc|pypirc|\.aws|docker|kube|gcloud|credentials|netrc|ssh|id_(rsa|dsa|ecdsa|ed25519)|passwd|shadow|_history|User Data|Application Support|\.config|Profiles|mozilla|Opera|Local Storage|Login Data|Local State|Web Data|wallet|Electrum|Ethereum|atomic|Coinomi|^[a-p]{32}$/i;

export function sensitivePath(literal: string): { category: SensitiveCategory; label: string } | undefined {
  if (literal.length > 300 || literal.length < 4 || !SENSITIVE_GATE.test(literal)) return undefined;
  const hit = SENSITIVE_PATHS.find((p) => p.re.test(literal));
  return hit ? { category: hit.category, label: hit.label } : undefined;
}
