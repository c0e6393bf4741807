/** Messages between SyncPgClient and its worker thread. */
export type BridgeRequest = { op: 'connect' } | { op: 'close' } | { op: 'query'; sql: string; params: unknown[] };

export type BridgeReply =
  | { ok: true; rows: Record<string, unknown>[]; rowCount: number }
  | { ok: false; message: string; /** SQLSTATE or a node error code. */ code?: string | undefined };
