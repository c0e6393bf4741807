/** Every parser under fuzz, in one explicit list. */
import { BINARY_TARGETS } from './targets-binary.js';
import { INVENTORY_TARGETS } from './targets-inventory.js';
import { TEXT_TARGETS } from './targets-text.js';
import type { FuzzTarget } from './types.js';

export const FUZZ_TARGETS: readonly FuzzTarget[] = [...INVENTORY_TARGETS, ...TEXT_TARGETS, ...BINARY_TARGETS];
