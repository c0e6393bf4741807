/**
 * Reads one inventory input (with the size cap every input gets) and runs an extractor on it. Kept
 * apart from the registry so a caller that knows the format (guard reading npm lockfiles) loads
 * that one extractor, not every parser vigil has.
 */
import { readFileSync, statSync } from 'node:fs';
import { VigilError } from '../core/errors.js';
import type { Inventory } from '../core/types.js';
import type { ExtractContext, Extractor } from './types.js';

export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

export async function extractFile(extractor: Extractor, path: string, displayPath: string, ctx: ExtractContext = {}): Promise<Inventory> {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_INPUT_BYTES) {
      throw new VigilError('E_UNSUPPORTED', `${size} bytes, over the ${MAX_INPUT_BYTES}-byte limit for an inventory input`, {
        file: displayPath,
      });
    }
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new VigilError('E_INPUT_NOT_FOUND', `could not be read: ${(cause as Error).message}`, { file: displayPath, cause });
  }
  return extractor.extract({ path, displayPath, text }, ctx);
}
