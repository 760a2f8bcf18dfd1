/**
 * The chart builders without the renderers: no Node-only imports (sharp, fs), so browser code may use it
 * (e.g. to hand a spec and themeConfig to vega-embed). Server code can import './index.js' instead.
 */

export {
  type ActivityCell,
  type WorkActivityChartInput,
  workActivityCells,
  workActivitySpec,
  workActivityTable,
} from './activities.js';
export {
  type BreakdownChartInput,
  type BreakdownOptions,
  type BreakdownRow,
  breakdownRows,
  breakdownSpec,
  breakdownTable,
} from './breakdown.js';
export {
  SOCIAL_CARD,
  type SocialCardInput,
  type SocialCardOptions,
  socialCardSpec,
  type YearCardInput,
  type YearCardOptions,
  yearCardSpec,
} from './card.js';
export {
  type ChangesChartInput,
  type ChangesChartRow,
  type ChangesPoint,
  changesLabels,
  changesPoints,
  changesSpec,
  changesTable,
  YEAR_COLORS,
} from './changes.js';
export { OVERALL_NAME, segmentName } from './data.js';
export {
  type LiftChartInput,
  type LiftChartOptions,
  type LiftCluster,
  type LiftRow,
  liftChartRows,
  liftChartSpec,
  liftChartTable,
} from './lift.js';
export { type MapOptions, mapSpec, mapTable } from './map.js';
export { NARROW_WIDTH, narrowSpec } from './narrow.js';
export { DEFAULT_MAP_POINTS, type MapSampleOptions, mapSample } from './sample.js';
export {
  type LabelStyle,
  labelBoxSize,
  SEGMENT_MAP_SIZE,
  type SegmentMapLabel,
  type SegmentMapOptions,
  segmentMapLabels,
  segmentMapSpec,
  segmentMapTable,
  spreadLabels,
} from './segment-map.js';
export { type SeriesChartInput, type SeriesPoint, seriesPoints, seriesSpec, seriesTable } from './series.js';
export { type SizeRow, type SizesChartInput, segmentSizeRows, segmentSizesSpec, segmentSizesTable } from './sizes.js';
export {
  STABILITY_LABELS,
  type StabilityChartInput,
  type StabilityRow,
  stabilityRows,
  stabilitySpec,
  stabilityTable,
} from './stability.js';
export { type Cell, type ChartTable, toCsv, toRecords } from './table.js';
export { FONT_FAMILY, FONT_NAME, THEME_BACKGROUND, type Theme, themeConfig, VEGA_LITE_SCHEMA } from './theme.js';
export { ALL_PROFESSIONALS, type TrendChartInput, trendSpec, trendTable, trendValues } from './trends.js';
