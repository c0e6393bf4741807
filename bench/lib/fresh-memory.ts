/**
 * What touching memory for the first time costs on this machine now: the time to write 64 MiB of
 * newly allocated memory, per 4 KiB page. On a VM whose memory the host backs lazily (and takes back
 * when the guest frees it) a page fault costs 10-12 µs instead of well under 1; a scan or an
 * `npm ci` that touches a few GiB of fresh pages pays seconds for it, and more after minutes of
 * load, when more of the guest's memory was handed back. Printed beside each round's page faults.
 */
const BYTES = 64 * 1024 * 1024;
const PAGE = 4096;

/** Microseconds per fresh 4 KiB page (best of three). */
export function freshPageMicros(): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    // A SharedArrayBuffer of this size is its own mapping, as the scan's slabs are: every page is new.
    const b = new Uint8Array(new SharedArrayBuffer(BYTES));
    const t = process.hrtime.bigint();
    for (let at = 0; at < BYTES; at += PAGE) b[at] = 1;
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1000 / (BYTES / PAGE));
  }
  return best;
}
