/** Funding: channels normalised from package.json / FUNDING.yml / funding.json, and the allocation plan. */
export type { FundingChannel, FundingPlatform, FundingSource } from '../sources/funding/channel.js';
export { recogniseUrl } from '../sources/funding/recognise.js';
export { parsePackageFunding } from '../sources/funding/package-funding.js';
export { parseFundingYml } from '../sources/funding/funding-yml.js';
export { parseFundingJson } from '../sources/funding/funding-json.js';
export { readTreeFunding } from '../sources/funding/source-tree.js';
export { allocate, type Allocation, type AllocationItem, type AllocationOptions } from './allocate.js';
export { transitiveWeights } from './transitive.js';
export { buildPlan, preferredChannel, NEED_FLOOR, DEFAULT_TRANSITIVE_SHARE, type PlanOptions } from './plan.js';
export type { FundingPlan, FundingShare, UnfundedComponent, PledgeSummary } from './plan-types.js';
export { pledgeSummary, renderPledge, PLEDGE_PER_DEVELOPER_PER_YEAR } from './pledge.js';
export { renderFundingCsv } from './csv.js';
export { renderFundingTable } from './table.js';
export { collectFunding, type CollectDeps } from '../sources/funding/collect.js';
export { buildFundResult, type FundInput } from './fund-result.js';
export { parseCents } from './money.js';
