/**
 * `funding.json`, the FLOSS/fund manifest (v1: `entity`, `projects`, `funding.channels[]` with
 * `guid`, `type` (bank | payment-provider | cheque | cash | other), `address`, `description`).
 * Payment-provider addresses that are URLs are recognised like any funding URL; the others are
 * kept as declared text. The recipient is the entity, so its projects group under one payee.
 */
import { isObj } from '../../core/guards.js';
import type { Problem } from '../../core/types.js';
import type { FundingChannel } from './channel.js';
import { recogniseUrl } from './recognise.js';

const TYPES = new Set(['bank', 'payment-provider', 'cheque', 'cash', 'other']);

export function parseFundingJson(text: string, file: string): { channels: FundingChannel[]; problems: Problem[]; entity?: string } {
  const channels: FundingChannel[] = [];
  const problems: Problem[] = [];
  const bad = (message: string) => problems.push({ code: 'E_MANIFEST_PARSE', file, subject: file, message: `${file}: ${message}` });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    bad(`not valid JSON (${(e as Error).message})`);
    return { channels, problems };
  }
  if (!isObj(doc)) {
    bad('expected a JSON object');
    return { channels, problems };
  }
  const ent = isObj(doc['entity']) ? doc['entity'] : undefined;
  const entName = typeof ent?.['name'] === 'string' ? ent['name'].trim() : '';
  const entKey = (typeof ent?.['email'] === 'string' && ent['email'].includes('@') ? ent['email'] : entName).toLowerCase();
  if (!entKey) bad('entity.name / entity.email missing: channels grouped by their own address');
  const fund = isObj(doc['funding']) ? doc['funding'] : undefined;
  const list = fund?.['channels'];
  if (!Array.isArray(list)) {
    bad('funding.channels is not an array');
    return { channels, problems, ...(entName ? { entity: entName } : {}) };
  }
  list.forEach((ch, n) => {
    if (!isObj(ch)) return bad(`funding.channels[${n}] is not an object`);
    const type = typeof ch['type'] === 'string' ? ch['type'] : '';
    const address = typeof ch['address'] === 'string' ? ch['address'].trim() : '';
    if (!TYPES.has(type))
      return bad(`funding.channels[${n}].type "${String(ch['type']).slice(0, 30)}" is not bank, payment-provider, cheque, cash or other`);
    if (!address) return bad(`funding.channels[${n}].address is missing`);
    const r = /^https?:\/\//i.test(address) ? recogniseUrl(address) : undefined;
    if (r && 'error' in r) return bad(`funding.channels[${n}].address: ${r.error}`);
    const recipient = entKey ? `floss:${entKey}` : (r?.recipient ?? `floss:${address.toLowerCase().slice(0, 80)}`);
    channels.push({
      platform: r?.platform ?? (type === 'bank' ? 'bank' : 'custom'),
      address: r?.address ?? address,
      recipient,
      source: 'funding.json',
      declaredType: type,
    });
  });
  return { channels, problems, ...(entName ? { entity: entName } : {}) };
}
