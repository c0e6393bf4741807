export function createContentPool(): unknown { return undefined; }
export type ContentPool = unknown;
