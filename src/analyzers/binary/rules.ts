/** Catalogue entries for every rule the binary analyzer emits. */
import type { RuleInfo } from '../../core/rule.js';

export const BINARY_ANALYZER = { id: 'binary', version: '1.0.0' } as const;

export const BINARY_RULES = {
  resolverLinker: 'binary/ifunc-resolver-linker-access',
  resolverComplex: 'binary/ifunc-resolver-complex',
  loadTimeExec: 'binary/load-time-exec',
  codeBlob: 'binary/code-entropy-blob',
  knownSignature: 'binary/known-signature',
  platformMismatch: 'binary/prebuild-platform-mismatch',
  newIfunc: 'binary/new-ifunc',
  newImports: 'binary/new-risky-imports',
  newConstructor: 'binary/new-constructor',
  textGrowth: 'binary/text-growth',
} as const;

const R = BINARY_RULES;
const SUPPRESS = (id: string): string =>
  `Add to vigil.config.json: {"suppressions":[{"rule":"${id}","subject":"pkg:deb/debian/NAME (or pkg:npm/NAME)","reason":"<why this binary is expected to do this>","expires":"YYYY-MM-DD"}]}`;
const XZ =
  'CVE-2024-3094 (xz-utils 5.6.0/5.6.1): an object file injected at build time gave liblzma IFUNC resolvers (crc32_resolve, crc64_resolve) ' +
  "that ran during symbol binding inside sshd, walked the dynamic linker's structures and redirected RSA_public_decrypt (Andres Freund, " +
  'oss-security, 29 March 2024; Binarly, "XZ Utils backdoor detection", April 2024).';

export const binaryRules: RuleInfo[] = [
  {
    id: R.resolverLinker,
    title: 'IFUNC resolver reaches into the dynamic linker, page protections, processes or the network',
    severity: 'high',
    meaning:
      "A GNU indirect-function resolver — code the dynamic linker runs while it is still binding symbols, before the program's main — references dynamic-linker structures (_r_debug, link maps, dl_iterate_phdr, dlsym, _dl_audit_*, rtld globals), changes page protections (mprotect), stores into the GOT, or calls exec/socket functions. Evidence names the resolver, its section and file offset, and the symbols.",
    why: "A resolver only has to pick an implementation from CPU features. Reaching other objects' link maps or GOTs at that moment is how a library hijacks functions of the process that loads it, before RELRO makes the tables read-only.",
    example: XZ,
    suppress: SUPPRESS(R.resolverLinker),
  },
  {
    id: R.resolverComplex,
    title: 'IFUNC resolver does far more than CPU-feature selection',
    severity: 'medium',
    meaning:
      'An IFUNC resolver reaches much more code than a CPU-dispatch resolver needs (bytes and internal functions counted without CPU probes such as CPUID), or calls imports unrelated to feature detection, or reads the environment. In a stripped x86-64 file that records no length for a function, the code counted is what its control flow reaches from its entry, not everything up to the next known function.',
    why: 'Resolvers run inside every process that loads the library, before its own initialisation and with no sandbox; a large resolver is a hiding place for code that nobody expects to run then.',
    example: XZ,
    suppress: SUPPRESS(R.resolverComplex),
  },
  {
    id: R.loadTimeExec,
    title: 'Prebuilt binary runs programs or opens sockets as soon as it is loaded',
    severity: 'high',
    meaning:
      'A native binary shipped in an npm package (a .node addon or a prebuilt executable/library) reaches exec*/system/popen/fork or socket/connect from a constructor (.init_array, DT_INIT) or from its Node module registration function.',
    why: "require() of a native addon runs these functions with the user's rights, without install scripts; a compiled payload there is invisible to JavaScript review.",
    example:
      'Malicious npm packages have shipped prebuilt native payloads as addons and executables (e.g. the 2021 ua-parser-js, coa and rc hijacks downloaded and ran native binaries; GitHub advisories GHSA-pjwm-rvh2-c87w, GHSA-73qr-pfmq-6rp8, GHSA-g2q5-5433-rhrf).',
    suppress: SUPPRESS(R.loadTimeExec),
  },
  {
    id: R.codeBlob,
    title: 'High-entropy data inside an executable section',
    severity: 'low',
    meaning:
      'A run of at least 4 KiB inside .text (or another executable section) has the byte entropy of compressed or encrypted data. Severity is medium when it starts with a compression header or when the same file has a suspicious IFUNC resolver or load-time exec.',
    why: 'Packed or encrypted payloads are kept where reviewers and scanners expect only code. Some crypto libraries keep precomputed tables in .text, so alone this is weak evidence.',
    example:
      'The xz backdoor carried its payload as "test files" whose bytes were compressed and encrypted data (CVE-2024-3094); packers such as UPX keep compressed code in executable sections.',
    suppress: SUPPRESS(R.codeBlob),
  },
  {
    id: R.knownSignature,
    title: 'Bytes of a known backdoor',
    severity: 'high',
    meaning:
      'An ELF file contains a byte pattern from the signature catalogue (data/binary-signatures/catalogue.json); evidence names the signature, the public rule set and date it came from, and the file offset.',
    why: 'Known bad bytes are conclusive for that incident, but only for it: the structural rules are what find the next one.',
    example: XZ,
    suppress: SUPPRESS(R.knownSignature),
  },
  {
    id: R.platformMismatch,
    title: "Prebuilt binary does not match the package's declared platforms",
    severity: 'medium',
    meaning:
      'An npm package declares the platforms it supports (package.json os/cpu, or per-platform optional dependencies such as @scope/linux-x64), but ships an ELF binary for another CPU, or ships one itself beside its platform packages.',
    why: 'Packages that distribute native code through platform packages have no reason to carry an extra binary in the main tarball; a mismatched binary is not the one the build produced for this platform.',
    example:
      'esbuild, swc and sharp ship their binaries only in per-platform packages (@esbuild/linux-x64, @swc/core-linux-x64-gnu, @img/sharp-linux-x64).',
    suppress: SUPPRESS(R.platformMismatch),
  },
  {
    id: R.newIfunc,
    title: 'New IFUNC resolvers compared with the previous version',
    severity: 'medium',
    meaning:
      'A shared library has IFUNC resolvers that its previous version did not have (by symbol, or by count when unnamed). High when the library had none before and a new resolver is complex or reaches the linker; info when every new resolver only selects by CPU features.',
    why: 'New resolvers add code that runs during symbol binding in every process that loads the library; that is the entry point the xz backdoor used.',
    example: XZ,
    suppress: SUPPRESS(R.newIfunc),
  },
  {
    id: R.newImports,
    title: 'Binary imports process, network, linker or crypto functions it did not use before',
    severity: 'medium',
    meaning:
      'Compared with the previous version, an ELF file imports new functions that run programs, open sockets, reach the dynamic linker, change page protections or do cryptography.',
    why: 'A compression or parsing library that starts to import system() or RSA functions gained a capability its source change rarely explains.',
    example: XZ,
    suppress: SUPPRESS(R.newImports),
  },
  {
    id: R.newConstructor,
    title: 'Binary has more constructors than its previous version',
    severity: 'low',
    meaning: 'The number of load-time entry points (.init_array, .preinit_array, DT_INIT) grew between versions.',
    why: 'Constructors run on load, before the program uses the library; new ones deserve a look at what they call.',
    example:
      'Injected objects commonly register a constructor to run on load (a technique catalogued as MITRE ATT&CK T1574.006 for preloaded libraries).',
    suppress: SUPPRESS(R.newConstructor),
  },
  {
    id: R.textGrowth,
    title: 'Code grew far beyond the change in its interface',
    severity: 'low',
    meaning:
      'The executable sections of a binary grew by more than 25% (and 16 KiB) while its exported symbols stayed almost the same. Shown next to the source/changelog delta so a reviewer can check whether the change explains it.',
    why: 'Injected code adds bytes but no API; legitimate growth usually comes with new functions or a changelog entry that explains it.',
    example: XZ,
    suppress: SUPPRESS(R.textGrowth),
  },
];
