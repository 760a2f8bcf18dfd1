/** Components that editors' MDX may use without importing them (passed to `<Content components>`). */
import Share from './Share.astro';
import Lift from './Lift.astro';
import Breakdown from './Breakdown.astro';
import LiftChart from './LiftChart.astro';
import Stability from './Stability.astro';
import type { SummaryComponent } from '../../lib/summary-components.js';

/** Exactly the components of SUMMARY_COMPONENTS: a missing or extra one fails the type check. */
export const summaryComponents = { Share, Lift, Breakdown, LiftChart, Stability } satisfies Record<SummaryComponent, unknown>;
