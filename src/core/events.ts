/** Progress events emitted by library stages; renderers (TTY bar, JSON lines) subscribe to them. */
import type { Problem } from './types.js';

export type ProgressEvent =
  | { type: 'stage'; stage: string; total?: number }
  | { type: 'progress'; stage: string; done: number; total: number; subject?: string }
  | { type: 'problem'; problem: Problem }
  | { type: 'info'; message: string };

export type EventSink = (e: ProgressEvent) => void;

export const silentSink: EventSink = () => {};
