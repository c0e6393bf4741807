/** Catalogue entries for every rule the content analyzer can emit. */
import type { RuleInfo } from '../../core/rule.js';

const SUPPRESS = (id: string): string =>
  `Add to vigil.config.json: {"suppressions":[{"rule":"${id}","subject":"pkg:npm/NAME@VERSION","reason":"<why this is expected>","expires":"YYYY-MM-DD"}]}`;

export const CONTENT_RULES = {
  installExfiltration: 'content/install-exfiltration',
  installDownloadExec: 'content/install-download-exec',
  installCapabilities: 'content/install-capabilities',
  envExfiltration: 'content/env-exfiltration',
  credentialAccess: 'content/credential-access',
  obfuscatedCode: 'content/obfuscated-code',
  encodedExec: 'content/encoded-exec',
  appendedLoader: 'content/appended-loader',
  trojanSource: 'content/trojan-source',
  invisibleIdentifier: 'content/invisible-identifier',
  exfilEndpoint: 'content/exfil-endpoint',
  buildDecoder: 'content/build-decoder',
  blobReadByBuild: 'content/blob-read-by-build',
  unreferencedBlob: 'content/unreferenced-blob',
  disguisedExecutable: 'content/disguised-executable',
  bundledExecutable: 'content/bundled-executable',
  unsafeArchiveEntry: 'content/unsafe-archive-entry',
  archiveLimit: 'content/archive-limit',
  secretExfiltration: 'content/secret-exfiltration',
  identityBeacon: 'content/identity-beacon',
  remoteCode: 'content/remote-code',
  decodedExec: 'content/decoded-exec',
  persistence: 'content/persistence',
  reverseShell: 'content/reverse-shell',
  sabotage: 'content/sabotage',
  browserHijack: 'content/browser-hijack',
} as const;

const R = CONTENT_RULES;

export const contentRules: RuleInfo[] = [
  {
    id: R.installExfiltration,
    title: 'Install-time code sends secrets or the environment over the network',
    severity: 'critical',
    meaning:
      'Code run by a preinstall/install/postinstall script both reaches the network and serialises process.env or reads credential files (.npmrc, ~/.ssh, cloud credentials, browser or wallet stores); or the script command line sends tokens to a network tool, or the machine identity ($(whoami), $(hostname)) to an OAST / webhook / tunnel host (the dependency-confusion DNS beacon).',
    why: 'Install scripts run on every developer machine and CI runner that installs the package, with their tokens in the environment; this is the standard shape of npm token and secret stealers.',
    example:
      'eslint-scope 3.7.2 (July 2018): the hijacked release fetched code at install time that read ~/.npmrc and sent the npm token to a remote server. Many 2021–2023 dependency-confusion packages posted JSON.stringify(process.env) from a postinstall script.',
    suppress: SUPPRESS(R.installExfiltration),
  },
  {
    id: R.installDownloadExec,
    title: 'Install script downloads and runs code, or opens a shell',
    severity: 'high',
    meaning:
      'A lifecycle script (or a shell/batch file it runs) pipes a download into a shell, downloads a file and later makes it executable or runs it, runs a PowerShell -EncodedCommand, or contains a reverse-shell idiom. A top-level binding.gyp counts as the install script when package.json has none: npm then runs node-gyp rebuild, which executes the <!(...) command expansions.',
    why: 'What runs is decided by a server at install time, not by the reviewed package contents.',
    example:
      'ua-parser-js 0.7.29 / 0.8.0 / 1.0.0 (October 2021): a preinstall script ran preinstall.sh / preinstall.bat, which downloaded and started a cryptominer and a password stealer.',
    suppress: SUPPRESS(R.installDownloadExec),
  },
  {
    id: R.installCapabilities,
    title: 'Install script uses network, processes or dynamic code',
    severity: 'low',
    meaning:
      'Code run at install time uses the network, child processes or eval-like execution. Common for packages that download prebuilt binaries; listed so reviewers know install has side effects.',
    why: 'Install-time behaviour is where most npm malware acts; knowing which packages do it narrows review.',
    example:
      'coa 2.0.3 / rc 1.2.9 (November 2021): hijacked releases added a preinstall that launched a script which downloaded and ran a Windows trojan.',
    suppress: SUPPRESS(R.installCapabilities),
  },
  {
    id: R.envExfiltration,
    title: 'Whole environment serialised in code that uses the network',
    severity: 'medium',
    meaning: 'A file serialises process.env as a whole (JSON.stringify, Object.entries, URLSearchParams…) and also reaches the network.',
    why: 'Environment variables hold CI and cloud tokens; sending all of them is exfiltration unless the package is a telemetry or debugging tool.',
    example:
      "Dependency-confusion copycats after Alex Birsan's February 2021 research sent JSON.stringify(process.env) to collaborator endpoints.",
    suppress: SUPPRESS(R.envExfiltration),
  },
  {
    id: R.credentialAccess,
    title: 'Code reads credential or wallet locations and uses the network',
    severity: 'medium',
    meaning:
      'A file names sensitive paths (~/.ssh, .npmrc, cloud credentials, browser profiles, crypto wallets, Discord token stores) and reaches the network.',
    why: 'Reading secrets from disk and talking to the network in the same module is the core of credential stealers.',
    example:
      'The 2022 "LofyGang" npm packages (Checkmarx) stole Discord tokens from Local Storage/leveldb and browser credential stores and sent them to webhooks.',
    suppress: SUPPRESS(R.credentialAccess),
  },
  {
    id: R.obfuscatedCode,
    title: 'Obfuscated JavaScript',
    severity: 'high',
    meaning:
      'A file uses an obfuscator, not a minifier: javascript-obfuscator style `_0x` string arrays with a rotation loop, the p,a,c,k,e,d packer, or JSFuck.',
    why: 'Legitimate libraries ship minified code, which keeps behaviour readable in the AST; obfuscation exists to hide behaviour from review.',
    example:
      'node-ipc 10.1.1 (March 2022) hid its file-overwriting payload behind encoded strings; many npm token stealers (e.g. the 2021–2022 Discord stealers reported by JFrog and Checkmarx) ship `_0x` string-array code.',
    suppress: SUPPRESS(R.obfuscatedCode),
  },
  {
    id: R.encodedExec,
    title: 'Encoded data is decoded and executed',
    severity: 'high',
    meaning:
      'Base64/hex data, decrypted data or String.fromCharCode over literal character codes flows into eval, Function, vm, module._compile, require or a child process.',
    why: 'Running decoded strings hides the real code from anyone reading the package.',
    example:
      "flatmap-stream 0.1.1 (event-stream incident, November 2018) decrypted an AES payload with the dependent package's description as key and ran it with module._compile.",
    suppress: SUPPRESS(R.encodedExec),
  },
  {
    id: R.appendedLoader,
    title: 'Loader appended after minified code',
    severity: 'high',
    meaning:
      'A top-level statement at the end of a minified file uses risky capabilities (dynamic require, decoding, decryption, vm, process spawning) that the rest of the file never uses.',
    why: 'Appending to a minified bundle keeps a payload out of sight of people who read the source repository.',
    example:
      'flatmap-stream 0.1.1 (November 2018): the malicious loader was appended to the minified index.min.js, which had no counterpart in the GitHub repository.',
    suppress: SUPPRESS(R.appendedLoader),
  },
  {
    id: R.trojanSource,
    title: 'Bidirectional control characters in source (Trojan Source)',
    severity: 'high',
    meaning:
      'A source file contains Unicode bidi override/embedding/isolate characters (U+202A–U+202E, U+2066–U+2069) that make code display differently from how it runs.',
    why: 'Reviewers see one program and the interpreter runs another.',
    example: 'CVE-2021-42574 "Trojan Source" (Boucher and Anderson, November 2021).',
    suppress: SUPPRESS(R.trojanSource),
  },
  {
    id: R.invisibleIdentifier,
    title: 'Invisible characters in identifiers',
    severity: 'high',
    meaning:
      'An identifier contains an invisible character (Hangul filler U+3164, zero-width joiners), so two names that look the same differ.',
    why: 'Invisible identifiers let a hidden parameter or variable carry attacker input past review.',
    example:
      '"The Invisible Backdoor" (Certitude, November 2021): a Hangul-filler parameter turned an Express route into a command-execution backdoor.',
    suppress: SUPPRESS(R.invisibleIdentifier),
  },
  {
    id: R.exfilEndpoint,
    title: 'Exfiltration endpoint in code',
    severity: 'medium',
    meaning: 'Code or a script names a request-capture, out-of-band, paste, tunnel or chat-webhook endpoint, or a raw public IP address.',
    why: 'Packages have no ordinary reason to send data to webhook.site, Burp Collaborator, ngrok or a Discord webhook; these are where stolen data goes.',
    example:
      'The 2022 @azure/@azure-rest typosquat wave (JFrog, 218 packages) and many dependency-confusion probes sent host data to OAST and webhook endpoints from install scripts.',
    suppress: SUPPRESS(R.exfilEndpoint),
  },
  {
    id: R.buildDecoder,
    title: 'Build files decode and run hidden content',
    severity: 'high',
    meaning:
      'A build or shell file (m4, configure, Makefile*, CMake, *.sh) chains deobfuscation idioms: tr character swaps, grep -a searches for markers in binary files, head -c/dd carving, decompression or base64 decoding into a shell or eval.',
    why: 'Build logic runs on every build machine and is rarely reviewed; decoding data there is how a payload gets into binaries.',
    example:
      'xz-utils 5.6.0/5.6.1 (CVE-2024-3094): m4/build-to-host.m4, present only in the release tarball, found a test file with grep -aErls "#{4}[[:alnum:]]{5}#{4}$", swapped characters with tr "\\t \\-_" " \\t_\\-" and piped it through xz -d into a shell.',
    suppress: SUPPRESS(R.buildDecoder),
  },
  {
    id: R.blobReadByBuild,
    title: 'Test or data file is read by build logic',
    severity: 'critical',
    meaning:
      'A compressed or high-entropy data file matches a marker that a build file searches for, or is named by a build file that also decodes and runs content.',
    why: 'Build logic has no business extracting content from test fixtures; this is a hidden payload being unpacked at build time.',
    example:
      'xz-utils 5.6.1: tests/files/bad-3-corrupt_lzma2.xz carried the "####Hello####" marker found by build-to-host.m4 and held the first-stage script; tests/files/good-large_compressed.lzma held the backdoor object.',
    suppress: SUPPRESS(R.blobReadByBuild),
  },
  {
    id: R.unreferencedBlob,
    title: 'Compressed or high-entropy data file that no source file names',
    severity: 'low',
    meaning:
      'Test / fixture / data folders hold compressed or random-looking files that no code or build file in the package refers to by name, and no generator for them is shipped.',
    why: 'Opaque blobs without a generator cannot be reviewed; they are where the xz payload hid.',
    example:
      'xz-utils 5.6.0/5.6.1: tests/files/good-large_compressed.lzma and bad-3-corrupt_lzma2.xz were binary "test files" with no generator.',
    suppress: SUPPRESS(R.unreferencedBlob),
  },
  {
    id: R.disguisedExecutable,
    title: 'Executable disguised as a text, data or media file',
    severity: 'high',
    meaning: 'A file whose extension promises text, data or an image holds an ELF, PE or Mach-O executable.',
    why: 'Renaming an executable hides it from reviewers and from tools that skip binaries by extension.',
    example:
      'MITRE ATT&CK T1036.008 (Masquerade File Type) documents payloads stored under innocent extensions; in ua-parser-js 0.7.29 (October 2021) the install stage fetched a miner stored as an extension-less "jsextension" file.',
    suppress: SUPPRESS(R.disguisedExecutable),
  },
  {
    id: R.bundledExecutable,
    title: 'Package ships a native executable',
    severity: 'low',
    meaning: 'The release contains ELF, PE or Mach-O executables (not .node addons).',
    why: 'Prebuilt binaries cannot be reviewed as source; they are expected in platform packages (esbuild, swc) and surprising elsewhere.',
    example:
      'ua-parser-js 0.7.29 (October 2021) ran a downloaded cryptominer binary; platform packages like @esbuild/linux-x64 ship one legitimately.',
    suppress: SUPPRESS(R.bundledExecutable),
  },
  {
    id: R.unsafeArchiveEntry,
    title: 'Archive entry escapes the package or is a link',
    severity: 'high',
    meaning:
      'The archive contains entries with "..", absolute paths or drive letters, or links pointing outside the package. vigil skipped them; a naive extractor would write outside the target folder.',
    why: 'Path traversal in package archives overwrites files on the installing machine (zip-slip / tar-slip).',
    example:
      'CVE-2021-32803/32804 (node-tar, 2021): crafted tarballs with symlinks and absolute paths wrote outside the extraction folder during npm install.',
    suppress: SUPPRESS(R.unsafeArchiveEntry),
  },
  {
    id: R.archiveLimit,
    title: 'Archive hit a safety limit; content only partly analysed',
    severity: 'medium',
    meaning: 'Reading stopped at an entry-count, size or compression-ratio cap (a possible archive bomb); later files were not analysed.',
    why: 'A package that is not fully analysed can hide anything in the unread part.',
    example: 'Decompression bombs such as 42.zip; npm packages with hundreds of MB of padding have been used to slow scanners.',
    suppress: SUPPRESS(R.archiveLimit),
  },
  {
    id: R.secretExfiltration,
    title: 'Secrets reach the network (behaviour chain)',
    severity: 'critical',
    meaning:
      "Following the package from its entry points (lifecycle hooks, binding.gyp, bin, main/exports, browser) through its requires, a secret source — secret environment variables or the whole environment, .npmrc, private SSH keys, cloud credentials, browser and Discord stores, wallet files, keychains, the clipboard — reaches a network sink (HTTP, DNS, raw socket, Git hosting API, curl/wget in a shell). Critical at install time; high at runtime when the flow is traced and harvests several secrets or other programs' stores; medium when the two are only reached together. The evidence lists entry → source → transform → sink with file:line.",
    why: 'This is what token and wallet stealers do, whatever strings they use; judging the chain rather than a list of known strings is what catches the next one.',
    example:
      'eslint-scope 3.7.2 (July 2018): the hijacked release read ~/.npmrc at install and sent the npm token to a remote server. Shai-Hulud (September 2025): a postinstall bundle collected npm, GitHub and cloud tokens and published them through the GitHub API.',
    suppress: SUPPRESS(R.secretExfiltration),
  },
  {
    id: R.identityBeacon,
    title: 'Machine identity sent out at install (beacon)',
    severity: 'high',
    meaning:
      'Install-time code sends the host name, user name or network interfaces over HTTP, DNS (data in the labels) or a shell network tool. At runtime the same flow is low (analytics).',
    why: "Dependency-confusion and reconnaissance packages phone home with who installed them before doing anything else; ordinary install scripts have no reason to report the machine's identity.",
    example:
      "Alex Birsan's dependency-confusion research (February 2021): preinstall code sent hostname, username and path, hex-encoded in DNS labels, from inside Apple, Microsoft and PayPal networks; hundreds of copycat packages followed.",
    suppress: SUPPRESS(R.identityBeacon),
  },
  {
    id: R.remoteCode,
    title: 'Code downloaded and run',
    severity: 'high',
    meaning:
      'Data that comes back from the network flows into eval/Function/vm/module._compile or a child process, or is written to disk and then made executable or run. Critical at install; low when the code verifies a hash of the download first.',
    why: 'What runs is decided by a server at run time, not by the reviewed package contents.',
    example:
      'ua-parser-js 0.7.29 / 0.8.0 / 1.0.0 (October 2021): the preinstall step downloaded a cryptominer and a password stealer and started them.',
    suppress: SUPPRESS(R.remoteCode),
  },
  {
    id: R.decodedExec,
    title: 'Hidden payload decoded and executed',
    severity: 'high',
    meaning:
      'Bytes from a media file (an image, font or sound shipped in the package) or another decoded source flow into eval/Function/vm or a child process.',
    why: 'Steganography keeps a payload out of sight of anyone reading the code.',
    example:
      'fezbox (Socket, September 2025): the package fetched a QR-code image, decoded JavaScript hidden in it and executed it to steal credentials from cookies.',
    suppress: SUPPRESS(R.decodedExec),
  },
  {
    id: R.persistence,
    title: 'Writes persistence or tampers with other configuration',
    severity: 'high',
    meaning:
      'Code writes to SSH authorized_keys, shell start-up files, autostart locations, CI workflows, npm/yarn configuration (.npmrc) or the files of other installed packages.',
    why: 'These writes outlive the package: a new SSH key, a rc-file line or a registry override keeps the attacker in after the package is removed.',
    example:
      "CanisterWorm (StepSecurity, 2026): compromised versions installed a persistent backdoor as a systemd user service from a postinstall hook; Shai-Hulud (September 2025) committed a GitHub Actions workflow to the victims' repositories.",
    suppress: SUPPRESS(R.persistence),
  },
  {
    id: R.reverseShell,
    title: 'Reverse shell',
    severity: 'critical',
    meaning: 'A shell process is wired to a network socket (net.Socket piped into sh/cmd stdin/stdout, /dev/tcp redirections, nc -e).',
    why: 'It hands an interactive shell on the installing machine to a remote operator.',
    example: 'twilio-npm (Sonatype, November 2020): a typosquat whose postinstall opened a reverse TCP shell to a remote host.',
    suppress: SUPPRESS(R.reverseShell),
  },
  {
    id: R.sabotage,
    title: 'Sabotage: gated destruction or endless loop on import',
    severity: 'high',
    meaning:
      "Code writes or deletes files depending on the machine's country or time zone, or a module loops forever at its top level as soon as it is loaded.",
    why: 'Protestware and sabotage turn a trusted dependency against its users without stealing anything.',
    example:
      'node-ipc 10.1.1 (March 2022) overwrote files with a heart emoji on machines geolocated to Russia or Belarus; colors 1.4.1 (January 2022) entered an infinite loop when loaded.',
    suppress: SUPPRESS(R.sabotage),
  },
  {
    id: R.browserHijack,
    title: 'Browser network or wallet hooks',
    severity: 'high',
    meaning:
      'Code replaces fetch, XMLHttpRequest or window.ethereum methods and matches cryptocurrency wallet addresses (address swapping), or reads window.ethereum while hooking; a lone hook is low.',
    why: 'Hooked browser APIs rewrite payments and steal data in every application that bundles the package.',
    example:
      'chalk / debug and 16 other packages (September 8, 2025): the injected code hooked fetch, XMLHttpRequest and window.ethereum and replaced wallet addresses in transactions with look-alike attacker addresses.',
    suppress: SUPPRESS(R.browserHijack),
  },
];
