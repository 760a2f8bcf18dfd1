/**
 * The chart builders without the renderers: no Node-only imports (sharp, fs), so browser code may use it
 * (e.g. to hand a spec and themeConfig to vega-embed). Server code can import './index.js' instead.
 */
export { liftChartRows, liftChartSpec, liftChartTable, type LiftChartInput, type LiftCluster, type LiftRow, type LiftChartOptions } from './lift.js';
export { breakdownRows, breakdownSpec, breakdownTable, type BreakdownChartInput, type BreakdownRow, type BreakdownOptions } from './breakdown.js';
export { mapSpec, mapTable, type MapOptions } from './map.js';
export { labelBoxSize, segmentMapLabels, segmentMapSpec, segmentMapTable, spreadLabels, SEGMENT_MAP_SIZE, type LabelStyle, type SegmentMapLabel, type SegmentMapOptions } from './segment-map.js';
export { mapSample, DEFAULT_MAP_POINTS, type MapSampleOptions } from './sample.js';
export { segmentSizeRows, segmentSizesSpec, segmentSizesTable, type SizesChartInput, type SizeRow } from './sizes.js';
export { stabilityRows, stabilitySpec, stabilityTable, STABILITY_LABELS, type StabilityChartInput, type StabilityRow } from './stability.js';
export { workActivityCells, workActivitySpec, workActivityTable, type ActivityCell, type WorkActivityChartInput } from './activities.js';
export { changesLabels, changesPoints, changesSpec, changesTable, YEAR_COLORS, type ChangesChartInput, type ChangesChartRow, type ChangesPoint } from './changes.js';
export { seriesPoints, seriesSpec, seriesTable, type SeriesChartInput, type SeriesPoint } from './series.js';
export { ALL_PROFESSIONALS, trendSpec, trendTable, trendValues, type TrendChartInput } from './trends.js';
export { socialCardSpec, yearCardSpec, SOCIAL_CARD, type SocialCardInput, type SocialCardOptions, type YearCardInput, type YearCardOptions } from './card.js';
export { narrowSpec, NARROW_WIDTH } from './narrow.js';
export { toCsv, toRecords, type ChartTable, type Cell } from './table.js';
export { themeConfig, FONT_NAME, FONT_FAMILY, THEME_BACKGROUND, VEGA_LITE_SCHEMA, type Theme } from './theme.js';
export { OVERALL_NAME, segmentName } from './data.js';
