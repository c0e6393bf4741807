/** Findings from the fragility metrics (truck factor, dominance, decline, elephant factor). */
import type { Finding } from '../../../core/types.js';
import type { FragilityFacts } from '../fragility.js';
import type { TruckFactor } from '../truck-factor.js';
import { finding, type SignalContext } from './context.js';

const MIN_COMMITS = 30;

export function fragilityFindings(ctx: SignalContext, tf: TruckFactor, fr: FragilityFacts): Finding[] {
  const out: Finding[] = [];
  const humanCommits = ctx.model.commits.length;
  if (humanCommits < MIN_COMMITS) return out;
  if (tf.value === 1 && tf.removed[0]) {
    const r = tf.removed[0];
    out.push(
      finding(
        ctx,
        'history/truck-factor-one',
        'medium',
        'medium',
        `Truck factor 1: ${r.name} is the main author of most files`,
        [
          {
            kind: 'metadata',
            label: 'degree of authorship',
            field: 'truckFactor',
            value: { person: r.name, filesAuthored: r.files, filesConsidered: tf.filesConsidered },
          },
        ],
        `By degree of authorship, ${r.name} is an author of ${r.files} of ${tf.filesConsidered} files; without them more than half of the files have no author.`,
        'Fund or staff a second maintainer; see `vigil fund`.',
      ),
    );
  }
  const rs = fr.recentTopShare;
  if (rs && rs.commits >= 10 && rs.share >= 0.8) {
    out.push(
      finding(
        ctx,
        'history/dominant-contributor',
        'low',
        'high',
        `${rs.name} authored ${Math.round(rs.share * 100)}% of the last three years' commits`,
        [{ kind: 'metadata', label: 'share of commits, last 3 years', field: 'recentTopShare', value: rs }],
        `${rs.name} authored ${Math.round(rs.share * 100)}% of ${rs.commits} commits in the last three years of history.`,
      ),
    );
  }
  const tm = fr.topMaintainer;
  if (tm?.decline) {
    const d = tm.decline;
    out.push(
      finding(
        ctx,
        'history/maintainer-activity-decline',
        'low',
        'medium',
        `${tm.name}'s activity fell from ${d.peakCommits} commits (${d.peakYear}) to ${d.lastTwoYears} in the last two years`,
        [{ kind: 'metadata', label: 'commits per year', field: 'topMaintainer.years', value: tm.years.slice(-8) }],
        `The top maintainer's yearly commits have stayed under 35% of their ${d.peakYear} peak for two years: a burn-out or withdrawal signal.`,
        'Reach out and offer support (funding, co-maintainers) before the project needs a new maintainer.',
      ),
    );
  }
  const pd = tm?.pastDecline;
  if (tm && pd) {
    out.push(
      finding(
        ctx,
        'history/maintainer-activity-decline',
        'low',
        'medium',
        `${tm.name}'s activity fell from ${pd.peakCommits} commits (${pd.peakYear}) to about ${Math.round(pd.commits / (pd.to - pd.from + 1))} a year over ${pd.from}–${pd.to}, while still carrying the project`,
        [
          {
            kind: 'metadata',
            label: 'commits per year',
            field: 'topMaintainer.years',
            value: tm.years.filter((y) => y.year >= pd.peakYear && y.year <= pd.to + 2),
          },
        ],
        `From ${pd.from} to ${pd.to} the top maintainer committed under 35% of their ${pd.peakYear} peak each year, yet still authored ${Math.round(pd.share * 100)}% of the project's commits: a burn-out period with nobody else carrying the project. Newcomers who arrived then deserve a closer look (see history/newcomer-takeover).`,
        'Reach out and offer support (funding, co-maintainers) before the project needs a new maintainer.',
      ),
    );
  }
  if (fr.elephantFactor === 1) {
    out.push(
      finding(
        ctx,
        'history/elephant-factor-one',
        'info',
        'medium',
        'Elephant factor 1',
        [{ kind: 'metadata', label: 'commits by organization', field: 'topOrganizations', value: fr.topOrganizations }],
        `One organization (by e-mail domain, or one individual) accounts for at least half of all commits: ${fr.topOrganizations[0]?.org ?? ''}.`,
      ),
    );
  }
  return out;
}
