/** Components that editors' MDX may use without importing them (passed to `<Content components>`). */

import type { SummaryComponent } from '../../lib/summary-components.js';
import Breakdown from './Breakdown.astro';
import Lift from './Lift.astro';
import LiftChart from './LiftChart.astro';
import Share from './Share.astro';
import Stability from './Stability.astro';

/** Exactly the components of SUMMARY_COMPONENTS: a missing or extra one fails the type check. */
export const summaryComponents = { Share, Lift, Breakdown, LiftChart, Stability } satisfies Record<
  SummaryComponent,
  unknown
>;
