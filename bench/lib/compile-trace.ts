/**
 * V8's `--trace-opt --trace-deopt-verbose` output, summarised: how many optimising compiles, of which
 * functions, how long their compile jobs took, and which deoptimisations sent them back (reason and
 * the innermost frame, inlined or not). Lines of several threads (isolates) interleave on one stdout;
 * each line is read alone, so a deopt's frame is the last "translating interpreted frame" seen before
 * the next bailout of any thread (close enough for a ranking, not an exact attribution).
 */

export interface FunctionChurn {
  name: string;
  compiles: number;
  osr: number;
  /** Compile job time summed (prepare + execute + finalize, ms, as V8 prints it). */
  compileMs: number;
  deopts: number;
}

export interface CompileChurn {
  compiles: number;
  compileMs: number;
  deopts: number;
  functions: FunctionChurn[];
  reasons: Map<string, number>;
  /** `reason @ innermost frame:bytecode offset` → count. */
  sites: Map<string, number>;
}

const COMPLETED =
  /^\[completed compiling 0x[0-9a-f]+ <JSFunction ([^ >]*) ?[^>]*> \(target TURBOFAN\)( OSR)? - took ([\d.]+), ([\d.]+), ([\d.]+) ms\]/;
const BAILOUT = /^\[bailout \(kind: ([^,]+), reason: ([^)]*)\): begin\. deoptimizing 0x[0-9a-f]+ <JSFunction ([^ >]*)/;
const FRAME = /^\s+translating interpreted frame (\S*) => bytecode_offset=(\d+)/;

export function summariseCompileTrace(lines: Iterable<string>): CompileChurn {
  const fns = new Map<string, FunctionChurn>();
  const fn = (name: string) => {
    const key = name || '(anonymous)';
    let f = fns.get(key);
    if (!f) fns.set(key, (f = { name: key, compiles: 0, osr: 0, compileMs: 0, deopts: 0 }));
    return f;
  };
  const reasons = new Map<string, number>();
  const sites = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  let compiles = 0;
  let compileMs = 0;
  let deopts = 0;
  let pending: { reason: string; frame: string } | undefined;
  const flush = () => {
    if (pending) bump(sites, `${pending.reason} @ ${pending.frame}`);
    pending = undefined;
  };
  for (const line of lines) {
    const c = COMPLETED.exec(line);
    if (c) {
      const f = fn(c[1]!);
      const ms = Number(c[3]) + Number(c[4]) + Number(c[5]);
      f.compiles++;
      if (c[2]) f.osr++;
      f.compileMs += ms;
      compiles++;
      compileMs += ms;
      continue;
    }
    const b = BAILOUT.exec(line);
    if (b) {
      flush();
      fn(b[3]!).deopts++;
      deopts++;
      const reason = `${b[2]} (${b[1]})`;
      bump(reasons, reason);
      pending = { reason, frame: b[3] || '(anonymous)' };
      continue;
    }
    const fr = pending && FRAME.exec(line);
    if (fr && pending) pending.frame = `${fr[1] || '(anonymous)'}:${fr[2]}`;
  }
  flush();
  return { compiles, compileMs, deopts, functions: [...fns.values()], reasons, sites };
}

export function formatCompileChurn(c: CompileChurn, top = 25): string[] {
  const out = [
    `optimising compiles: ${c.compiles} of ${c.functions.filter((f) => f.compiles > 0).length} functions, ${(c.compileMs / 1000).toFixed(2)} s of compile jobs; deopts: ${c.deopts}`,
    `functions by compile time (compiles, OSR, deopts, compile s):`,
  ];
  for (const f of [...c.functions].sort((a, b) => b.compileMs - a.compileMs).slice(0, top)) {
    out.push(
      `  ${f.name.padEnd(36)} ${String(f.compiles).padStart(5)} ${String(f.osr).padStart(4)} ${String(f.deopts).padStart(5)} ${(f.compileMs / 1000).toFixed(2).padStart(7)}`,
    );
  }
  out.push('deopt reasons:');
  for (const [r, n] of [...c.reasons].sort((a, b) => b[1] - a[1]).slice(0, top)) out.push(`  ${String(n).padStart(5)}  ${r}`);
  out.push('deopt sites (reason @ innermost frame:bytecode offset):');
  for (const [s, n] of [...c.sites].sort((a, b) => b[1] - a[1]).slice(0, top)) out.push(`  ${String(n).padStart(5)}  ${s}`);
  return out;
}
