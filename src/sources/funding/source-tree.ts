/**
 * Funding channels from a source tree (a checkout or an installed package directory):
 * `funding.json`, `.github/FUNDING.yml` and package.json `funding`. Files larger than 1 MiB and
 * symbolic links are not read.
 */
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../../core/types.js';
import type { FundingChannel } from './channel.js';
import { parseFundingJson } from './funding-json.js';
import { parseFundingYml } from './funding-yml.js';
import { parsePackageFunding } from './package-funding.js';

const MAX_BYTES = 1024 * 1024;

function readSmall(path: string, problems: Problem[]): string | undefined {
  try {
    const st = lstatSync(path);
    if (!st.isFile()) return undefined;
    if (st.size > MAX_BYTES) {
      problems.push({ code: 'E_MANIFEST_PARSE', file: path, message: `${path}: larger than 1 MiB, not read` });
      return undefined;
    }
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function readTreeFunding(dir: string, opts: { packageJson?: boolean } = {}): { channels: FundingChannel[]; problems: Problem[] } {
  const channels: FundingChannel[] = [];
  const problems: Problem[] = [];
  const add = (r: { channels: FundingChannel[]; problems: Problem[] }) => {
    problems.push(...r.problems);
    for (const c of r.channels) if (!channels.some((x) => x.address === c.address && x.recipient === c.recipient)) channels.push(c);
  };
  const fj = join(dir, 'funding.json');
  const fjText = readSmall(fj, problems);
  if (fjText !== undefined) add(parseFundingJson(fjText, fj));
  for (const name of ['.github/FUNDING.yml', '.github/FUNDING.yaml']) {
    const p = join(dir, name);
    const t = readSmall(p, problems);
    if (t !== undefined) add(parseFundingYml(t, p));
  }
  if (opts.packageJson !== false) {
    const pj = join(dir, 'package.json');
    const t = readSmall(pj, problems);
    if (t !== undefined) {
      try {
        const m = JSON.parse(t) as unknown;
        if (typeof m === 'object' && m !== null && 'funding' in m) add(parsePackageFunding((m as Record<string, unknown>)['funding'], pj));
      } catch (e) {
        problems.push({ code: 'E_MANIFEST_PARSE', file: pj, message: `${pj}: not valid JSON (${(e as Error).message})` });
      }
    }
  }
  return { channels, problems };
}
