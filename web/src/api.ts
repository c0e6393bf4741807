/** The dashboard's calls to its server's JSON API (same origin; the token, if any, is a cookie). */
export class ApiError extends Error {}

async function parse<T>(r: Response): Promise<T> {
  const body = (await r.json().catch(() => ({}))) as { error?: { message?: string; hint?: string } };
  if (!r.ok) throw new ApiError(body.error?.message ?? `HTTP ${r.status}`);
  return body as T;
}

export const getJson = async <T>(path: string): Promise<T> => parse<T>(await fetch(path, { headers: { accept: 'application/json' } }));

/** A state-changing call: JSON body and the header cross-site requests cannot send (the server's CSRF check). */
export const postJson = async <T>(path: string, body: unknown): Promise<T> =>
  parse<T>(
    await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-vigil-request': '1' },
      body: JSON.stringify(body),
    }),
  );
