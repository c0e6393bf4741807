/** Escaping for the parts of report.html built on the server side. */

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON safe inside `<script type="application/json">`: no `<`, `>` or `&` can appear literally, so
 * attacker-controlled strings (a package named `</script><img onerror=…>`) cannot end the block.
 * U+2028/2029 are escaped too so the text is also valid as a JavaScript literal.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Inline script text that cannot close its element or open an HTML comment. */
export function scriptText(js: string): string {
  return js.replace(/<(\/script|!--)/gi, '<\\$1');
}

/** Inline stylesheet text that cannot close its element. */
export function styleText(css: string): string {
  return css.replace(/<\/style/gi, '<\\/style');
}
