/** One model for every funding channel, whatever file declared it. */

export type FundingPlatform =
  | 'github'
  | 'open_collective'
  | 'liberapay'
  | 'patreon'
  | 'ko_fi'
  | 'tidelift'
  | 'polar'
  | 'buy_me_a_coffee'
  | 'thanks_dev'
  | 'community_bridge'
  | 'lfx_crowdfunding'
  | 'issuehunt'
  | 'bank'
  | 'custom';

export type FundingSource = 'package.json' | 'FUNDING.yml' | 'funding.json';

export interface FundingChannel {
  platform: FundingPlatform;
  /** Where to pay: an https URL, or (funding.json bank/cheque/other channels) the declared address text. */
  address: string;
  /**
   * Who receives the money, the grouping key of a funding plan: `github:sindresorhus`,
   * `open_collective:webpack`, `tidelift:npm/chalk`, `floss:<entity>`, `url:<host/path>`.
   */
  recipient: string;
  source: FundingSource;
  /** The `type` the manifest gave, when it gave one. */
  declaredType?: string;
}

/** Platforms ordered by how directly the money reaches the maintainers (used to pick one channel). */
export const PLATFORM_PREFERENCE: readonly FundingPlatform[] = [
  'open_collective',
  'github',
  'liberapay',
  'thanks_dev',
  'polar',
  'tidelift',
  'community_bridge',
  'lfx_crowdfunding',
  'ko_fi',
  'patreon',
  'buy_me_a_coffee',
  'issuehunt',
  'bank',
  'custom',
];
