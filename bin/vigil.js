#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/cli (built by `npm ci` through the prepare script).
import { statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

/** A V8 option given on node's command line (node refuses both below in NODE_OPTIONS). */
const explicit = (flag) => process.execArgv.some((a) => a.startsWith(flag));

// V8 lets the old generation grow to up to 4× what survived the last full collection before it
// collects again. A scan builds large structures that live for one stage (the parsed lockfile,
// the inventory's maps, the scores), so its peak RSS was several times its live data. 2× keeps the
// peak well below that (V8's default let a 55,000-entry offline scan reach 451 MiB). 1.5× (set
// here before) kept it lower still, but a cold scan then ran a full collection about every second,
// each marking the scanning thread's whole heap on V8's helper threads: 8 alternated cold
// platform-app scans, median wall 30.0 s at 1.5× against 27.5 s at 2×, user CPU 38.9 against
// 34.9 s, peak RSS 521–566 MiB either way. An explicit `node --heap-growing-percent=N` wins.
if (!explicit('--heap-growing-percent')) setFlagsFromString('--heap-growing-percent=100');

// V8 compiles a function with TurboFan once it has run ~66 KB of its bytecode (its interrupt
// budget). A cold scan runs the parser and the analyzers in two isolates (this thread and the
// content worker) and kept V8's helper threads compiling: TurboFan was 18% of all CPU samples of a
// cold platform-app scan (perf), ~2,600 compiles of ~600 functions, many again after a
// deoptimisation. At 330 KB, code that stays hot is still compiled, and sooner than at 1 MB, which
// saved the scan as much but cost `vigil history` on a 39,000-commit repository 23% more CPU.
// Medians of 3 alternated cold platform-app scans: CPU 49.4 → 44.9 s, peak RSS 558–566 → 520–544 MiB;
// `vigil history` (curl): CPU 28.4 s either way. An explicit `node --interrupt-budget=N` wins.
if (!explicit('--interrupt-budget=')) setFlagsFromString('--interrupt-budget=330000');

// `vigil guard` runs before every install it wraps: it loads the bundled CLI (dist/bundle/, built by
// scripts/bundle-cli.mjs from dist/), a few dozen chunks instead of ~80 separate modules. Other
// commands load dist/cli/ as tsc built it, and so does guard when the bundle is missing or older than
// that build (only tsc was run since).
const built = new URL('../dist/cli/main.js', import.meta.url);
const bundled = new URL('../dist/bundle/main.js', import.meta.url);
const useBundle = process.argv[2] === 'guard' && (statSync(bundled, { throwIfNoEntry: false })?.mtimeMs ?? 0) >= statSync(built).mtimeMs;
const { main } = await import(useBundle ? bundled.href : built.href);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exitCode = 70;
  },
);
