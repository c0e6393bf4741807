/**
 * Source maps in a scan keep their first bytes only. A source map is JSON that debuggers and stack
 * trace tools read; nothing runs it. Content analysis classes it as text and analyses no text file
 * but scripts: its text was only searched for the names of data files (a blob named in a source
 * map alone now counts as named by no file), and the head still gives the magic-byte and entropy
 * checks what they read (a binary named `.map` is still found). release-diff compares a cut map by
 * its size and head. Whole, they were a large share of what a scan held in memory: next@15.5.29
 * ships 60 MiB of them in 134 MiB, and a framework's release is held whole while its files are
 * analysed.
 *
 * Only a file that opens a JSON object with a key is cut. That can never run as a script: a script
 * that starts `{"key":` is a syntax error before its first statement, and Node loads a `.map` file
 * that a module requires as a script. A `.map` file that starts any other way is read whole, as
 * every other file is (code hidden behind a `.map` name stays visible to the analyses that follow a
 * require into it).
 */

/** Whether `path` names a source map (`.map`, `.js.map`, `.css.map`, …). */
export function isSourceMapPath(path: string): boolean {
  return path.endsWith('.map');
}

/** A JSON object's first key: optional UTF-8 byte order mark and whitespace, `{`, whitespace, a string, whitespace, `:`. */
const JSON_OBJECT_START = /^(?:\uFEFF)?\s*\{\s*"(?:[^"\\\n]|\\.){0,256}"\s*:/;

/** The longest opening read: a key longer than that is not cut (the file is read whole). */
const OPENING_BYTES = 1024;

/** Whether a file whose first bytes are `chunks` opens a JSON object with a key (and so cannot run as a script). */
export function opensJsonObject(chunks: readonly Buffer[]): boolean {
  const first: Buffer[] = [];
  let n = 0;
  for (const c of chunks) {
    if (n >= OPENING_BYTES) break;
    first.push(c);
    n += c.length;
  }
  return JSON_OBJECT_START.test(Buffer.concat(first).subarray(0, OPENING_BYTES).toString('utf8'));
}
