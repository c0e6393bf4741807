/**
 * Behaviour vocabulary: which APIs read secrets or identity, which reach the network, which files
 * are persistence targets. Generic API and path knowledge only — no package, host or incident names.
 */
import { sensitivePath } from '../catalog.js';
import type { SourceKind } from './types.js';

/** Name segments that make an environment variable a credential. */
const SECRET_SEGMENT =
  /^(TOKEN|TOKENS|SECRET|SECRETS|PASSWORD|PASSWD|PASS|APIKEY|CREDENTIAL|CREDENTIALS|AUTH|SESSION|COOKIE|WEBHOOK|MNEMONIC|PHRASE)$/;
/** `…_KEY` is a credential after these segments (API_KEY, ACCESS_KEY, PRIVATE_KEY). */
const KEY_OWNER = /^(API|ACCESS|PRIVATE|SECRET|SIGNING|AUTH|CLIENT)$/;
/** A last segment that names where or what a credential is, not the credential (…_TOKEN_URL, …_AUTH_TYPE). */
const NOT_VALUE_SEGMENT =
  /^(URL|URI|HOST|HOSTNAME|ENDPOINT|SERVER|PORT|PATH|FILE|DIR|TYPE|NAME|MODE|METHOD|HEADER|ENABLED|DISABLED|SOCK|SOCKET)$/;

const envSegments = (name: string): string[] =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);

/** An environment variable that names where to connect (`ACTIONS_ID_TOKEN_REQUEST_URL`, `npm_config_registry`). */
export function isLocationEnvName(name: string): boolean {
  return /^(URL|URI|HOST|HOSTNAME|ENDPOINT|SERVER|REGISTRY|ORIGIN|BASE)$/.test(envSegments(name).pop() ?? '');
}

/**
 * Whether an environment variable name holds a credential: a whole name segment (split on
 * `_`, `-` and camelCase) is one (`NPM_TOKEN`, `npm_config__authToken`, `DB_PASSWORD`), never a
 * substring of a word (`SASS_REJECT_UNAUTHORIZED`), and the name does not end in a segment that
 * says where the credential lives (`ACTIONS_ID_TOKEN_REQUEST_URL`).
 */
export function isSecretEnvName(name: string): boolean {
  const segs = envSegments(name);
  if (segs.length === 0 || NOT_VALUE_SEGMENT.test(segs[segs.length - 1]!)) return false;
  return segs.some(
    (s, i) => SECRET_SEGMENT.test(s) || (s === 'KEY' && i > 0 && KEY_OWNER.test(segs[i - 1]!)) || /^(APIKEY|ACCESSKEY|PRIVATEKEY)$/.test(s),
  );
}
/** Environment variables that identify the user or machine. */
export const IDENTITY_ENV = /^(USER|USERNAME|LOGNAME|HOSTNAME|COMPUTERNAME|USERDOMAIN|HOME|USERPROFILE)$/;

/** `os.<fn>()` calls that identify the machine or its user. */
export const IDENTITY_OS = new Set(['hostname', 'userInfo', 'networkInterfaces', 'homedir']);

/** Network modules: a name bound to one of these makes its calls network sinks. */
export const NET_MODULES: ReadonlyMap<string, 'network' | 'socket' | 'dns'> = new Map<string, 'network' | 'socket' | 'dns'>([
  ['http', 'network'],
  ['https', 'network'],
  ['http2', 'network'],
  ['axios', 'network'],
  ['node-fetch', 'network'],
  ['got', 'network'],
  ['request', 'network'],
  ['undici', 'network'],
  ['superagent', 'network'],
  ['needle', 'network'],
  ['phin', 'network'],
  ['ws', 'network'],
  ['socket.io-client', 'network'],
  ['cross-fetch', 'network'],
  ['isomorphic-fetch', 'network'],
  ['ky', 'network'],
  ['form-data', 'network'],
  ['net', 'socket'],
  ['tls', 'socket'],
  ['dgram', 'socket'],
  ['dns', 'dns'],
  ['dns/promises', 'dns'],
]);
export const NET_GLOBAL_CALLS = new Set([
  'fetch',
  'navigator.sendBeacon',
  'window.fetch',
  'globalThis.fetch',
  'self.fetch',
  '$.ajax',
  '$.post',
  'jQuery.ajax',
]);
export const NET_GLOBAL_CTORS = new Set(['WebSocket', 'XMLHttpRequest', 'EventSource', 'Image']);
/** Methods that carry data on a request / socket object. */
export const SEND_METHODS = new Set([
  'write',
  'end',
  'send',
  'post',
  'put',
  'patch',
  'request',
  'get',
  'connect',
  'setRequestHeader',
  'open',
]);
export const DNS_METHODS = /^(lookup|resolve|resolve4|resolve6|resolveTxt|resolveAny|resolveCname|resolveMx|resolveNs|reverse)$/;
export const CP_FUNCS = /^(exec|execSync|spawn|spawnSync|execFile|execFileSync|fork)$/;
export const CP_MODULES = new Set(['child_process', 'execa', 'cross-spawn', 'shelljs']);

export const FS_READ = /^(readFile|readFileSync|createReadStream|readdir|readdirSync|opendir|opendirSync|copyFile|copyFileSync|cp|cpSync)$/;
export const FS_WRITE =
  /^(writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream|copyFile|copyFileSync|outputFile|outputFileSync)$/;
/** Writes whose destination is their second argument (the first is the file copied). */
export const FS_COPY = /^(copyFile|copyFileSync)$/;
export const FS_DESTROY = /^(rm|rmSync|rmdir|rmdirSync|unlink|unlinkSync|remove|removeSync|emptyDir|emptyDirSync|truncate|truncateSync)$/;
export const FS_CHMOD = /^(chmod|chmodSync)$/;

/** Literal path fragments that make a file write persistence or tampering. */
export const PERSISTENCE_PATHS: readonly { re: RegExp; kind: 'write-persistence' | 'write-npmrc' | 'write-package'; label: string }[] = [
  { re: /authorized_keys/i, kind: 'write-persistence', label: 'SSH authorized_keys' },
  {
    re: /(^|[\\/~'"`])\.(bashrc|zshrc|bash_profile|profile|zprofile|bash_login)\b/i,
    kind: 'write-persistence',
    label: 'shell start-up file',
  },
  {
    re: /LaunchAgents|LaunchDaemons|\\Start Menu\\Programs\\Startup|[\\/]autostart[\\/]|systemd[\\/]user|\/etc\/cron|crontab/i,
    kind: 'write-persistence',
    label: 'autostart location',
  },
  { re: /\.github[\\/]workflows/i, kind: 'write-persistence', label: 'CI workflow' },
  { re: /(^|[\\/~'"`])\.(npmrc|yarnrc)(\.yml)?\b/i, kind: 'write-npmrc', label: 'npm/yarn config' },
  // A package's own directory: a package name (scope optional) after node_modules/, or `*` for a name
  // computed in path.join. Not `node_modules/` alone (a directory matcher), `.cache`/`.vite` (tool
  // caches), `$app` (no package can have that name) or `**` (an ignore glob).
  {
    re: /(^|[\\/])node_modules[\\/](?:@[\w~-][\w.~-]*[\\/])?(?:[\w~-]|\*(?!\*))/i,
    kind: 'write-package',
    label: 'another installed package',
  },
  {
    re: /^\/Applications\/|[\\/]Applications[\\/][^\\/]+\.app\b|AppData[\\/]Local[\\/]Programs[\\/]|[\\/]Program Files( \(x86\))?[\\/]/i,
    kind: 'write-package',
    label: 'another installed application',
  },
  // Where desktop applications keep their code, wherever they are installed: an Electron app's archive
  // or unpacked app folder, a per-version folder of a per-user (Squirrel) install — `app-1.0.9`, or the
  // glob `app-*` that finds it —, the core module Discord loads at start (what client mods and token
  // grabbers' "injection" rewrite), and an installed browser extension (a 32-letter id folder). Except for
  // the Discord module, only in a path from a root (absolute, the home folder, or computed: an
  // environment variable): a build writes its own `dist/…/app.asar`, relative to where it runs.
  {
    re: /discord_desktop_core|^(?:[\\/~*]|[A-Za-z]:).*(?:\.asar\b|[\\/]resources[\\/]app(?:[\\/]|$)|[\\/]app-(?:\d+\.\d|\*)|[\\/]Extensions[\\/][a-p]{32}(?:[\\/]|$))/i,
    kind: 'write-package',
    label: "another installed application's code",
  },
];

/** Crypto wallet address shapes used by address-swapping code (regex sources or literals). */
export const ADDRESS_PATTERN =
  /0x\[a-fA-F0-9\]\{40\}|0x\[0-9a-fA-F\]\{40\}|0x\[a-f0-9\]\{40\}|\(bc1\|\[13\]\)|bc1\[|\[13\]\[a-km-zA-HJ-NP-Z1-9\]|\[1-9A-HJ-NP-Za-km-z\]\{3[2-4]\}|T\[1-9A-HJ-NP-Za-km-z\]\{33\}/;
export const ETH_ADDRESS_LITERAL = /^0x[0-9a-fA-F]{40}$/;

/** Documentation / example hosts that say nothing about where data goes. */
export const EXAMPLE_HOST =
  /(^|\.)(example\.(com|org|net)|localhost|test|local|w3\.org|schema\.org|json-schema\.org|xmlns\.com|purl\.org|ietf\.org|mozilla\.org|github\.com|githubusercontent\.com|npmjs\.(com|org)|nodejs\.org)$/i;

/** A project's dotenv file: `.env`, `.env.local`, `<dir>/.env.production`. */
const DOTENV_FILE = /(^|[\\/~])\.env(\.(local|production|development|prod|dev|staging))?$/i;

/** Classify a literal as a source (a sensitive file, browser store, wallet…). */
export function literalSource(value: string): { kind: SourceKind; label: string } | undefined {
  if (/^169\.254\.169\.254$|\/\/169\.254\.169\.254\b|metadata\.google\.internal/.test(value))
    return { kind: 'cloud-metadata', label: 'cloud instance metadata' };
  if (DOTENV_FILE.test(value)) return { kind: 'dotenv', label: '.env file' };
  const s = sensitivePath(value);
  if (!s) return undefined;
  if (s.category === 'ssh') {
    if (/\.pub\b/i.test(value)) return undefined;
    return /id_(rsa|dsa|ecdsa|ed25519)|identity\b/i.test(value)
      ? { kind: 'secret-file', label: 'SSH private key' }
      : { kind: 'ssh-dir', label: '~/.ssh' };
  }
  if (s.category === 'browser-profile' || s.category === 'chat-token') return { kind: 'browser-store', label: s.label };
  if (s.category === 'crypto-wallet') return { kind: 'wallet', label: s.label };
  return { kind: 'secret-file', label: s.label };
}

/** Source kinds that are secrets (as opposed to identity or code). */
export const SECRET_SOURCES: ReadonlySet<SourceKind> = new Set<SourceKind>([
  'env-all',
  'dotenv',
  'env-secret',
  'secret-file',
  'browser-store',
  'wallet',
  'keychain',
  'clipboard',
  'browser-secret',
  'cloud-metadata',
]);
/** Name segments that say what a credential is, not whose it is (…_API_KEY, …_ACCESS_TOKEN). */
const GENERIC_SEGMENT =
  /^(API|KEY|KEYS|TOKEN|TOKENS|SECRET|SECRETS|ACCESS|AUTH|PRIVATE|CLIENT|ID|PASSWORD|PASSWD|PASS|APP|USER|PERSONAL|BEARER|OAUTH|CONFIG|SESSION|COOKIE|REFRESH|SIGNING|PUBLIC|DEFAULT|PROD|DEV|TEST|ENV|NODE|READ|WRITE|SERVICE|ACCOUNT)$/;

/**
 * Whether an environment credential names the host it is sent to (OPENAI_API_KEY to an
 * openai host, SLACK_TOKEN to a slack host): a tool using its own service, not a theft.
 */
export function credentialNamesHost(envName: string, host: string): boolean {
  const labels = host.toLowerCase().split('.');
  return envName
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((x) => x.length >= 3 && !GENERIC_SEGMENT.test(x))
    .some((x) => labels.some((l) => l.includes(x.toLowerCase())));
}

export const NETWORK_SINKS = new Set(['network', 'dns', 'socket', 'git-api', 'shell-net']);
