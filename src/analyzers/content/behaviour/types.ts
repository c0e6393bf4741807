/**
 * The behaviour model of a package: where its code starts running (entry points), what secrets or
 * identity it reads (sources), how it reshapes them (transforms), and where data goes or what it
 * runs (sinks). A chain joins them, with file:line for every hop. Plain JSON, part of ContentFacts.
 */

/** What a piece of code reads that is worth stealing or identifies the machine. */
export type SourceKind =
  | 'env-all' // the whole process.env
  | 'env-secret' // process.env.X where X names a token, key, password
  | 'identity' // host name, user name, network interfaces, cwd, home
  | 'secret-file' // .npmrc, private SSH keys, cloud credentials, .git-credentials, /etc/passwd
  | 'dotenv' // a project's .env file (secrets of the application, read by path)
  | 'ssh-dir' // the ~/.ssh folder with no private key named (public keys are not secrets)
  | 'browser-store' // browser profiles, cookies, Login Data, Local Storage/leveldb, Discord token stores
  | 'wallet' // crypto wallet files and wallet browser-extension ids
  | 'keychain' // OS keychains (security find-generic-password, keytar)
  | 'clipboard'
  | 'ethereum' // window.ethereum
  | 'browser-secret' // document.cookie, localStorage in a browser bundle
  | 'cloud-metadata' // instance metadata service (169.254.169.254)
  | 'remote' // data that came back from the network
  | 'decoded'; // data decoded from base64/hex/char codes/decryption

export type TransformKind = 'base64' | 'hex' | 'encrypt' | 'compress' | 'serialize' | 'char-codes' | 'reverse' | 'dns-labels';

export type SinkKind =
  | 'network' // HTTP(S), fetch, WebSocket, sendBeacon
  | 'dns' // DNS query whose name is computed
  | 'socket' // raw TCP/UDP/TLS socket
  | 'git-api' // GitHub/GitLab API (repositories, gists, workflows)
  | 'exec' // child process or shell
  | 'shell-net' // a shell command that reaches the network (curl, wget, nslookup, nc)
  | 'eval' // eval, Function, vm, module._compile, require(<computed>)
  | 'write-persistence' // authorized_keys, shell rc files, autostart, CI workflows
  | 'write-npmrc' // .npmrc / .yarnrc written
  | 'write-package' // files of other installed packages
  | 'write-file' // any other file written
  | 'chmod' // file made executable
  | 'destroy' // files deleted or overwritten in bulk
  | 'hook-global'; // fetch / XMLHttpRequest / window.ethereum replaced

/** One place in one file. */
export interface BSite {
  file: string;
  line: number;
  excerpt: string;
  detail?: string;
  /** Offset in the file (a parsed site): how far apart two sites are in a minified file whose lines say nothing. */
  offset?: number;
}

export interface BSource extends BSite {
  kind: SourceKind;
}
export interface BTransform extends BSite {
  kind: TransformKind;
}
export interface BSink extends BSite {
  kind: SinkKind;
  /**
   * Network sinks: where the request's address comes from, when traced — the environment
   * (`configured`: the user decided where it goes) or a URL literal in the package (`hard-coded`).
   */
  destination?: 'configured' | 'hard-coded';
  /** For a hard-coded destination: the URL hosts that reach the address argument. */
  hosts?: string[];
  /**
   * File writes, chmod and child processes: the names and literals their path / command argument
   * is built from. A write and a chmod/exec that share one act on the same file.
   */
  target?: string[];
  /**
   * Persistence writes (write-persistence, write-npmrc, write-package): the function the write sits
   * in, by the name that binds it (declared, assigned, a method), when it is in one; absent when
   * the write runs at the top level of its module or only inside functions without a name there
   * (callbacks, immediately invoked functions). See load-reach.ts.
   */
  caller?: string;
}

/** A data flow proven inside one file: source kinds that reach a sink (indices into the file's lists). */
export interface BFlow {
  sources: number[];
  sink: number;
  transforms: number[];
}

/** Runtime behaviour that is not a data flow. */
export type BSignalKind =
  | 'import-time-loop' // a never-ending loop at the top level of a module
  | 'geo-gate' // code that branches on country / time zone / locale
  | 'address-pattern' // crypto wallet address patterns (for swapping)
  | 'checksum' // the code verifies a hash of what it downloaded
  | 'reverse-shell' // a socket piped into a shell
  | 'remote-trigger'; // a request handler compares a request field with a fixed value

export interface BSignal extends BSite {
  kind: BSignalKind;
}

export interface FileBehaviour {
  sources: BSource[];
  transforms: BTransform[];
  sinks: BSink[];
  flows: BFlow[];
  signals: BSignal[];
  /** Relative requires/imports with their lines (for the hops of a chain). */
  imports: { spec: string; line: number }[];
  /** URL hosts named in string literals (excluding documentation/example hosts). */
  hosts: string[];
}

export type EntryKind = 'install' | 'bin' | 'main' | 'browser' | 'exports';

export interface EntryPoint {
  kind: EntryKind;
  /** `scripts.postinstall`, `bin.foo`, `main`, `binding.gyp` … */
  field: string;
  /** The command line (install hooks), or the file named. */
  value: string;
  /** Package files the entry starts (before following requires). */
  files: string[];
  /** Every package file reachable from `files` through relative requires/imports. */
  reach: string[];
  /** Set for install hooks npm runs without a script entry (binding.gyp). */
  implicit?: boolean;
}

export type ChainKind =
  | 'secret-exfiltration'
  | 'identity-beacon'
  | 'remote-code'
  | 'decoded-exec'
  | 'persistence'
  | 'reverse-shell'
  | 'sabotage'
  | 'browser-hijack';

export interface ChainHop extends BSite {
  role: 'entry' | 'import' | 'source' | 'transform' | 'sink' | 'signal';
  kind: string;
}

export interface Chain {
  kind: ChainKind;
  /** install: reached from a lifecycle hook; runtime: from main/bin/exports/browser or unreferenced. */
  phase: 'install' | 'runtime';
  /** true when the source → sink flow is proven in one file; false when only reached together. */
  proven: boolean;
  severity: 'critical' | 'high' | 'medium' | 'low' | 'info';
  summary: string;
  hops: ChainHop[];
}

export interface BehaviourFacts {
  entries: EntryPoint[];
  /** Per file, only files with any source, sink or signal. */
  files: Record<string, FileBehaviour>;
  chains: Chain[];
}
