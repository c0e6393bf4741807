#!/usr/bin/env node
// Build step (after tsc): writes dist/code-hashes.json, the content hash of every folder and file of
// src/ (and of data/), from which analyzers' cache keys are derived (src/core/code-hash.ts).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_HASHES_FILE, computeCodeHashes } from '../dist/core/code-hash.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const hashes = computeCodeHashes(join(root, 'src'), ['../data']);
writeFileSync(join(root, 'dist', CODE_HASHES_FILE), `${JSON.stringify(hashes, null, 1)}\n`);
