/**
 * Redirects followed by hand, one hop at a time: every hop is checked against the caller's host
 * policy before it is requested, credentials never follow a redirect to another origin, an https
 * URL never redirects to plain http, and the number of hops is bounded.
 */
import { VigilError } from '../../core/errors.js';

export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/** The part of a response this needs (undici's, the global fetch's and test fakes all fit). */
export interface HopResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: { getReader(): { cancel(reason?: unknown): Promise<void> } } | null;
}

export type CheckHop = (next: URL, first: URL) => Promise<void> | void;

export async function followRedirects<R extends HopResponse>(
  firstUrl: string,
  headers: Record<string, string>,
  send: (url: string, headers: Record<string, string>) => Promise<R>,
  checkHop: CheckHop,
  opts: { max?: number; subject?: string } = {},
): Promise<{ res: R; url: string }> {
  const max = opts.max ?? MAX_REDIRECTS;
  const first = new URL(firstUrl);
  const fail = (why: string): VigilError =>
    new VigilError('E_NETWORK', `GET ${firstUrl}: ${why}`, {
      subject: opts.subject ?? firstUrl,
      hint: 'the server redirected somewhere vigil does not follow',
    });
  let url = first;
  let h = headers;
  for (let hop = 0; ; hop++) {
    const res = await send(url.href, h);
    const location = REDIRECT_STATUSES.has(res.status) ? res.headers.get('location') : null;
    if (location === null) return { res, url: url.href };
    await res.body
      ?.getReader()
      .cancel()
      .catch(() => {});
    if (hop >= max) throw fail(`more than ${max} redirects`);
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      throw fail(`redirect to an invalid URL ${JSON.stringify(location.slice(0, 200))}`);
    }
    if (next.protocol !== 'https:' && next.protocol !== 'http:') throw fail(`redirect to a ${next.protocol} URL`);
    if (url.protocol === 'https:' && next.protocol === 'http:') throw fail(`redirect from https to plain http (${next.host})`);
    await checkHop(next, first);
    if (next.origin !== first.origin) h = withoutCredentials(h);
    url = next;
  }
}

function withoutCredentials(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).filter(([k]) => !CREDENTIAL_HEADERS.includes(k.toLowerCase())));
}
