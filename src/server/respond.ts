/** Responses of the dashboard server: JSON and errors, always with the same protective headers. */
import type { ServerResponse } from 'node:http';
import { isVigilError, type ErrorCode } from '../core/errors.js';

export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function baseHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Content-Security-Policy', PAGE_CSP);
  res.setHeader('Cache-Control', 'no-store');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

export function sendError(res: ServerResponse, status: number, code: string, message: string, hint?: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, { error: { code, message, ...(hint ? { hint } : {}) } });
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  E_USAGE: 400,
  E_SUPPRESSION: 400,
  E_INPUT_NOT_FOUND: 404,
  E_CONFIG: 409,
  E_REQUEST_TOO_LARGE: 413,
};

/** Expected failures become their status; anything else is a bug: 500, and reported to the caller. */
export function sendFailure(res: ServerResponse, e: unknown, onBug: (e: unknown) => void): void {
  if (isVigilError(e)) {
    sendError(res, STATUS[e.code] ?? 500, e.code, e.where(), e.hint);
    return;
  }
  onBug(e);
  sendError(res, 500, 'E_INTERNAL', 'internal error (see the server output)');
}
