/**
 * Behaviour of shell text: a lifecycle command line, a .sh/.bat/.ps1 file, a binding.gyp `<!(…)`
 * expansion or a command string passed to child_process. Sources, transforms and sinks per
 * logical line; a source and a sink on the same line (a pipeline, a `$(…)` substitution) is a
 * proven flow. Reads text only.
 */
import { scanShell, type ShellHit } from '../shell-scan.js';
import { joinContinuations, pipedInto, segments, thenIn } from '../shell-lex.js';
import type { BSignal, BSink, BSource, BTransform, FileBehaviour, SinkKind, SourceKind, TransformKind } from './types.js';

const SOURCES: readonly { re: RegExp; kind: SourceKind; label: string }[] = [
  {
    re: /\$\(\s*(whoami|hostname|id|uname|pwd)\b|`\s*(whoami|hostname|id|uname|pwd)\b|\$\{?(USER|HOSTNAME|LOGNAME)\b|%(USERNAME|COMPUTERNAME|USERDOMAIN)%|\$env:(USERNAME|COMPUTERNAME)|\[(System\.)?Environment\]::(UserName|MachineName)/i,
    kind: 'identity',
    label: 'user / host name',
  },
  { re: /(^|[|;&(\s])(whoami|hostname)\s*(\||$|;|&&)/, kind: 'identity', label: 'user / host name' },
  {
    re: /\b(printenv|env)\b\s*(\||>|\)|$)|(^|[\s;|&(])set\s*\||Get-ChildItem\s+env:|gci\s+env:/i,
    kind: 'env-all',
    label: 'whole environment',
  },
  {
    re: /\$\{?[A-Z_]*(TOKEN|SECRET|PASSWORD|API_KEY|ACCESS_KEY)[A-Z_]*\}?|%[A-Z_]*(TOKEN|SECRET|PASSWORD)[A-Z_]*%|\$env:[A-Z_]*(TOKEN|SECRET|PASSWORD)/,
    kind: 'env-secret',
    label: 'secret environment variable',
  },
  {
    re: /\.npmrc\b|\.yarnrc\b|\.aws\/credentials|\.git-credentials|\.docker\/config\.json|\.kube\/config|\/etc\/(passwd|shadow)\b|\.ssh\/id_(rsa|dsa|ecdsa|ed25519)(?!\.pub)\b/,
    kind: 'secret-file',
    label: 'credential file',
  },
  { re: /security\s+find-(generic|internet)-password|secret-tool\s+lookup|cmdkey\s+\/list/i, kind: 'keychain', label: 'OS keychain' },
  { re: /169\.254\.169\.254|metadata\.google\.internal/, kind: 'cloud-metadata', label: 'cloud instance metadata' },
  { re: /\b(pbpaste|xclip\s+-o|xsel\s+-o|Get-Clipboard)\b/i, kind: 'clipboard', label: 'clipboard' },
];

const re =
  (r: RegExp) =>
  (t: string): boolean =>
    r.test(t);
const STOP = /[|;&]/;

/** Each test is linear in the line (see shell-lex.ts): no pattern rescans a run from many starts. */
const SINKS: readonly { test: (t: string) => boolean; kind: SinkKind; label: string }[] = [
  {
    test: re(
      /\b(curl|wget|Invoke-WebRequest|Invoke-RestMethod|iwr|irm|certutil\s+[-/]urlcache|bitsadmin|Net\.WebClient|DownloadString|DownloadFile|fetch)\b/i,
    ),
    kind: 'shell-net',
    label: 'HTTP client',
  },
  {
    test: (t) => thenIn(t, /\b(nslookup|dig|host|Resolve-DnsName|ping)\s/i, /[$`%]/, STOP),
    kind: 'dns',
    label: 'DNS query with computed name',
  },
  {
    test: re(/\/dev\/(tcp|udp)\/|\b(nc|ncat|netcat|telnet|socat)\s+(-[a-z]+\s+)*[^\s|;&]+\s+\d/i),
    kind: 'socket',
    label: 'raw socket',
  },
  {
    test: (t) =>
      /\|\s*(ba|z|da)?sh\b|\|\s*(node|python3?|perl|ruby)\b|\b(iex|Invoke-Expression)\b|\beval\s+"?\$\(/i.test(t) ||
      thenIn(t, /powershell(\.exe)?\s/i, /-e(nc|ncodedcommand)?\s+[A-Za-z0-9+/=]{16}/i),
    kind: 'exec',
    label: 'runs what it received',
  },
  {
    // A redirection target holds no `>`, so the run after one `>` is never rescanned from another.
    test: re(/>>?\s*["']?[~$][^\s|;&>]*\.(npmrc|yarnrc)\b|npm\s+config\s+set\s+\S*_?auth/i),
    kind: 'write-npmrc',
    label: 'writes npm/yarn config',
  },
  {
    test: re(
      />>?\s*["']?[~$%][^\s|;&>]*(authorized_keys|\.bashrc|\.zshrc|\.profile|\.bash_profile|crontab)|\bcrontab\s+-|schtasks\s+\/create|reg\s+add\s+\S*\\Run\b|LaunchAgents/i,
    ),
    kind: 'write-persistence',
    label: 'persistence',
  },
  { test: re(/\bchmod\s+(\+x|[0-7]{0,3}7[0-7]{0,3})\b/), kind: 'chmod', label: 'makes a file executable' },
  {
    test: (t) =>
      /\brm\s+-(?=[a-z]*r)(?=[a-z]*f)|\b(rd|rmdir)\s+\/s\b|\bdel\s+(\/[a-z]\s+)*\/s\b/i.test(t) ||
      thenIn(t, /\bRemove-Item\b/i, /-Recurse/i, STOP),
    kind: 'destroy',
    label: 'recursive delete',
  },
];

const TRANSFORMS: readonly { re: RegExp; kind: TransformKind }[] = [
  { re: /\bbase64\b|\[Convert\]::ToBase64String|certutil\s+-encode/i, kind: 'base64' },
  { re: /\b(xxd|od\s+-A|hexdump)\b/, kind: 'hex' },
  { re: /\bopenssl\s+(enc|aes|rsautl|pkeyutl)\b|\bgpg\s+(-e|--encrypt)/, kind: 'encrypt' },
  { re: /\b(gzip|xz|bzip2)\b(?!\s+-d)/, kind: 'compress' },
];

const URL_HOST = /\bhttps?:\/\/([a-z0-9.-]+|\[[0-9a-f:]+\])(?::\d+)?/gi;

/** Logical lines: continuation backslashes joined, `&&`/`;` kept (a command line is one line). */
function logicalLines(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const raw = text.split(/\r?\n/);
  for (let i = 0; i < raw.length; i++) {
    const start = i + 1;
    const joined = joinContinuations(raw, i, /\\\s*$/);
    const t = joined.text;
    i = joined.last;
    if (t.trim() && !/^\s*(#|rem\b|::)/i.test(t)) out.push({ text: t, line: start });
  }
  return out;
}

export function emptyBehaviour(): FileBehaviour {
  return { sources: [], transforms: [], sinks: [], flows: [], signals: [], imports: [], hosts: [] };
}

/**
 * `lineOffset`: the line of `text` in its file (for commands embedded in other files); `hits`: the
 * idioms scanShell already found in `text`, when the caller has them.
 */
export function shellBehaviour(
  text: string,
  file: string,
  lineOffset = 0,
  into: FileBehaviour = emptyBehaviour(),
  hits?: readonly ShellHit[],
): FileBehaviour {
  const b = into;
  for (const { text: t, line: l } of logicalLines(text.length > 200_000 ? text.slice(0, 200_000) : text)) {
    const line = lineOffset ? lineOffset : l;
    const excerpt = t.trim().slice(0, 160);
    const srcIdx: number[] = [];
    const trIdx: number[] = [];
    for (const s of SOURCES)
      if (s.re.test(t)) srcIdx.push(b.sources.push({ kind: s.kind, file, line, excerpt, detail: s.label } satisfies BSource) - 1);
    for (const x of TRANSFORMS)
      if (x.re.test(t)) trIdx.push(b.transforms.push({ kind: x.kind, file, line, excerpt } satisfies BTransform) - 1);
    const netHere = SINKS[0]!.test(t);
    for (const k of SINKS) {
      if (!k.test(t)) continue;
      const sink = b.sinks.push({ kind: k.kind, file, line, excerpt, detail: k.label } satisfies BSink) - 1;
      const fromHere = srcIdx.filter((i) => b.sources[i]!.kind !== 'clipboard' || k.kind !== 'exec');
      if (k.kind === 'exec' && netHere) {
        // `curl … | sh`: what came from the network is what runs.
        const r = b.sources.push({ kind: 'remote', file, line, excerpt, detail: 'downloaded' }) - 1;
        b.flows.push({ sources: [r], sink, transforms: trIdx });
      } else if (fromHere.length > 0 && k.kind !== 'chmod' && k.kind !== 'exec') {
        b.flows.push({ sources: fromHere, sink, transforms: trIdx });
      }
    }
    if (
      t.includes('/dev/tcp/') ||
      thenIn(t, /\b(nc|ncat)\b/i, /\s-(e|c)\s/i, STOP) ||
      thenIn(t, /\bsocat\b/i, /exec:/i, STOP) ||
      pipedInto(segments(t), /\bmkfifo\b/i, /\b(nc|ncat)\b/i) ||
      (/\b(nc|ncat)\b/.test(t) && /\|\s*(ba)?sh\b[^|]*\|\s*(nc|ncat)\b/.test(t))
    ) {
      b.signals.push({ kind: 'reverse-shell', file, line, excerpt, detail: 'shell bound to a network socket' } satisfies BSignal);
    }
    for (const m of t.matchAll(URL_HOST)) if (!b.hosts.includes(m[1]!.toLowerCase())) b.hosts.push(m[1]!.toLowerCase());
  }
  idiomFlows(text, file, lineOffset, b, hits);
  return b;
}

/**
 * The shell idioms that run what they fetched or decoded, across lines (download to a file, then
 * chmod +x / run it; base64 -d | sh; PowerShell -EncodedCommand; iwr | iex) and reverse shells:
 * each becomes a proven source → exec flow, so the chain rules rate them like any other.
 */
function idiomFlows(text: string, file: string, lineOffset: number, b: FileBehaviour, hits?: readonly ShellHit[]): void {
  if (text.length > 200_000) return;
  for (const h of hits ?? scanShell(text, file).hits) {
    const line = lineOffset || h.line;
    const site = { file, line, excerpt: h.excerpt, detail: h.detail ?? h.idiom };
    if (h.idiom === 'reverse-shell') {
      if (!b.signals.some((s) => s.kind === 'reverse-shell' && s.line === line)) b.signals.push({ kind: 'reverse-shell', ...site });
      continue;
    }
    const kind =
      h.idiom === 'download-exec' ? 'remote' : h.idiom === 'decode-to-shell' || h.idiom === 'decompress-to-shell' ? 'decoded' : undefined;
    if (!kind) continue;
    if (
      b.flows.some(
        (f) => b.sinks[f.sink]!.kind === 'exec' && b.sinks[f.sink]!.line === line && f.sources.some((i) => b.sources[i]!.kind === kind),
      )
    )
      continue;
    // A download on one line run on a later one: the source is the download's own line.
    const dl = lineOffset ? undefined : /downloaded on line (\d+)/.exec(h.detail ?? '');
    const from = dl ? { line: Number(dl[1]), excerpt: (text.split('\n')[Number(dl[1]) - 1] ?? '').trim().slice(0, 160) } : {};
    const src = b.sources.push({ kind, ...site, ...from }) - 1;
    const sink = b.sinks.push({ kind: 'exec', ...site }) - 1;
    b.flows.push({ sources: [src], sink, transforms: [] });
  }
}

/** `<!(cmd)` / `<!@(cmd)` expansions and `action` command arrays of a binding.gyp (run by node-gyp). */
export function gypCommands(text: string): { command: string; line: number }[] {
  const out: { command: string; line: number }[] = [];
  const lineAt = (i: number): number => text.slice(0, i).split('\n').length;
  for (const m of text.matchAll(/<!@?\(([^)]*(?:\([^)]*\)[^)]*)*)\)/g)) out.push({ command: m[1]!.trim(), line: lineAt(m.index) });
  for (const m of text.matchAll(/['"]action['"]\s*:\s*\[([^\]]*)\]/g)) {
    const words = [...m[1]!.matchAll(/['"]([^'"]*)['"]/g)].map((w) => w[1]!);
    if (words.length) out.push({ command: words.join(' '), line: lineAt(m.index) });
  }
  return out;
}
