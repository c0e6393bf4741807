/**
 * Renderer registry: one result model, many formats. Each renderer's module (and its libraries, e.g.
 * the CycloneDX one) is imported only when that format is asked for, so the CLI starts fast.
 */
import type { ScanResult } from '../core/result.js';
import type { TerminalOptions } from './terminal.js';

export type Format = 'terminal' | 'json' | 'sarif' | 'markdown' | 'html' | 'cyclonedx';

export interface RenderOptions {
  terminal?: TerminalOptions;
}

export type Renderer = (r: ScanResult, o: RenderOptions) => string;

const catalogue = async () => (await import('../rules/catalogue.js')).ruleCatalogue();

export const RENDERERS: Record<Format, () => Promise<Renderer>> = {
  terminal: async () => {
    const m = await import('./terminal.js');
    return (r, o) => m.renderTerminal(r, o.terminal);
  },
  json: async () => {
    const m = await import('./json.js');
    return (r) => m.renderJson(r);
  },
  sarif: async () => {
    const [m, rules] = await Promise.all([import('./sarif.js'), catalogue()]);
    return (r) => m.renderSarif(r, rules);
  },
  markdown: async () => {
    const m = await import('./markdown.js');
    return (r) => m.renderMarkdown(r);
  },
  html: async () => {
    const [m, rules] = await Promise.all([import('./html.js'), catalogue()]);
    return (r) => m.renderHtml(r, { rules });
  },
  cyclonedx: async () => {
    const m = await import('./cyclonedx.js');
    return (r) => m.renderCycloneDx(r);
  },
};

/** The renderer for FORMAT, or undefined when the format is unknown. */
export async function loadRenderer(format: string): Promise<Renderer | undefined> {
  const load = Object.hasOwn(RENDERERS, format) ? RENDERERS[format as Format] : undefined;
  return load ? load() : undefined;
}

/** Every renderer, loaded (for tests and tools that render one result in all formats). */
export async function allRenderers(): Promise<Array<[Format, Renderer]>> {
  return Promise.all((Object.keys(RENDERERS) as Format[]).map(async (f) => [f, await RENDERERS[f]()] as [Format, Renderer]));
}
