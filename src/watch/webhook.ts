/**
 * Alert delivery to a webhook: a JSON body whose `text` is what Slack and Teams incoming webhooks
 * display (the full alert rides along under `vigil`), signed with HMAC-SHA256 over
 * `timestamp.body` when a shared secret is set (`X-Vigil-Timestamp`, `X-Vigil-Signature:
 * sha256=…`), retried with backoff on network errors, 429 and 5xx. Sent through the proxy of the
 * user's npm configuration, like every other request vigil makes.
 */
import { createHmac } from 'node:crypto';
import { VigilError } from '../core/errors.js';
import { fetch as undiciFetch } from 'undici';
import { describeNetworkError } from '../sources/net/network-error.js';
import { proxyDispatcher, type ProxySettings } from '../sources/net/proxy-dispatcher.js';
import type { Alert } from './types.js';

export interface WebhookOptions {
  url: string;
  secret?: string;
  attempts?: number;
  /** The proxy of the user's npm configuration (`proxy`, `https-proxy`, `noproxy`). */
  proxy?: ProxySettings;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export function alertText(a: Alert): string {
  const exposed = a.exposed.length ? ` — would be taken by ${[...new Set(a.exposed.map((e) => e.project))].join(', ')}` : '';
  return `[vigil] ${a.severity.toUpperCase()} ${a.title}${exposed}`;
}

export function signBody(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export async function postAlert(a: Alert, o: WebhookOptions): Promise<void> {
  const body = JSON.stringify({ text: alertText(a), vigil: a });
  const dispatcher = o.fetch ? undefined : proxyDispatcher(o.proxy);
  const doFetch =
    o.fetch ?? ((url: string, init: RequestInit) => undiciFetch(url, { ...(init as object), dispatcher }) as unknown as Promise<Response>);
  try {
    await deliver(body, o, doFetch);
  } finally {
    await dispatcher?.close();
  }
}

async function deliver(body: string, o: WebhookOptions, doFetch: (url: string, init: RequestInit) => Promise<Response>): Promise<void> {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const attempts = o.attempts ?? 4;
  let last = '';
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await sleep(500 * 2 ** (i - 1));
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'vigil-watch' };
    if (o.secret) {
      headers['x-vigil-timestamp'] = timestamp;
      headers['x-vigil-signature'] = signBody(o.secret, timestamp, body);
    }
    try {
      // A webhook never redirects: following one would post the alert (and its signature) elsewhere.
      const res = await doFetch(o.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(15_000) });
      await res.body?.cancel().catch(() => undefined); // the answer is not read: a status is all a webhook says
      if (res.ok) return;
      last = res.status >= 300 && res.status < 400 ? `HTTP ${res.status}: a redirect, not followed` : `HTTP ${res.status}`;
      if (res.status !== 429 && res.status < 500) break;
    } catch (e) {
      last = describeNetworkError(e);
    }
  }
  throw new VigilError('E_NETWORK', `webhook delivery failed after ${attempts} attempt(s): ${last}`, {
    hint: 'the alert is kept and sent again on the next poll',
  });
}
