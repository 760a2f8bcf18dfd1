/**
 * The site's charts: Vega-Lite specs built from the segmentation document, their data tables and alt
 * texts, and server-side rendering to SVG and PNG. Browser code imports './specs.js' (no Node modules).
 */

export { chartFontDir, FONT_FILES } from './fonts.js';
export { type PngOptions, renderPng, renderSocialCard, renderSvg, renderYearCard, withTheme } from './render.js';
export * from './specs.js';
