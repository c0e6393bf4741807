/**
 * A generated script of about `bytes` bytes that the content scanner parses whole (it decodes and
 * evaluates, so it is not left to the regex scan): parsing takes ~100× its size in heap.
 */
export function largeBundle(seed: number, bytes: number): string {
  const parts = ['eval(atob("eA=="));\n'];
  let n = parts[0]!.length;
  for (let i = 0; n < bytes; i++) {
    const line = `function f${seed}_${i}(a,b){var c=[a,b,${i}].map(function(x){return x*2+"k${i}"});return c.join(",")+g${i % 97}(a);}\n`;
    parts.push(line);
    n += line.length;
  }
  return parts.join('');
}
