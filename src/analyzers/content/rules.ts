/** Catalogue entries for every rule the content analyzer can emit. */
import type { RuleInfo } from '../../core/rule.js';

const SUPPRESS = (id: string): string =>
  `Add to vigil.config.json: {"suppressions":[{"rule":"${id}","subject":"pkg:npm/NAME@VERSION","reason":"<why this is expected>","expires":"YYYY-MM-DD"}]}`;

export const CONTENT_RULES = {
  installCapabilities: 'content/install-capabilities',
  obfuscatedCode: 'content/obfuscated-code',
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
      "Following the package from its entry points (lifecycle hooks, binding.gyp, bin, main/exports, browser) through its requires, a secret source — secret environment variables or the whole environment, a project's .env file (when its contents are traced), .npmrc, private SSH keys, cloud credentials, browser and Discord stores, wallet files, keychains, the clipboard — reaches a network sink (HTTP, DNS, raw socket, Git hosting API, curl/wget in a shell). Critical at install time; high at runtime when the flow is traced and harvests several secrets or other programs' stores, or when the address is written into the package and its host is neither a well-known public service nor the service the credential is named after (OPENAI_API_KEY to an openai host is the tool using its own service); medium when the two are only reached together; low when the request's address itself comes from the environment (a CI token sent to the token service the CI configured), or when at run time one credential goes only to the service it is named after (GITHUB_TOKEN to api.github.com). Environment variables count as secrets by whole name segments (TOKEN, SECRET, PASSWORD, AUTH, API_KEY…), never by substrings, and not when the name ends in a location (…_URL, …_HOST). The evidence lists entry → source → transform → sink with file:line. This rule replaces the older install-exfiltration, env-exfiltration and credential-access rules.",
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
      'Data that comes back from the network flows into eval/Function/vm/module._compile or a child process; a shell pipes a download into a shell or runs a file it downloaded; or a download is written to a file that the same code then runs (high at install) or only makes executable (medium at install, low at runtime: how prebuilt-binary installers ship their own tool). The write and the chmod/exec must name the same file; low when the code verifies a hash of the download first. Critical when the downloaded code itself runs at install. Replaces the older install-download-exec rule.',
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
      'Decoded data — base64/hex/decrypted data, String.fromCharCode over literal codes, bytes read from a media file — flows into eval/Function/vm/module._compile/require or a child process; or a shell pipes base64 -d / decompressed output into a shell, or runs PowerShell -EncodedCommand. Critical at install, high at runtime. Replaces the older encoded-exec rule.',
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
      'Code writes to SSH authorized_keys, shell start-up files, autostart locations (systemd user units, cron, LaunchAgents), CI workflows, npm/yarn configuration (.npmrc), the files of other installed packages, or the files of other installed applications (/Applications, Program Files, AppData/Local/Programs, and wherever a desktop application keeps its code: an Electron app.asar or resources/app folder, the app-<version> folder of a per-user install, the discord_desktop_core module Discord loads, an installed browser extension) — a write into its own installed copy does not count (node_modules/<its name>, or a path built from its own folder with `path.join(__dirname, …)` that does not climb out of the package), and another package means a package name after node_modules/ (not a tool cache such as node_modules/.cache, a directory matcher or an ignore glob). High at install; medium at run time for .npmrc and the files of other packages; low for test files that no entry point loads (fixtures written where the test puts them). Medium, naming the function, when the write sits in a named function that nothing run while the code loads calls (the script an install hook runs and the modules it requires, or the package imported through main/exports/browser): its uses are followed by name through the package — calls, callbacks, exports and imports under other names, destructuring, methods of objects handed to a call, and any importer that handles the module object as a whole (passes it on, iterates it, indexes it with a computed key) counts as calling every export — and a write reached only through a command of the package (bin) is medium too; install code of a dozen files or fewer, a module that hands itself out whole (`module.exports = fn`), and a file that cannot be parsed all count as running.',
    why: 'These writes outlive the package: a new SSH key, a rc-file line or a registry override keeps the attacker in after the package is removed.',
    example:
      "CanisterWorm (reported by Aikido and Mend, March 2026): compromised versions installed a persistent backdoor as a systemd user service from a postinstall hook; Shai-Hulud (September 2025) committed a GitHub Actions workflow to the victims' repositories.",
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
      "Code writes or deletes files depending on the machine's country or time zone; a request handler deletes files recursively when a request field equals a fixed value (a remote kill switch); or a module loops forever at its top level as soon as it is loaded.",
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
