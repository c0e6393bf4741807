/** Renderer registry: one result model, many formats. */
import type { ScanResult } from '../core/result.js';
import { ruleCatalogue } from '../rules/catalogue.js';
import { renderCycloneDx } from './cyclonedx.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderTerminal, type TerminalOptions } from './terminal.js';

export type Format = 'terminal' | 'json' | 'sarif' | 'markdown' | 'html' | 'cyclonedx';

export interface RenderOptions {
  terminal?: TerminalOptions;
}

type Renderer = (r: ScanResult, o: RenderOptions) => string;

export const RENDERERS: Record<Format, Renderer> = {
  terminal: (r, o) => renderTerminal(r, o.terminal),
  json: (r) => renderJson(r),
  sarif: (r) => renderSarif(r, ruleCatalogue()),
  markdown: (r) => renderMarkdown(r),
  html: (r) => renderHtml(r, { rules: ruleCatalogue() }),
  cyclonedx: (r) => renderCycloneDx(r),
};
