/** Components that editors' MDX may use without importing them (passed to `<Content components>`). */
import Share from './Share.astro';
import Lift from './Lift.astro';
import Breakdown from './Breakdown.astro';
import LiftChart from './LiftChart.astro';

export const summaryComponents = { Share, Lift, Breakdown, LiftChart };
