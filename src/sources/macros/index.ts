/** The m4 macro catalogue: canonical autoconf/automake/libtool/gettext/autoconf-archive/gnulib macros. */
export type { MacroCatalogue, MacroTexts, MacroVersion, MacroVerdict, MacroStatus } from './types.js';
export { m4Serial, normalizeM4, m4Digest, compareSerials } from './normalize.js';
export { loadMacroCatalogue, loadMacroTexts, judgeMacro, M4_CATALOGUE_DIR } from './catalogue.js';
export { collectMacros, type CollectedMacro } from './collect.js';
