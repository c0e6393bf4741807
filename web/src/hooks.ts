/**
 * Extension points of the one web client. report.html sets none (it is a read-only file); the
 * dashboard (`vigil serve`) adds triage controls to each finding and a link to each component's page.
 */
import type { ComponentView, FindingView } from '../../src/report/view-model.js';

export const hooks: {
  /** Extra controls at the end of an opened finding. */
  findingActions?: (f: FindingView) => Node | null;
  /** Extra controls in the component dialog. */
  componentActions?: (c: ComponentView) => Node | null;
} = {};
