/**
 * The thread behind SyncPgClient: owns one node-postgres connection and answers one request at a
 * time. Each answer is posted on the port and then signalled through the shared flag, which is what
 * the blocked caller waits on (see sync-client.ts).
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import pg from 'pg';
import type { BridgeReply, BridgeRequest } from './sync-protocol.js';

const { port, flag, url, statementTimeoutMs } = workerData as {
  port: MessagePort;
  flag: Int32Array;
  url: string;
  statementTimeoutMs: number;
};
let client: pg.Client | undefined;
let broken: Error | undefined;

function reply(r: BridgeReply): void {
  port.postMessage(r);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

/** bytea parameters arrive as Uint8Array (structured clone); pg wants Buffers. */
function toPg(v: unknown): unknown {
  return v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v;
}

async function handle(req: BridgeRequest): Promise<BridgeReply> {
  if (req.op === 'close') {
    await client?.end().catch(() => undefined);
    client = undefined;
    return { ok: true, rows: [], rowCount: 0 };
  }
  if (broken) throw broken;
  if (!client) {
    const c = new pg.Client({
      connectionString: url,
      statement_timeout: statementTimeoutMs,
      connectionTimeoutMillis: 10_000,
      application_name: 'vigil',
    });
    c.on('error', (e) => {
      broken = e;
    });
    await c.connect();
    client = c;
  }
  if (req.op === 'connect') return { ok: true, rows: [], rowCount: 0 };
  const res: pg.QueryResult | pg.QueryResult[] = await client.query({ text: req.sql, values: req.params.map(toPg) });
  // A multi-statement script (a migration) answers with one result per statement: keep the last.
  const r = Array.isArray(res) ? res[res.length - 1]! : res;
  return { ok: true, rows: r.rows as Record<string, unknown>[], rowCount: r.rowCount ?? 0 };
}

port.on('message', (req: BridgeRequest) => {
  handle(req).then(reply, (e: unknown) => {
    const err = e as { message?: string; code?: string };
    reply({ ok: false, message: String(err.message ?? e), code: typeof err.code === 'string' ? err.code : undefined });
  });
});
