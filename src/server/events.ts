/**
 * Server-sent events (`GET /api/events`): an open page learns of new alerts (raised by a `vigil
 * watch` writing to the same store, in another process) and new scans without reloading. The store
 * is polled while at least one page listens; ids already known when the server started, or already
 * sent, are never sent again.
 */
import type { ServerResponse } from 'node:http';
import { listAlerts, listProjects } from '../app/dashboard/index.js';
import type { Store } from '../store/types.js';

export const MAX_LISTENERS = 32;

export class EventFeed {
  private readonly clients = new Set<ServerResponse>();
  private readonly knownAlerts: Set<string>;
  private lastScan: number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private keepAlive: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly store: Store,
    private readonly pollMs: number,
    private readonly onBug: (e: unknown) => void,
  ) {
    this.knownAlerts = new Set(listAlerts(store).map((a) => a.id));
    this.lastScan = this.newestScan();
  }

  get listeners(): number {
    return this.clients.size;
  }

  /** Starts streaming to `res`; false when too many pages already listen. */
  add(res: ServerResponse): boolean {
    if (this.clients.size >= MAX_LISTENERS) return false;
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write('retry: 2000\n\n');
    res.write('event: hello\ndata: {}\n\n');
    this.clients.add(res);
    res.on('close', () => {
      this.clients.delete(res);
      if (this.clients.size === 0) this.stop();
    });
    this.timer ??= setInterval(() => this.poll(), this.pollMs);
    this.keepAlive ??= setInterval(() => this.broadcast(': keep-alive\n\n'), 15_000);
    return true;
  }

  /** Checks the store now (also run on a timer while pages listen). */
  poll(): void {
    try {
      const fresh = listAlerts(this.store).filter((a) => !this.knownAlerts.has(a.id));
      for (const a of fresh.reverse()) {
        this.knownAlerts.add(a.id);
        this.broadcast(`id: ${a.id.replace(/[\r\n]/g, '')}\nevent: alert\ndata: ${JSON.stringify(a)}\n\n`);
      }
      const newest = this.newestScan();
      if (newest > this.lastScan) {
        this.lastScan = newest;
        this.broadcast(`event: scan\ndata: ${JSON.stringify({ id: newest })}\n\n`);
      }
    } catch (e) {
      this.onBug(e);
    }
  }

  close(): void {
    for (const c of this.clients) c.end();
    this.clients.clear();
    this.stop();
  }

  private newestScan(): number {
    return Math.max(0, ...listProjects(this.store).map((p) => p.lastScanId));
  }

  private broadcast(text: string): void {
    for (const c of this.clients) c.write(text);
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.keepAlive) clearInterval(this.keepAlive);
    this.timer = undefined;
    this.keepAlive = undefined;
  }
}
