/** PostgreSQL connection strings: recognised by scheme, shown only with the password masked. */

const SCHEME = /^(postgres(?:ql)?:\/\/)/i;

export function isPostgresUrl(s: string | undefined): s is string {
  return s !== undefined && SCHEME.test(s.trim());
}

/**
 * The connection string with any password replaced by `***`: the userinfo one (up to the last `@`
 * before the query, so an unencoded `@` or `/` in the password is masked too) and a `password=`
 * parameter.
 */
export function maskPostgresUrl(s: string): string {
  const m = SCHEME.exec(s);
  if (!m) return s;
  const rest = s.slice(m[1]!.length);
  const queryAt = rest.search(/[?#]/);
  const head = queryAt < 0 ? rest : rest.slice(0, queryAt);
  const tail = queryAt < 0 ? '' : rest.slice(queryAt);
  const at = head.lastIndexOf('@');
  let out = head;
  if (at >= 0) {
    const userinfo = head.slice(0, at);
    const colon = userinfo.indexOf(':');
    if (colon >= 0) out = `${userinfo.slice(0, colon)}:***${head.slice(at)}`;
  }
  return m[1]! + out + tail.replace(/([?&]password=)[^&#]*/gi, '$1***');
}
