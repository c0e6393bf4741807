export { parseElf } from './parse.js';
export { ElfFormatError } from './bytes.js';
export { isElf, addrToOffset, sectionBytes, SHF_EXECINSTR, SHF_ALLOC, SHF_WRITE } from './header.js';
export { adrpTarget, isAdrp, ldr64Offset } from './plt.js';
export type * from './types.js';
