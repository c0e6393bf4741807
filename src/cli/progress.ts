/** Progress renderers: a one-line bar on a TTY, JSON lines when asked on a non-TTY, else silence. */
import type { Writable } from 'node:stream';
import type { EventSink, ProgressEvent } from '../core/events.js';
import { redact } from '../core/redact.js';
import { sanitizeText } from '../core/sanitize.js';

export function ttyProgress(stream: Writable & { columns?: number }): EventSink & { done(): void } {
  let last = 0;
  let line = '';
  const draw = (s: string) => {
    line = redact(sanitizeText(s));
    stream.write(`\r\x1b[2K${line.slice(0, (stream.columns ?? 80) - 1)}`);
  };
  const sink = ((e: ProgressEvent) => {
    if (e.type === 'stage') draw(`${e.stage}…`);
    else if (e.type === 'progress') {
      const now = Date.now();
      if (now - last < 80 && e.done !== e.total) return;
      last = now;
      const w = 24;
      const fill = e.total ? Math.round((e.done / e.total) * w) : 0;
      draw(`${e.stage} [${'#'.repeat(fill)}${'.'.repeat(w - fill)}] ${e.done}/${e.total} ${e.subject ?? ''}`);
    } else if (e.type === 'info') draw(e.message);
  }) as EventSink & { done(): void };
  sink.done = () => {
    if (line) stream.write('\r\x1b[2K');
  };
  return sink;
}

export function jsonLinesProgress(stream: Writable): EventSink {
  return (e) => {
    stream.write(`${redact(JSON.stringify(e))}\n`);
  };
}
