/**
 * A synchronous PostgreSQL client. The Store interface is synchronous (better-sqlite3 made it so, and
 * the engine calls it from synchronous code and transactions), while every PostgreSQL driver for Node
 * is asynchronous. This bridge keeps one node-postgres connection in a worker thread and blocks the
 * caller on Atomics.wait until the worker has answered, then takes the answer with
 * receiveMessageOnPort. One statement at a time, in order, on one connection: so BEGIN/COMMIT around
 * synchronous code is a real transaction. Blocking the thread is acceptable for a store round trip
 * (a local database answers in well under a millisecond to a few milliseconds); work that waits on the
 * network stays asynchronous elsewhere.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { BridgeReply, BridgeRequest } from './sync-protocol.js';
import { FROM_SOURCE, moduleUrl } from '../../core/package-root.js';

export interface SyncPgOptions {
  /** Server-side statement timeout (ms); the caller gives up a little after it. */
  statementTimeoutMs?: number;
}

export class SyncPgError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code: string | undefined) {
    super(message);
    this.name = 'SyncPgError';
    this.code = code;
  }
}

/** How long opening may take: the worker starts, then connects (pg's own connect timeout is 10 s). */
const CONNECT_WAIT_MS = 20_000;

/**
 * The worker module next to this one. Built, it is a plain .js file. Run from source (tsx, in tests),
 * the worker thread does not inherit tsx's loader on Node 20, so a two-line bootstrap registers it first.
 */
function workerEntry(): { entry: string | URL; eval: boolean } {
  if (!FROM_SOURCE) return { entry: moduleUrl('store/postgres/sync-worker'), eval: false };
  const worker = moduleUrl('store/postgres/sync-worker').href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return { entry: `import(${JSON.stringify(tsx)}).then((m) => m.register()).then(() => import(${JSON.stringify(worker)}))`, eval: true };
}

export class SyncPgClient {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly waitMs: number;
  private closed = false;

  constructor(url: string, opts: SyncPgOptions = {}) {
    const statementTimeoutMs = opts.statementTimeoutMs ?? 120_000;
    this.waitMs = statementTimeoutMs + 30_000;
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const { entry, eval: isEval } = workerEntry();
    this.worker = new Worker(entry, {
      eval: isEval,
      workerData: { port: port2, flag: this.flag, url, statementTimeoutMs },
      transferList: [port2],
      // No execArgv: inherited. Handed process.execArgv, a V8 flag given to node refused the worker.
    });
    this.worker.unref();
    this.port.unref();
    this.call({ op: 'connect' }, CONNECT_WAIT_MS);
  }

  query<R = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): R[] {
    const r = this.call({ op: 'query', sql, params: [...params] });
    return r.rows.map(fromClone) as R[];
  }

  /** Rows changed by an INSERT/UPDATE/DELETE. */
  run(sql: string, params: readonly unknown[] = []): number {
    return this.call({ op: 'query', sql, params: [...params] }).rowCount;
  }

  close(): void {
    if (this.closed) return;
    try {
      this.call({ op: 'close' });
    } catch {
      // closing anyway
    }
    this.closed = true;
    void this.worker.terminate();
    this.port.close();
  }

  private call(req: BridgeRequest, waitMs = this.waitMs): Extract<BridgeReply, { ok: true }> {
    if (this.closed) throw new SyncPgError('the PostgreSQL connection is closed', undefined);
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(req);
    const deadline = Date.now() + waitMs;
    let msg: { message: BridgeReply } | undefined;
    for (;;) {
      Atomics.wait(this.flag, 0, 0, 1000);
      msg = receiveMessageOnPort(this.port) as { message: BridgeReply } | undefined;
      if (msg) break;
      if (Date.now() > deadline) throw new SyncPgError(`no answer from PostgreSQL within ${waitMs} ms`, 'ETIMEDOUT');
    }
    if (!msg.message.ok) throw new SyncPgError(msg.message.message, msg.message.code);
    return msg.message;
  }
}

/** Structured clone turns Buffers into Uint8Arrays: give bytea columns back as Buffers. */
function fromClone(row: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(row)) {
    if (v instanceof Uint8Array && !Buffer.isBuffer(v)) row[k] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  }
  return row;
}
