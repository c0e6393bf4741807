/** Renderer registry: one result model, many formats. */
import type { ScanResult } from '../core/result.js';
import { renderJson } from './json.js';
import { renderTerminal, type TerminalOptions } from './terminal.js';

export type Format = 'terminal' | 'json' | 'sarif' | 'markdown' | 'html' | 'cyclonedx';

export interface RenderOptions {
  terminal?: TerminalOptions;
}

type Renderer = (r: ScanResult, o: RenderOptions) => string;

export const RENDERERS: Partial<Record<Format, Renderer>> = {
  terminal: (r, o) => renderTerminal(r, o.terminal),
  json: (r) => renderJson(r),
};
