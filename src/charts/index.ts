/**
 * The site's charts: Vega-Lite specs built from the segmentation document, their data tables and alt
 * texts, and server-side rendering to SVG and PNG. Browser code imports './specs.js' (no Node modules).
 */
export * from './specs.js';
export { renderSvg, renderPng, renderSocialCard, renderYearCard, withTheme, type PngOptions } from './render.js';
export { chartFontDir, FONT_FILES } from './fonts.js';
