/**
 * `renderHtml(result)`: one self-contained report.html that works offline. The web client
 * (web/src, with Chart.js bundled in) and the view-model (as JSON) are inlined; a
 * Content-Security-Policy allows only those exact inline blocks (by hash) and no network at all,
 * so even a missed escape could neither run injected script nor load anything.
 */
import { createHash } from 'node:crypto';
import type { ScanResult } from '../core/result.js';
import type { RuleInfo } from '../core/rule.js';
import { webAssets } from './html/assets.js';
import { escapeHtml, jsonForScript, scriptText, styleText } from './html/escape.js';
import { buildViewModel } from './view-model.js';

export interface HtmlOptions {
  /** Rule catalogue, for rule titles and help in the findings list. */
  rules?: RuleInfo[];
  /** Page title; defaults to `vigil <command>: <target>`. */
  title?: string;
}

const sha256 = (s: string): string => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

export function renderHtml(result: ScanResult, opts: HtmlOptions = {}): string {
  const vm = buildViewModel(result, { rules: opts.rules ?? [] });
  const assets = webAssets();
  const js = scriptText(assets.js);
  const css = styleText(assets.css);
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(js)}`,
    `style-src ${sha256(css)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const title = opts.title ?? `vigil ${result.command}: ${result.target.path}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="generator" content="vigil ${escapeHtml(result.tool.version)}">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body>
<div id="app"><noscript><p>This report needs JavaScript to draw its sections. Its data is the JSON block <code>#vigil-data</code> in this file; <code>vigil scan --format json</code> gives the same.</p></noscript></div>
<script type="application/json" id="vigil-data">${jsonForScript(vm)}</script>
<script>${js}</script>
</body>
</html>
`;
}
